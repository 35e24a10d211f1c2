package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.Topics;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enrich worker and an index worker, each a child JVM, are killed with SIGKILL in the middle of a stream and
 * started again: no commit, no shutdown hook, a transaction possibly left open. Every article still ends up indexed
 * exactly once, and a {@code read_committed} reader of the enriched topic sees each article once. The workers' consumer
 * sessions last five minutes, longer than the test waits: the restarted workers take over the killed ones' partitions
 * at once as the same static members of their groups, not after those sessions time out.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerCrashIT {
    private static final String ALIAS = "fault-worker-crash";
    private static final int ARTICLES = FaultArticles.NORMAL_RUN;

    /** The workers' instance slots: the restarted ones find the killed ones' free, and no one else's. */
    @TempDir
    Path instances;

    @Test
    void killedEnrichAndIndexWorkersRestartAndEveryArticleIsIndexedExactlyOnce(StackAddresses stack)
            throws Exception {
        String kafka = stack.kafkaBootstrapServers();
        var articles = FaultArticles.generate("worker-crash", ARTICLES);
        var ids = FaultArticles.ids(articles);
        var probe = new IndexProbe(stack.elasticsearchUrl(), ALIAS);

        try (var workers = new Workers("worker-crash", stack, List.of("-Xmx256m"),
                        Map.of(ConfigKeys.INDEX_ALIAS.name(), ALIAS,
                                ConfigKeys.KAFKA_CONSUMER_SESSION_TIMEOUT.name(), "300s",
                                ConfigKeys.WORKER_INSTANCE_DIR.name(), instances.toString()));
                var enriched = TopicWatch.fromNow(kafka, Topics.ARTICLES_ENRICHED, ids);
                var deadLetters = TopicWatch.fromNow(kafka, Topics.ARTICLES_DLQ, ids);
                // A stream, not one batch: the stages always have some articles in hand while the rest are to come.
                var feed = new PacedFeed(kafka, articles, FaultArticles.SLICE, FaultArticles.BACKLOG,
                        PacedFeed.slowest(enriched::distinct, () -> (int) probe.count(ids).orElse(0)))) {
            var first = workers.start(EnumSet.of(Stage.ENRICH, Stage.INDEX));
            // Mid-stream: enrich has published part of the articles, index has stored part of those.
            var indexed = new AtomicLong();
            Poll.until(Duration.ofSeconds(180), "a quarter of the articles enriched and some indexed",
                    () -> "enriched " + enriched.distinct() + ", indexed " + indexed.get(),
                    () -> {
                        indexed.set(probe.count(ids).orElse(0));
                        return enriched.distinct() >= ARTICLES / 4 && indexed.get() >= 1;
                    });
            long killedAt = System.nanoTime();
            for (WorkerProcess worker : first) {
                assertEquals(137, worker.kill(), worker + " killed with SIGKILL");
            }
            int enrichedAtKill = enriched.distinct();
            long indexedAtKill = probe.count(ids).orElse(-1);

            var second = workers.start(EnumSet.of(Stage.ENRICH, Stage.INDEX));
            feed.awaitDone(Duration.ofMinutes(5));
            Poll.until(Duration.ofMinutes(4), "every article indexed after the restart",
                    () -> "indexed " + probe.count(ids) + " of " + ARTICLES + ", enriched " + enriched.distinct()
                            + "; workers alive " + second.stream().map(WorkerProcess::isAlive).toList(),
                    () -> probe.count(ids).orElse(0) == ARTICLES);
            Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);

            assertTrue(enrichedAtKill < ARTICLES && indexedAtKill < ARTICLES, "the kill came mid-stream: enriched "
                    + enrichedAtKill + ", indexed " + indexedAtKill + " of " + ARTICLES);
            ExactlyOnce.check("a worker crash", ids, probe, enriched, deadLetters);
            System.out.printf("Worker crash: killed at %d enriched, %d indexed of %d; all indexed %d ms after the"
                    + " kill (restart included)%n", enrichedAtKill, indexedAtKill, ARTICLES, recovery.toMillis());
        }
    }
}
