package io.outsight.app.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts, from the moment it is created, how often each of a set of keys appears on a topic, as a
 * {@code read_committed} reader without a group sees it (what the next stage sees): how far a stage has come, and
 * whether it ever published an article twice. Reads on a thread of its own; the counts may be read from any thread.
 */
final class TopicWatch implements AutoCloseable {
    private final String topic;
    private final Set<String> keys;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Thread thread;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long others;
    /** The reader's position per partition after its last poll. */
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private final String bootstrapServers;

    private TopicWatch(String bootstrapServers, String topic, Set<String> keys) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.keys = Set.copyOf(keys);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "fault-watch-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        // Start at the current end: what was there before the test belongs to other tests.
        consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach(consumer::seek);
        this.thread = Thread.ofPlatform().name("fault-watch-" + topic).daemon().start(this::read);
    }

    /** Starts watching {@code topic} for {@code keys} from its current end. */
    static TopicWatch fromNow(String bootstrapServers, String topic, Set<String> keys) {
        return new TopicWatch(bootstrapServers, topic, keys);
    }

    private void read() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (RetriableException e) {
                    continue; // the broker is away (a restart test): read on when it is back
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.key() != null && keys.contains(record.key())) {
                        synchronized (counts) {
                            counts.merge(record.key(), 1, Integer::sum);
                        }
                    } else {
                        others++;
                    }
                }
                var now = new HashMap<TopicPartition, Long>();
                for (TopicPartition partition : consumer.assignment()) {
                    now.put(partition, consumer.position(partition));
                }
                positions = now;
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits until the reader has read everything committed on the topic up to now (the last stable offsets), so
     * that what it has not seen was not there.
     */
    void awaitCaughtUp(Duration timeout) throws Exception {
        Map<TopicPartition, Long> stable = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> stable.put(partition, info.offset()));
        }
        Poll.until(timeout, "the watch of " + topic + " reads up to " + stable, () -> "at " + positions,
                () -> stable.entrySet().stream()
                        .allMatch(e -> positions.getOrDefault(e.getKey(), -1L) >= e.getValue()));
    }

    /** How many of the keys were seen at least once. */
    int distinct() {
        synchronized (counts) {
            return counts.size();
        }
    }

    /** The keys seen more than once, with their counts. */
    Map<String, Integer> duplicates() {
        var duplicates = new HashMap<String, Integer>();
        synchronized (counts) {
            counts.forEach((key, count) -> {
                if (count > 1) {
                    duplicates.put(key, count);
                }
            });
        }
        return duplicates;
    }

    /** The watched keys seen so far. */
    List<String> seen() {
        synchronized (counts) {
            return List.copyOf(counts.keySet());
        }
    }

    /** Records with keys outside the set (other tests' records), for messages. */
    long others() {
        return others;
    }

    String topic() {
        return topic;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
