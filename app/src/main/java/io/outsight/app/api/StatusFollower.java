package io.outsight.app.api;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.FetchStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code outsight.fetch.status} from its end at start-up (like {@code run}'s StatusWatcher, without a
 * consumer group: every server instance reads every status) and feeds each status to the job registry and the
 * metrics. Runs on its own thread; {@link #close()} stops it and waits. Thread-safe.
 */
public final class StatusFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusFollower.class);
    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordCodec codec = new RecordCodec();
    private final JobRegistry jobs;
    private final ApiMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;

    public StatusFollower(KafkaClients kafka, JobRegistry jobs, ApiMetrics metrics) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        consumer = kafka.consumer("outsight-api-status", "outsight-api-status", 500);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.FETCH_STATUS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: jobs submitted after start are all seen
        thread = Thread.ofPlatform().name("outsight-api-status").daemon().start(this::loop);
    }

    private void loop() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        FetchStatus status = codec.decode(record.value(), FetchStatus.class);
                        metrics.fetchStatus(status);
                        jobs.observe(record.key() == null ? status.url() : record.key(), status);
                    } catch (RecordFormatException e) {
                        log.debug("skipping a status that does not parse at offset {}", record.offset());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("following {} stopped: job statuses will not advance", Topics.FETCH_STATUS, e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10));
    }
}
