package io.outsight.app.fault;

import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.RawArticle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Feeds raw articles as a stream rather than one batch: small slices, each once the stage downstream is close to the
 * end of the previous ones, so that the stages always have some articles in hand while the rest have not arrived
 * yet. Produces on a thread of its own; {@link #close()} stops it.
 */
final class PacedFeed implements AutoCloseable {
    private final FutureTask<Void> task;

    /**
     * @param done how many articles the stage downstream has finished
     * @param slice articles produced at a time
     * @param backlog how far ahead of {@code done} the feed may run
     */
    PacedFeed(String bootstrapServers, List<RawArticle> articles, int slice, int backlog, IntSupplier done) {
        task = new FutureTask<>(() -> {
            try (var producer = new KafkaClients(bootstrapServers).producer("fault-paced-feed")) {
                for (int from = 0; from < articles.size(); from += slice) {
                    int produced = from;
                    Poll.until(Duration.ofMinutes(5), "the stages to keep up with the feed",
                            () -> done.getAsInt() + " done of " + produced + " produced",
                            () -> done.getAsInt() >= produced - backlog);
                    FaultArticles.produce(producer, articles.subList(from, Math.min(articles.size(), from + slice)));
                }
            }
            return null;
        });
        Thread.ofPlatform().name("fault-paced-feed").daemon().start(task);
    }

    /** How far the slowest of the stages has come: pacing on it keeps every stage, not just the first, mid-stream. */
    static IntSupplier slowest(IntSupplier... stages) {
        return () -> {
            int least = Integer.MAX_VALUE;
            for (IntSupplier stage : stages) {
                least = Math.min(least, stage.getAsInt());
            }
            return least;
        };
    }

    /** Waits until every article was produced; rethrows what stopped the feed. */
    void awaitDone(Duration timeout) throws Exception {
        task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        task.cancel(true);
    }
}
