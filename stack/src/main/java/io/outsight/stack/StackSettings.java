package io.outsight.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to run the local stack. Immutable and thread-safe.
 *
 * @param dataDir            folder holding everything the servers write ({@code kafka/}, {@code elasticsearch/},
 *                           {@code stack.json}); made absolute
 * @param kafkaPort          preferred Kafka listener port; another free port is used when it is taken, 0 means any
 *                           free port
 * @param elasticsearchPort  preferred Elasticsearch HTTP port; another free port is used when it is taken, 0 means any
 *                           free port
 * @param partitions         partition count of the Outsight topics (and of auto-created ones)
 * @param elasticsearchHeap  JVM heap of the Elasticsearch node, as in {@code -Xmx} ({@code 512m}, {@code 1g})
 * @param kafkaHeap          JVM heap of the Kafka broker, as in {@code -Xmx}
 * @param elasticsearchUser  the unprivileged user Elasticsearch runs as when this JVM runs as root (Elasticsearch
 *                           refuses to run as root)
 * @param startupTimeout     how long each server may take to become ready
 * @param javaHome           the Java installation that runs both servers; Elasticsearch needs Java 21 or newer
 * @param elasticsearchZip   the Elasticsearch integ-test-zip to unpack, or {@code null} to take it from the local
 *                           Maven repository
 */
public record StackSettings(
        Path dataDir,
        int kafkaPort,
        int elasticsearchPort,
        int partitions,
        String elasticsearchHeap,
        String kafkaHeap,
        String elasticsearchUser,
        Duration startupTimeout,
        Path javaHome,
        @Nullable Path elasticsearchZip) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_ELASTICSEARCH_PORT = 9200;
    public static final int DEFAULT_PARTITIONS = 6;
    public static final String DEFAULT_HEAP = "512m";
    public static final String DEFAULT_ELASTICSEARCH_USER = "outsight-es";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]*\\$?");

    public StackSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(elasticsearchHeap, "elasticsearchHeap");
        Objects.requireNonNull(kafkaHeap, "kafkaHeap");
        Objects.requireNonNull(elasticsearchUser, "elasticsearchUser");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(javaHome, "javaHome");
        dataDir = dataDir.toAbsolutePath().normalize();
        javaHome = javaHome.toAbsolutePath().normalize();
        elasticsearchZip = elasticsearchZip == null ? null : elasticsearchZip.toAbsolutePath().normalize();
        requirePort(kafkaPort, "kafkaPort");
        requirePort(elasticsearchPort, "elasticsearchPort");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        requireHeap(elasticsearchHeap, "elasticsearchHeap");
        requireHeap(kafkaHeap, "kafkaHeap");
        if (!USER.matcher(elasticsearchUser).matches()) {
            throw new IllegalArgumentException("elasticsearchUser is not a valid user name: '" + elasticsearchUser + "'");
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeout);
        }
    }

    /** The defaults (ports 9092 and 9200, 6 partitions, 512m heaps, user outsight-es, 120 s, this JVM's Java). */
    public static StackSettings defaults(Path dataDir) {
        return new StackSettings(dataDir, DEFAULT_KAFKA_PORT, DEFAULT_ELASTICSEARCH_PORT, DEFAULT_PARTITIONS,
                DEFAULT_HEAP, DEFAULT_HEAP, DEFAULT_ELASTICSEARCH_USER, DEFAULT_STARTUP_TIMEOUT,
                Path.of(System.getProperty("java.home")), null);
    }

    public StackSettings withKafkaPort(int port) {
        return new StackSettings(dataDir, port, elasticsearchPort, partitions, elasticsearchHeap, kafkaHeap,
                elasticsearchUser, startupTimeout, javaHome, elasticsearchZip);
    }

    public StackSettings withElasticsearchPort(int port) {
        return new StackSettings(dataDir, kafkaPort, port, partitions, elasticsearchHeap, kafkaHeap,
                elasticsearchUser, startupTimeout, javaHome, elasticsearchZip);
    }

    /** Both servers on whatever ports are free (what tests want: never 9092 or 9200 of a stack already running). */
    public StackSettings withAnyFreePorts() {
        return withKafkaPort(0).withElasticsearchPort(0);
    }

    public StackSettings withPartitions(int count) {
        return new StackSettings(dataDir, kafkaPort, elasticsearchPort, count, elasticsearchHeap, kafkaHeap,
                elasticsearchUser, startupTimeout, javaHome, elasticsearchZip);
    }

    public StackSettings withHeaps(String elasticsearch, String kafka) {
        return new StackSettings(dataDir, kafkaPort, elasticsearchPort, partitions, elasticsearch, kafka,
                elasticsearchUser, startupTimeout, javaHome, elasticsearchZip);
    }

    public StackSettings withElasticsearchUser(String user) {
        return new StackSettings(dataDir, kafkaPort, elasticsearchPort, partitions, elasticsearchHeap, kafkaHeap,
                user, startupTimeout, javaHome, elasticsearchZip);
    }

    public StackSettings withStartupTimeout(Duration timeout) {
        return new StackSettings(dataDir, kafkaPort, elasticsearchPort, partitions, elasticsearchHeap, kafkaHeap,
                elasticsearchUser, timeout, javaHome, elasticsearchZip);
    }

    public StackSettings withJavaHome(Path home) {
        return new StackSettings(dataDir, kafkaPort, elasticsearchPort, partitions, elasticsearchHeap, kafkaHeap,
                elasticsearchUser, startupTimeout, home, elasticsearchZip);
    }

    public StackSettings withElasticsearchZip(@Nullable Path zip) {
        return new StackSettings(dataDir, kafkaPort, elasticsearchPort, partitions, elasticsearchHeap, kafkaHeap,
                elasticsearchUser, startupTimeout, javaHome, zip);
    }

    /** {@code <data>/kafka}: broker configuration, storage ({@code data/}) and logs ({@code logs/}). */
    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** {@code <data>/elasticsearch}: the unpacked distribution ({@code dist/}), {@code data/}, {@code logs/}, {@code tmp/}. */
    public Path elasticsearchDir() {
        return dataDir.resolve("elasticsearch");
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 (any free port) and 65535, got " + port);
        }
    }

    private static void requireHeap(String heap, String name) {
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException(name + " must look like 512m or 1g (as in -Xmx), got '" + heap + "'");
        }
    }
}
