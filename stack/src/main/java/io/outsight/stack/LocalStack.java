package io.outsight.stack;

import io.outsight.stack.StackStatus.ServerStatus;
import io.outsight.stack.internal.ProcessTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kafka broker and Elasticsearch node started together (in parallel, Elasticsearch being the slow one), with
 * the Outsight topics created.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>{@link #start(StackSettings)}: a stack owned by this JVM ({@code outsight run}, tests), stopped by
 *       {@link #close()} or when the JVM exits;</li>
 *   <li>{@link #up}, {@link #status}, {@link #running}, {@link #down}: a detached stack that outlives the command
 *       that started it ({@code outsight stack up|status|down}), recorded in {@code <data>/stack.json}.</li>
 * </ul>
 *
 * <p>Thread-safe. The static operations on one data folder are serialised, within this JVM and across JVMs (a lock
 * file, {@code <data>/stack.lock}).
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Object LOCK = new Object();

    private final StackSettings settings;
    private final LocalKafka kafka;
    private final LocalElasticsearch elasticsearch;

    private LocalStack(StackSettings settings, LocalKafka kafka, LocalElasticsearch elasticsearch) {
        this.settings = settings;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /** Starts both servers for this JVM: they stop on {@link #close()} or when the JVM exits. */
    public static LocalStack start(StackSettings settings) {
        return start(settings, Lifetime.THIS_JVM);
    }

    /**
     * Starts both servers in parallel, waits until both are ready and creates the topics. If either fails, the other
     * is stopped and the exception says why (the other's failure, if any, is suppressed in it).
     */
    public static LocalStack start(StackSettings settings, Lifetime lifetime) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(lifetime, "lifetime");
        AtomicReference<@Nullable LocalElasticsearch> node = new AtomicReference<>();
        AtomicReference<@Nullable RuntimeException> nodeFailure = new AtomicReference<>();
        Thread nodeStarter = Thread.ofPlatform().name("start-elasticsearch").start(() -> {
            try {
                node.set(LocalElasticsearch.start(settings, lifetime));
            } catch (RuntimeException e) {
                nodeFailure.set(e);
            }
        });
        @Nullable LocalKafka broker = null;
        try {
            broker = LocalKafka.start(settings, lifetime);
            broker.createTopics();
        } catch (RuntimeException e) {
            closeQuietly(broker, e);
            nodeStarter.interrupt(); // no need to wait the node's full start-up only to stop it
            joinQuietly(nodeStarter);
            closeQuietly(node.get(), e);
            if (nodeFailure.get() != null) {
                e.addSuppressed(nodeFailure.get());
            }
            throw e;
        }
        joinQuietly(nodeStarter);
        LocalElasticsearch started = node.get();
        if (started == null) {
            RuntimeException failure = Objects.requireNonNullElseGet(nodeFailure.get(),
                    () -> new StackException("Interrupted while starting Elasticsearch"));
            closeQuietly(broker, failure);
            throw failure;
        }
        return new LocalStack(settings, broker, started);
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalElasticsearch elasticsearch() {
        return elasticsearch;
    }

    public StackSettings settings() {
        return settings;
    }

    public StackAddresses addresses() {
        return new StackAddresses(kafka.bootstrapServers(), elasticsearch.url());
    }

    /** Stops both servers (in parallel). Idempotent. */
    @Override
    public void close() {
        Thread nodeStopper = Thread.ofPlatform().name("stop-elasticsearch").start(elasticsearch::close);
        try {
            kafka.close();
        } finally {
            joinQuietly(nodeStopper);
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + kafka + ", " + elasticsearch + "]";
    }

    /**
     * Starts a detached stack and records it in {@code <data>/stack.json}; returns what it recorded. If that file
     * records a stack whose servers both run and answer, returns it and starts nothing; if only part of a recorded
     * stack is left, that part is stopped first.
     *
     * @throws StackException if a server does not start (see {@link LocalKafka#start} and
     *                        {@link LocalElasticsearch#start}), or unrecorded servers of this data folder still run
     */
    public static StackState up(StackSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return locked(settings.dataDir(), () -> {
            Optional<StackStatus> recorded = probe(settings.dataDir());
            if (recorded.isPresent() && recorded.get().up()) {
                LOG.info("The stack recorded in {} is running already", StackState.file(settings.dataDir()));
                return recorded.get().state();
            }
            if (recorded.isPresent()) {
                LOG.info("Part of the stack recorded in {} is gone: stopping the rest before starting anew",
                        StackState.file(settings.dataDir()));
                stop(settings.dataDir(), recorded.map(StackStatus::state));
            }
            LocalStack stack = start(settings, Lifetime.DETACHED);
            StackState state = new StackState(stack.kafka.bootstrapServers(), stack.elasticsearch.url(),
                    stack.kafka.pid(), stack.elasticsearch.pid(), Instant.now());
            try {
                state.write(settings.dataDir());
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
            return state;
        });
    }

    /**
     * Stops the detached stack of a data folder: the recorded servers, and any other server process whose command
     * line names this data folder (left behind by a run that was killed), then deletes {@code stack.json}. Returns
     * the recorded state, empty if none was recorded. Waits until every process has exited (SIGTERM, up to 30 s,
     * then SIGKILL).
     */
    public static Optional<StackState> down(Path dataDir) {
        Path dir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        return locked(dir, () -> {
            Optional<StackState> state;
            try {
                state = StackState.read(dir);
            } catch (StackException e) {
                LOG.warn("{}: stopping the servers of {} found by their command lines", e.getMessage(), dir);
                state = Optional.empty();
            }
            stop(dir, state);
            try {
                Files.deleteIfExists(StackState.file(dir));
            } catch (IOException e) {
                throw new StackException("Cannot delete " + StackState.file(dir) + ": " + e, e);
            }
            return state;
        });
    }

    /**
     * The recorded stack of a data folder with the liveness of each server (the pid runs and is this stack's server,
     * and a quick probe answers), or empty if {@code stack.json} records none.
     */
    public static Optional<StackStatus> status(Path dataDir) {
        Path dir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        return probe(dir);
    }

    /** The recorded stack of a data folder if both its servers run and answer: what other commands connect to. */
    public static Optional<StackState> running(Path dataDir) {
        return status(dataDir).filter(StackStatus::up).map(StackStatus::state);
    }

    private static Optional<StackStatus> probe(Path dataDir) {
        return StackState.read(dataDir).map(state -> {
            boolean kafkaRuns = ProcessTrees.ours(state.kafkaPid(), LocalKafka.marker(dataDir)).isPresent();
            boolean nodeRuns = ProcessTrees.ours(state.elasticsearchPid(), LocalElasticsearch.marker(dataDir))
                    .isPresent();
            return new StackStatus(state,
                    new ServerStatus(state.kafkaPid(), kafkaRuns,
                            kafkaRuns && LocalKafka.isResponding(state.kafkaBootstrapServers(), PROBE_TIMEOUT)),
                    new ServerStatus(state.elasticsearchPid(), nodeRuns,
                            nodeRuns && LocalElasticsearch.isHealthy(state.elasticsearchUrl(), PROBE_TIMEOUT)));
        });
    }

    private static void stop(Path dataDir, Optional<StackState> state) {
        List<ProcessHandle> roots = new ArrayList<>();
        state.ifPresent(s -> {
            ProcessTrees.ours(s.kafkaPid(), LocalKafka.marker(dataDir)).ifPresent(roots::add);
            ProcessTrees.ours(s.elasticsearchPid(), LocalElasticsearch.marker(dataDir)).ifPresent(roots::add);
        });
        roots.addAll(ProcessTrees.withMarker(LocalKafka.marker(dataDir)));
        roots.addAll(ProcessTrees.withMarker(LocalElasticsearch.marker(dataDir)));
        List<ProcessHandle> tree = ProcessTrees.trees(roots);
        if (tree.isEmpty()) {
            return;
        }
        LOG.info("Stopping the stack of {}: pids {}", dataDir, tree.stream().map(ProcessHandle::pid).toList());
        if (!ProcessTrees.stop(roots, STOP_GRACE)) {
            throw new StackException("Some processes of the stack in " + dataDir + " are still running after SIGKILL: "
                    + tree.stream().filter(ProcessTrees::isRunning).map(ProcessHandle::pid).toList());
        }
    }

    private interface Action<T> {
        T run();
    }

    /** Runs the action holding the data folder's lock (this JVM's monitor, then {@code <data>/stack.lock}). */
    private static <T> T locked(Path dataDir, Action<T> action) {
        synchronized (LOCK) {
            try {
                Files.createDirectories(dataDir);
                try (FileChannel channel = FileChannel.open(dataDir.resolve("stack.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new StackException("Cannot lock " + dataDir.resolve("stack.lock") + ": " + e, e);
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable server, Throwable failure) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
