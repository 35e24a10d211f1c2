package io.outsight.index.sink;

import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.index.ItSupport;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/** Runs the index stage for the sink's integration tests: a {@link StageLoop} on its own thread. */
final class IndexStageRun {
    /** The retries' backoff in the tests: short, so a test waits for its faults in seconds. */
    static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private IndexStageRun() {}

    /**
     * Runs {@code handler} on {@code topic} as consumer group {@code group} until the group committed every record
     * of the topic (polling, at most {@code timeout}), then stops the loop and closes the handler.
     */
    static void untilCommitted(KafkaClients kafka, String bootstrap, Producer<String, byte[]> producer, String group,
            String topic, IndexHandler handler, int pollSize, Duration timeout) throws Exception {
        try (var worker = start(kafka, producer, group, group, topic, handler, pollSize)) {
            ItSupport.awaitCommitted(bootstrap, group, topic, timeout);
        }
    }

    /**
     * Starts {@code handler} on {@code topic} as a member {@code clientId} of consumer group {@code group}, on a thread
     * of its own; closing the result stops the loop, closes the handler and waits for the thread.
     */
    static Worker start(KafkaClients kafka, Producer<String, byte[]> producer, String group, String clientId,
            String topic, IndexHandler handler, int pollSize) {
        var loop = new StageLoop("index", kafka.consumer(group, clientId, pollSize), producer, List.of(topic), handler,
                QUICK);
        return new Worker(loop, handler, Thread.ofPlatform().name("it-index-" + clientId).start(loop));
    }

    /** An index stage running on its thread. */
    record Worker(StageLoop loop, IndexHandler handler, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            try {
                loop.close();
                handler.close();
            } finally {
                thread.join(30_000);
            }
        }
    }
}
