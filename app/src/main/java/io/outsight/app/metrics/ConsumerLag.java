package io.outsight.app.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag of a consumer group: records on its partitions past its committed offsets, asked of Kafka's admin API and
 * kept for a few seconds so one Prometheus scrape does not ask once per gauge. Thread-safe.
 */
public final class ConsumerLag {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    /** Asks Kafka for a group's lag; may block up to a few seconds and fail. */
    @FunctionalInterface
    public interface Lookup {
        long lag(String group) throws Exception;
    }

    private final Lookup lookup;
    private final Map<String, Long> cached = new HashMap<>();
    private final Map<String, Long> askedAt = new HashMap<>();

    /** Lags asked of Kafka's admin API; the caller owns and closes the admin client. */
    public ConsumerLag(Admin admin) {
        Objects.requireNonNull(admin, "admin");
        this.lookup = group -> ask(admin, group);
    }

    /** Lags from another source (tests). */
    public ConsumerLag(Lookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The group's lag, or NaN when Kafka does not answer (Prometheus shows the gap rather than a false 0). */
    public synchronized double lag(String group) {
        Long at = askedAt.get(group);
        if (at == null || System.nanoTime() - at > CACHE_NANOS) {
            askedAt.put(group, System.nanoTime());
            try {
                cached.put(group, lookup.lag(group));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cached.remove(group);
            } catch (Exception e) {
                log.debug("consumer lag of {} unknown: {}", group, e.toString());
                cached.remove(group);
            }
        }
        Long lag = cached.get(group);
        return lag == null ? Double.NaN : lag;
    }

    private static long ask(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        var request = new HashMap<TopicPartition, OffsetSpec>();
        committed.keySet().forEach(p -> request.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long lag = 0;
        for (var entry : committed.entrySet()) {
            var end = ends.get(entry.getKey());
            if (entry.getValue() != null && end != null) {
                lag += Math.max(0, end.offset() - entry.getValue().offset());
            }
        }
        return lag;
    }
}
