package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second enrich worker joins mid-stream: the first one's partitions are revoked while it has batches in hand, some
 * pass to the newcomer, and a {@code read_committed} reader of the enriched topic still sees every article exactly
 * once, with nothing dead-lettered. The transactional counterpart of the index stage's {@code IndexRebalanceIT}.
 */
@ExtendWith(LocalStackExtension.class)
class EnrichRebalanceIT {
    private static final int ARTICLES = FaultArticles.NORMAL_RUN;

    @TempDir
    Path instances;

    @Test
    void aWorkerJoiningMidStreamLeavesEveryArticleEnrichedOnce(StackAddresses stack) throws Exception {
        String kafka = stack.kafkaBootstrapServers();
        var articles = FaultArticles.generate("enrich-rebalance", ARTICLES);
        var ids = FaultArticles.ids(articles);
        Config config = Config.defaults().with(ConfigKeys.WORKER_INSTANCE_DIR, instances, "test");
        var endpoints = new Endpoints(kafka, stack.elasticsearchUrl());

        // Half the articles before the second worker joins, half after: it joins mid-stream, and there is work
        // left for its partitions however fast the first worker is.
        int half = ARTICLES / 2;
        try (var enriched = TopicWatch.fromNow(kafka, Topics.ARTICLES_ENRICHED, ids);
                var deadLetters = TopicWatch.fromNow(kafka, Topics.ARTICLES_DLQ, ids);
                var first = Pipeline.start(config, endpoints, EnumSet.of(Stage.ENRICH));
                var before = new PacedFeed(kafka, articles.subList(0, half), FaultArticles.SLICE,
                        FaultArticles.BACKLOG, enriched::distinct)) {
            assertTrue(first.awaitReady(Duration.ofSeconds(60)), "the first worker joined its group");
            Poll.until(Duration.ofSeconds(120), "a fifth of the articles enriched", () -> "enriched "
                    + enriched.distinct(), () -> enriched.distinct() >= ARTICLES / 5);
            int enrichedAtJoin = enriched.distinct();
            long enrichedBySecond;
            try (var second = Pipeline.start(config, endpoints, EnumSet.of(Stage.ENRICH))) {
                assertTrue(second.awaitReady(Duration.ofSeconds(60)), "the second worker joined the group");
                try (var after = new PacedFeed(kafka, articles.subList(half, ARTICLES), FaultArticles.SLICE,
                        FaultArticles.BACKLOG, () -> enriched.distinct() - half)) {
                    before.awaitDone(Duration.ofMinutes(3));
                    after.awaitDone(Duration.ofMinutes(3));
                }
                Poll.until(Duration.ofSeconds(120), "every article enriched", () -> "enriched "
                        + enriched.distinct() + " of " + ARTICLES, () -> enriched.distinct() == ARTICLES);
                enrichedBySecond = second.loops().getFirst().succeeded();
            }

            enriched.awaitCaughtUp(Duration.ofSeconds(60));
            deadLetters.awaitCaughtUp(Duration.ofSeconds(30));
            assertTrue(enrichedBySecond > 0, "the second worker took partitions and enriched some");
            assertEquals(ARTICLES, enriched.distinct(), "every article enriched");
            assertTrue(enriched.duplicates().isEmpty(), "a read_committed reader saw articles twice: "
                    + enriched.duplicates());
            assertTrue(deadLetters.seen().isEmpty(), "nothing dead-lettered: " + deadLetters.seen());
            System.out.printf("Enrich rebalance: %d of %d enriched when the second worker joined, which enriched"
                    + " %d of them%n", enrichedAtJoin, ARTICLES, enrichedBySecond);
        }
    }
}
