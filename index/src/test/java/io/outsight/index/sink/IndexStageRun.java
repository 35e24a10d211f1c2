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
        var loop = new StageLoop("index", kafka.consumer(group, group, pollSize), producer, List.of(topic), handler,
                QUICK);
        Thread thread = Thread.ofPlatform().name("it-index-" + group).start(loop);
        try {
            ItSupport.awaitCommitted(bootstrap, group, topic, timeout);
        } finally {
            loop.close();
            handler.close();
            thread.join(30_000);
        }
    }
}
