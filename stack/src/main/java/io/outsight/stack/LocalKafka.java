package io.outsight.stack;

import io.outsight.core.Topics;
import io.outsight.stack.internal.ChildClasspath;
import io.outsight.stack.internal.ChildProcess;
import io.outsight.stack.internal.JavaRuntime;
import io.outsight.stack.internal.KafkaConfig;
import io.outsight.stack.internal.LogTail;
import io.outsight.stack.internal.Ports;
import io.outsight.stack.internal.ProcessTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) running as a child JVM on this JVM's class path,
 * bound to 127.0.0.1, with its files under {@code <data>/kafka/}: {@code server.properties},
 * {@code log4j2.properties}, storage in {@code data/} (formatted once) and logs in {@code logs/}.
 *
 * <p>Thread-safe. {@link #close()} stops the broker; so does JVM exit unless it was started {@link Lifetime#DETACHED}.
 * {@link #stop()} and {@link #restart()} take the broker down and bring it back on the same port and storage, as in
 * a broker restart (fault tests).
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final String BROKER_CLASS = "kafka.Kafka";
    private static final String STORAGE_TOOL_CLASS = "kafka.tools.StorageTool";
    private static final int LOG_LINES = 40;

    private final KafkaConfig config;
    private final Path logsDir;
    private final int partitions;
    private final List<String> command;
    private final Path kafkaDir;
    private final Path stackDataDir;
    private final String marker;
    private final Lifetime lifetime;
    private final Duration startupTimeout;

    /** The running broker; replaced by {@link #restart()}. Guarded by {@code this} for changes. */
    private volatile ChildProcess process;
    private volatile boolean closed;

    /** Sizes of the logs when this broker started: failure messages show only what this start wrote. */
    private volatile long serverLogMark;
    private volatile long consoleLogMark;

    private LocalKafka(KafkaConfig config, StackSettings settings, List<String> command, String marker,
            Lifetime lifetime) {
        this.config = config;
        this.logsDir = config.logsDir();
        this.partitions = settings.partitions();
        this.command = List.copyOf(command);
        this.kafkaDir = settings.kafkaDir();
        this.stackDataDir = settings.dataDir();
        this.marker = marker;
        this.lifetime = lifetime;
        this.startupTimeout = settings.startupTimeout();
    }

    /** Starts a broker that stops with this JVM at the latest. */
    public static LocalKafka start(StackSettings settings) {
        return start(settings, Lifetime.THIS_JVM);
    }

    /**
     * Starts the broker and waits until it answers (at most the start-up timeout).
     *
     * @throws StackException if the broker does not start; the message holds the server log's path and last lines
     */
    public static LocalKafka start(StackSettings settings, Lifetime lifetime) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(lifetime, "lifetime");
        if (!ChildClasspath.has(BROKER_CLASS)) {
            throw new StackException("The Kafka broker (class " + BROKER_CLASS + ") is not on the class path: depend"
                    + " on outsight-stack with its runtime dependencies (kafka_2.13, log4j-core, log4j-slf4j2-impl).");
        }
        Path kafkaDir = settings.kafkaDir();
        Path storageDir = kafkaDir.resolve("data");
        Path logsDir = kafkaDir.resolve("logs");
        Path serverProperties = kafkaDir.resolve("server.properties");
        Path log4jProperties = kafkaDir.resolve("log4j2.properties");
        String marker = marker(settings.dataDir());
        refuseIfAlreadyRunning(marker, settings.dataDir());

        KafkaConfig config = new KafkaConfig(storageDir, logsDir, Ports.choose(settings.kafkaPort()), Ports.free(),
                settings.partitions());
        try {
            Files.createDirectories(storageDir);
            Files.createDirectories(logsDir);
            Files.writeString(serverProperties, config.serverProperties(), StandardCharsets.UTF_8);
            Files.writeString(log4jProperties, config.log4j2Properties(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Cannot write the Kafka configuration under " + kafkaDir + ": " + e, e);
        }

        Path java = JavaRuntime.javaExecutable(settings.javaHome());
        int javaVersion = JavaRuntime.featureVersion(settings.javaHome());
        String classpath = ChildClasspath.current();
        List<String> jvm = new ArrayList<>(List.of(java.toString(), "-Djava.awt.headless=true"));
        if (javaVersion >= 24) {
            // kafka-clients still calls sun.misc.Unsafe::invokeCleaner; keep its deprecation warning out of the log
            jvm.add("--sun-misc-unsafe-memory-access=allow");
        }
        format(settings, config, jvm, classpath, serverProperties, logsDir);

        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + log4jProperties, "-Dkafka.logs.dir=" + logsDir,
                "-Xms" + settings.kafkaHeap(), "-Xmx" + settings.kafkaHeap(), "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-cp", classpath, BROKER_CLASS, serverProperties.toString()));
        LocalKafka kafka = new LocalKafka(config, settings, command, marker, lifetime);
        kafka.launch();
        return kafka;
    }

    /** Starts the broker's process with this broker's command and waits until it answers. */
    private synchronized void launch() {
        long started = System.nanoTime();
        Path consoleLog = logsDir.resolve("stdout.log");
        serverLogMark = LogTail.mark(logFile());
        consoleLogMark = LogTail.mark(consoleLog);
        process = ChildProcess.start("Kafka broker", command, kafkaDir, Map.of(), consoleLog, marker, lifetime);
        try {
            awaitReady(startupTimeout);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        LOG.info("Kafka broker ready at {} (pid {}) in {} ms; logs in {}", config.bootstrapServers(), process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logsDir);
    }

    /**
     * Stops the broker (a clean shutdown), keeping its ports, storage and logs, so that {@link #restart()} brings
     * the same broker back at the same {@link #bootstrapServers()} with its topics, records and committed offsets
     * (what a broker restart looks like to clients). Idempotent; {@link #close()} stops it for good.
     */
    public synchronized void stop() {
        process.stop();
    }

    /**
     * Starts the broker again on the same ports with the same storage, stopping it first if it still runs, and
     * waits until it answers (at most the start-up timeout).
     *
     * @throws StackException if the broker does not start, or another broker of this data folder runs
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("this Kafka broker was closed: start a new one");
        }
        process.stop();
        refuseIfAlreadyRunning(marker, stackDataDir);
        launch();
    }

    /** {@code 127.0.0.1:<port>} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public int port() {
        return config.port();
    }

    /** The pid of the broker JVM. */
    public long pid() {
        return process.pid();
    }

    /** The broker's log file. */
    public Path logFile() {
        return logsDir.resolve("server.log");
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Creates the Outsight topics with the configured partition count; see {@link #createTopics(String, int, Duration)}. */
    public void createTopics() {
        createTopics(bootstrapServers(), partitions, Duration.ofSeconds(60));
    }

    /**
     * Creates every topic of {@link Topics#ALL} with {@code partitions} partitions and one replica, with
     * {@code cleanup.policy=compact} for {@link Topics#COMPACTED}, and waits until every partition takes writes
     * ({@link PartitionReadiness}). Idempotent: topics that exist already are left as they are.
     */
    public static void createTopics(String bootstrapServers, int partitions, Duration timeout) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            if (Topics.COMPACTED.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, timeout))) {
            var result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(remaining(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StackException("Cannot create topic " + entry.getKey() + " on " + bootstrapServers
                                + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            PartitionReadiness.await(admin, Topics.ALL, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while creating the topics on " + bootstrapServers, e);
        } catch (TimeoutException e) {
            throw new StackException("Creating the topics on " + bootstrapServers + " took more than "
                    + timeout.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    /** Whether a broker answers at that address within the timeout (a metadata request). */
    public static boolean isResponding(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, timeout))) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the broker (SIGTERM, up to 30 s, then SIGKILL). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        process.stop();
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", pid " + pid() + "]";
    }

    /** What identifies this data folder's broker in a command line: its {@code server.properties}. */
    static String marker(Path dataDir) {
        return dataDir.resolve("kafka").resolve("server.properties").toString();
    }

    private static void refuseIfAlreadyRunning(String marker, Path dataDir) {
        List<ProcessHandle> running = ProcessTrees.withMarker(marker);
        if (!running.isEmpty()) {
            throw new StackException("A Kafka broker for the data folder " + dataDir + " is already running (pid "
                    + running.getFirst().pid() + "), probably left behind by an earlier run. Use it, or stop it with"
                    + " `outsight stack down` (LocalStack.down) for that data folder.");
        }
    }

    /** Formats the storage once per data folder: a formatted folder has {@code meta.properties}. */
    private static void format(StackSettings settings, KafkaConfig config, List<String> jvm, String classpath,
            Path serverProperties, Path logsDir) {
        if (Files.exists(config.storageDir().resolve("meta.properties"))) {
            return;
        }
        Path output = logsDir.resolve("format.log"); // with no log4j configuration, errors go to the console
        long mark = LogTail.mark(output);
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("-Xmx128m", "-cp", classpath, STORAGE_TOOL_CLASS, "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties.toString(),
                "--ignore-formatted"));
        LOG.info("Formatting the Kafka storage in {}", config.storageDir());
        int exit = ChildProcess.run("Kafka storage formatter", command, settings.kafkaDir(), output,
                settings.startupTimeout());
        if (exit != 0) {
            throw new StackException("Formatting the Kafka storage in " + config.storageDir() + " failed (exit code "
                    + exit + "). " + LogTail.describe("Output in", output, LOG_LINES, mark));
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Wait for the port first: an admin client polling a closed port only fills the log with warnings.
        while (!Ports.accepts(config.port(), 200)) {
            checkAlive();
            checkDeadline(deadline, timeout);
            pause();
        }
        while (!isResponding(bootstrapServers(), Duration.ofSeconds(2))) {
            checkAlive();
            checkDeadline(deadline, timeout);
            pause();
        }
    }

    private void checkAlive() {
        if (!process.isRunning()) {
            String exit = process.exitCode().stream().mapToObj(c -> "exit code " + c).findFirst().orElse("gone");
            throw failure("The Kafka broker stopped during start-up (" + exit + ").");
        }
    }

    private void checkDeadline(long deadline, Duration timeout) {
        if (System.nanoTime() - deadline >= 0) {
            throw failure("The Kafka broker did not answer at " + bootstrapServers() + " within "
                    + timeout.toSeconds() + " s.");
        }
    }

    private StackException failure(String what) {
        return new StackException(what + "\n" + LogTail.describe("Server log", logFile(), LOG_LINES, serverLogMark)
                + "\n" + LogTail.describe("Console output", logsDir.resolve("stdout.log"), 15, consoleLogMark));
    }

    private static Map<String, Object> adminConfig(String bootstrapServers, Duration timeout) {
        int millis = (int) Math.max(1_000, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "outsight-stack",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 5_000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the Kafka broker");
        }
    }
}
