package io.outsight.core.kafka;

import io.outsight.core.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Kafka clients of the stages with one set of settings: string keys, JSON bytes as values, producers
 * that are idempotent and wait for all replicas, consumers that never auto-commit.
 */
public final class KafkaClients {
    /** How long a transaction may stay open before the coordinator aborts it. */
    static final int TRANSACTION_TIMEOUT_MS = 15_000;
    /** What {@link #batchingConsumer} waits for: this many bytes, or this long. */
    static final int BATCHING_MIN_BYTES = 256 * 1024;
    static final int BATCHING_MAX_WAIT_MS = 500;

    private final String bootstrapServers;
    /** The consumers' {@code session.timeout.ms}, or null for Kafka's default (45 s). */
    private final @Nullable Duration sessionTimeout;

    private final KafkaSecurity security;

    /** Clients of brokers that take plain text (the local stack's). */
    public KafkaClients(String bootstrapServers) {
        this(bootstrapServers, KafkaSecurity.PLAINTEXT);
    }

    public KafkaClients(String bootstrapServers, KafkaSecurity security) {
        this(bootstrapServers, security, null);
    }

    private KafkaClients(String bootstrapServers, KafkaSecurity security, @Nullable Duration sessionTimeout) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.security = Objects.requireNonNull(security, "security");
        this.sessionTimeout = sessionTimeout;
    }

    /**
     * Clients of the brokers at {@code bootstrapServers} with the security the configuration asks for
     * ({@link KafkaSecurity#from}).
     */
    public static KafkaClients of(String bootstrapServers, Config config) {
        return new KafkaClients(bootstrapServers, KafkaSecurity.from(config));
    }

    /**
     * These clients with consumers whose group drops them after {@code timeout} without a heartbeat: how long the
     * partitions of a consumer that died (and that no successor took over) stay unassigned.
     */
    public KafkaClients withSessionTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new KafkaClients(bootstrapServers, security, timeout);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client (topics, consumer groups' offsets); the caller closes it. */
    public Admin admin(String clientId) {
        var props = new HashMap<String, Object>(security.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return Admin.create(props);
    }

    /** A producer; thread-safe, share one per process and close it on shutdown. */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(producerProps(clientId));
    }

    private Map<String, Object> producerProps(String clientId) {
        var props = new HashMap<String, Object>(security.properties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // 128 KiB batches gave ~1.7x the throughput of the 16 KiB default on this 2-core machine (infra.md §1).
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        withoutTelemetry(props);
        return props;
    }

    /**
     * A transactional producer for one consume-transform-produce loop: what it produces and the consumed offsets
     * commit together, so a read_committed reader sees each output exactly once. Not shareable between loops (one
     * open transaction at a time); the loop owns and closes it.
     *
     * @param transactionalId unique per running loop instance
     */
    public KafkaProducer<String, byte[]> transactionalProducer(String clientId, String transactionalId) {
        var props = producerProps(clientId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // A loop's transaction spans only producing a handled batch's outputs and committing, so seconds are
        // plenty; and a worker killed mid-transaction holds back read_committed readers of the partitions it wrote
        // until the coordinator aborts it, after this timeout (the Kafka default, 60 s, was a minute-long stall).
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        var producer = new KafkaProducer<String, byte[]>(props);
        producer.initTransactions();
        return producer;
    }

    /** A consumer in a group; not thread-safe: one per worker thread. Offsets are committed by the caller. */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, int maxPollRecords) {
        return consumer(groupId, clientId, null, maxPollRecords);
    }

    /**
     * As above, a static member of its group when given an {@code instanceId} ({@code group.instance.id}): a
     * consumer that joins under the instance id of one that died takes over its partitions at once, without waiting
     * for the dead one's session to time out and the group to rebalance. Only one running consumer of a group may
     * have a given instance id (a second one fences the first).
     */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, @Nullable String instanceId,
            int maxPollRecords) {
        return new KafkaConsumer<>(consumerProps(groupId, clientId, instanceId, maxPollRecords));
    }

    /**
     * A consumer that trades up to {@value #BATCHING_MAX_WAIT_MS} ms of latency for fuller polls: the broker answers a
     * fetch once {@value #BATCHING_MIN_BYTES} bytes are there (or the wait is over) instead of at the first record.
     * For stages whose cost is per poll rather than per record (a bulk request, a search, an offset commit each), so
     * that a stage which keeps up does not pay those for a handful of records at a time. Otherwise as
     * {@link #consumer}.
     */
    public KafkaConsumer<String, byte[]> batchingConsumer(String groupId, String clientId, int maxPollRecords) {
        return batchingConsumer(groupId, clientId, null, maxPollRecords);
    }

    /** A batching consumer, a static member of its group when given an {@code instanceId} (see {@link #consumer}). */
    public KafkaConsumer<String, byte[]> batchingConsumer(String groupId, String clientId, @Nullable String instanceId,
            int maxPollRecords) {
        var props = consumerProps(groupId, clientId, instanceId, maxPollRecords);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, BATCHING_MIN_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, BATCHING_MAX_WAIT_MS);
        return new KafkaConsumer<>(props);
    }

    private Map<String, Object> consumerProps(String groupId, String clientId, @Nullable String instanceId,
            int maxPollRecords) {
        var props = new HashMap<String, Object>(security.properties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (instanceId != null) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        if (sessionTimeout != null) {
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        withoutTelemetry(props);
        return props;
    }

    /**
     * No pushing of the client's metrics to the broker (KIP-714): nothing of Outsight reads them there, and the
     * telemetry reporter renames every metric a client registers (hundreds per consumer) with regular expressions:
     * in the sink benchmark, which starts a consumer per round, that and its compilation took about a tenth of a
     * second of CPU per round.
     */
    private static void withoutTelemetry(Map<String, Object> props) {
        props.put(CommonClientConfigs.ENABLE_METRICS_PUSH_CONFIG, false);
    }
}
