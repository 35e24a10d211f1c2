package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.LocalKafka;
import io.outsight.stack.LocalStack;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka broker restarts (same port, same storage) while the enrich and index stages are in the middle of a
 * stream: the stages' consumers and producers, and a feeding producer that lives through the restart, carry on, and
 * every article is indexed exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class KafkaRestartIT {
    private static final String ALIAS = "fault-kafka-restart";
    private static final int ARTICLES = FaultArticles.NORMAL_RUN;

    @Test
    void producersAndConsumersRecoverFromABrokerRestartAndEveryArticleIsIndexedOnce(LocalStack stack)
            throws Exception {
        LocalKafka broker = stack.kafka();
        String kafka = broker.bootstrapServers();
        var articles = FaultArticles.generate("kafka-restart", ARTICLES);
        var ids = FaultArticles.ids(articles);
        var probe = new IndexProbe(stack.elasticsearch().url(), ALIAS);
        Config config = Config.defaults().with(ConfigKeys.INDEX_ALIAS, ALIAS, "test");

        try (var enriched = TopicWatch.fromNow(kafka, Topics.ARTICLES_ENRICHED, ids);
                var deadLetters = TopicWatch.fromNow(kafka, Topics.ARTICLES_DLQ, ids);
                var pipeline = Pipeline.start(config, new Endpoints(kafka, stack.elasticsearch().url()),
                        EnumSet.of(Stage.ENRICH, Stage.INDEX));
                // The feed's producer lives through the restart and goes on feeding after it.
                var feed = new PacedFeed(kafka, articles, FaultArticles.SLICE, FaultArticles.BACKLOG,
                        PacedFeed.slowest(enriched::distinct, () -> (int) probe.count(ids).orElse(0)))) {
            assertTrue(pipeline.awaitReady(Duration.ofSeconds(60)), "the stages joined their groups");

            long indexedBefore = probe.awaitIndexed(ids, 10, Duration.ofSeconds(120),
                    "some articles indexed, to restart the broker mid-stream", () -> "enriched " + enriched.distinct());
            try {
                broker.stop();
                assertFalse(LocalKafka.isResponding(kafka, Duration.ofSeconds(1)), "the broker must be down");
            } finally {
                broker.restart();
            }
            feed.awaitDone(Duration.ofMinutes(3));

            Duration catchUp = Poll.until(Duration.ofSeconds(180), "every article indexed after the restart",
                    () -> "indexed " + probe.count(ids) + " of " + ARTICLES + ", enriched " + enriched.distinct(),
                    () -> probe.count(ids).orElse(0) == ARTICLES);

            assertTrue(indexedBefore < ARTICLES, "the restart came mid-stream: " + indexedBefore
                    + " indexed");
            ExactlyOnce.check("a broker restart", ids, probe, enriched, deadLetters);
            System.out.printf("Kafka restart: %d of %d indexed before the restart; all indexed %d ms after it%n",
                    indexedBefore, ARTICLES, catchUp.toMillis());
        }
    }
}
