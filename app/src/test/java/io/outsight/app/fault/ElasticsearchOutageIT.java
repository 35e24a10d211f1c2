package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.LocalElasticsearch;
import io.outsight.stack.LocalStack;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Elasticsearch goes away for 30 s while the enrich and index stages are in the middle of a stream: the index sink
 * keeps retrying with backoff, nothing is dead-lettered, and once the node is back every article is indexed.
 */
@ExtendWith(LocalStackExtension.class)
class ElasticsearchOutageIT {
    private static final String ALIAS = "fault-es-outage";
    private static final int ARTICLES = FaultArticles.NORMAL_RUN;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void theSinkBacksOffThroughAnOutageAndThenIndexesEveryArticleWithoutDeadLetters(LocalStack stack)
            throws Exception {
        String kafka = stack.kafka().bootstrapServers();
        LocalElasticsearch node = stack.elasticsearch();
        var articles = FaultArticles.generate("es-outage", ARTICLES);
        var ids = FaultArticles.ids(articles);
        var probe = new IndexProbe(node.url(), ALIAS);
        Config config = Config.defaults().with(ConfigKeys.INDEX_ALIAS, ALIAS, "test");

        // Half the articles before the outage, half during it: the outage comes mid-stream, and the stages have work
        // in hand while the node is away. (Fed all from the start, the sink could write the last of them between
        // the count of ten indexed, which sees writes up to a refresh late, and the stop, and then have nothing to
        // retry during the outage.)
        int half = ARTICLES / 2;
        // The pipeline reaches Elasticsearch through a relay that counts the connections the stopped node refuses:
        // each is one more attempt of the sink.
        try (var proxy = new CountingProxy(node.httpPort());
                var enriched = TopicWatch.fromNow(kafka, Topics.ARTICLES_ENRICHED, ids);
                var deadLetters = TopicWatch.fromNow(kafka, Topics.ARTICLES_DLQ, ids);
                var pipeline = Pipeline.start(config, new Endpoints(kafka, proxy.url()),
                        EnumSet.of(Stage.ENRICH, Stage.INDEX));
                var before = new PacedFeed(kafka, articles.subList(0, half), FaultArticles.SLICE,
                        FaultArticles.BACKLOG, enriched::distinct)) {
            assertTrue(pipeline.awaitReady(Duration.ofSeconds(60)), "the stages joined their groups");

            long indexedBefore = probe.awaitIndexed(ids, 10, Duration.ofSeconds(120),
                    "some articles indexed, to stop Elasticsearch mid-stream", () -> "enriched " + enriched.distinct());
            long refusedBefore = proxy.refused();
            long enrichedBefore = enriched.distinct();
            long enrichedDuringOutage;
            try {
                node.stop();
                assertFalse(node.isRunning());
                // The stream goes on: enrich does not need Elasticsearch, and the sink gets what it enriches.
                try (var during = new PacedFeed(kafka, articles.subList(half, ARTICLES), FaultArticles.SLICE,
                        FaultArticles.BACKLOG, () -> enriched.distinct() - half)) {
                    // The node stays down for the whole outage while the stages keep running.
                    Poll.throughout(OUTAGE, () -> assertTrue(probe.count(ids).isEmpty(),
                            "Elasticsearch must be down"));
                    enrichedDuringOutage = enriched.distinct() - enrichedBefore;
                    during.awaitDone(Duration.ofMinutes(3)); // paced by enrich alone: done by now, as a rule
                }
            } finally {
                node.restart();
            }
            long attempts = proxy.refused() - refusedBefore;
            before.awaitDone(Duration.ofMinutes(3));

            Duration catchUp = Poll.until(Duration.ofSeconds(120), "every article indexed after the outage",
                    () -> "indexed " + probe.count(ids) + " of " + ARTICLES + ", enriched " + enriched.distinct(),
                    () -> probe.count(ids).orElse(0) == ARTICLES);

            assertTrue(enrichedDuringOutage > 0, "enrich must go on without Elasticsearch");
            assertTrue(attempts >= 2, "the sink must retry while Elasticsearch is down; refused connections: "
                    + attempts);
            ExactlyOnce.check("an Elasticsearch outage", ids, probe, enriched, deadLetters);
            System.out.printf("ES outage: %d of %d indexed before, %d enriched before and %d during it; %d refused"
                    + " attempts during %d s; caught up %d ms after the restart%n", indexedBefore, ARTICLES,
                    enrichedBefore, enrichedDuringOutage, attempts, OUTAGE.toSeconds(), catchUp.toMillis());
        }
    }
}
