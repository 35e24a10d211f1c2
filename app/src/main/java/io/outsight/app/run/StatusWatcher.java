package io.outsight.app.run;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.FetchStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the fetch statuses produced after it was opened: it takes every partition of {@code outsight.fetch.status}
 * at its current end, so statuses of earlier runs are not mistaken for this run's. Not thread-safe.
 */
public final class StatusWatcher implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordCodec codec = new RecordCodec();
    private final Map<String, FetchStatus> latest = new HashMap<>();

    public StatusWatcher(KafkaClients kafka) {
        consumer = kafka.consumer("outsight-run-watcher", "outsight-run-watcher", 500);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.FETCH_STATUS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is produced
    }

    /** Polls once and returns every status seen so far, by normalised URL (latest wins). */
    public Map<String, FetchStatus> poll(Duration timeout) {
        for (var record : consumer.poll(timeout)) {
            try {
                latest.put(record.key(), codec.decode(record.value(), FetchStatus.class));
            } catch (RecordFormatException e) {
                // Not ours to judge: the status topic is read by people too; skip what does not parse.
            }
        }
        return Map.copyOf(latest);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
