package io.outsight.app.process;

import io.outsight.app.Main;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import io.outsight.stack.internal.ChildClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One worker ({@code outsight worker <stage>...}: one stage, or several in one process) as a child JVM of this one,
 * so that its heap, CPU and crashes are its own: the benchmark gives each stage its own {@code -Xmx}, and fault tests
 * kill one with {@code kill -9}.
 *
 * <pre>{@code
 * try (var enrich = WorkerProcess.start(Stage.ENRICH, endpoints, List.of("-Xmx256m"))) {
 *     enrich.awaitAssigned(Duration.ofSeconds(60));          // joined its consumer group, has partitions
 *     ...
 *     enrich.kill();                                          // kill -9, mid-stream
 *     var again = WorkerProcess.start(Stage.ENRICH, endpoints, List.of("-Xmx256m"));
 *     ...
 *     int exit = again.stop(Duration.ofSeconds(30));          // SIGTERM, wait; kill -9 if it does not end in time
 *     again.heapStats();                                      // its peak heap (see HeapWatch)
 * }
 * }</pre>
 *
 * <p>The child runs this JVM's Java ({@code java.home}) on this JVM's class path, with
 * {@code io.outsight.app.Main worker <stage> --kafka … --elasticsearch …} plus any further arguments (for instance
 * {@code -D key=value} settings). Its stdout and stderr go to a log file in the given folder; it records its heap
 * peaks in a stats file next to it ({@link HeapWatch}). If this JVM dies without closing it, the worker lives on
 * until stopped by its pid ({@link #pid()}).
 *
 * <p>Thread-safe. {@link #close()} stops the worker gracefully if it still runs.
 */
public final class WorkerProcess implements AutoCloseable {
    /** How long {@link #close()} waits after SIGTERM before it kills the worker. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** What a worker writes to its log once each of its stages' consumers joined its group ({@link #awaitAssigned}). */
    public static final String READY = "worker joined its consumer groups";

    private final Set<Stage> stages;
    private final Process process;
    private final Path logFile;
    private final Path statsFile;

    private WorkerProcess(Set<Stage> stages, Process process, Path logFile, Path statsFile) {
        this.stages = stages;
        this.process = process;
        this.logFile = logFile;
        this.statsFile = statsFile;
    }

    /** Starts a worker with its log and stats files in a new temporary folder. */
    public static WorkerProcess start(Stage stage, Endpoints endpoints, List<String> jvmArgs) {
        try {
            return start(stage, endpoints, jvmArgs, List.of(), Files.createTempDirectory("outsight-worker-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the worker's log", e);
        }
    }

    /**
     * Starts a worker.
     *
     * @param jvmArgs options for the child JVM, e.g. {@code -Xmx256m}
     * @param workerArgs further arguments of {@code outsight worker}, e.g. {@code -D}, {@code ingest.fetch.host-delay=0s}
     * @param folder where the log ({@code <stage>-<n>.log}) and the stats ({@code <stage>-<n>.heap}) go; created
     *     if missing
     */
    public static WorkerProcess start(Stage stage, Endpoints endpoints, List<String> jvmArgs, List<String> workerArgs,
            Path folder) {
        return start(EnumSet.of(stage), endpoints, jvmArgs, workerArgs, folder);
    }

    /**
     * Starts a worker running several stages in one process (as {@code outsight run} does), each on its own thread
     * and still joined to the others by Kafka; its files are named after them ({@code ingest+enrich-<n>.log}).
     */
    public static WorkerProcess start(Set<Stage> stages, Endpoints endpoints, List<String> jvmArgs,
            List<String> workerArgs, Path folder) {
        Objects.requireNonNull(stages, "stages");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one stage");
        }
        Set<Stage> ordered = Collections.unmodifiableSet(EnumSet.copyOf(stages));
        String name = name(ordered);
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(jvmArgs, "jvmArgs");
        Objects.requireNonNull(workerArgs, "workerArgs");
        Objects.requireNonNull(folder, "folder");
        try {
            Files.createDirectories(folder);
            Path logFile;
            Path statsFile;
            synchronized (WorkerProcess.class) { // unique names when several workers of a stage share a folder
                int n = 1;
                while (Files.exists(folder.resolve(name + "-" + n + ".log"))) {
                    n++;
                }
                logFile = folder.resolve(name + "-" + n + ".log").toAbsolutePath();
                statsFile = folder.resolve(name + "-" + n + ".heap").toAbsolutePath();
                Files.createFile(logFile);
            }
            var command = new ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // lz4-java (Kafka compression) loads a native library; allowed explicitly, as the launcher does.
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-D" + HeapWatch.STATS_FILE_PROPERTY + "=" + statsFile);
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", ChildClasspath.current(), Main.class.getName(), "worker"));
            ordered.forEach(stage -> command.add(stage.cliName()));
            command.addAll(List.of("--kafka", endpoints.kafkaBootstrapServers(), "--elasticsearch",
                    endpoints.elasticsearchUrl()));
            command.addAll(workerArgs);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new WorkerProcess(ordered, process, logFile, statsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " worker", e);
        }
    }

    private static String name(Set<Stage> stages) {
        return stages.stream().map(Stage::cliName).collect(Collectors.joining("+"));
    }

    /** The stages the worker runs, in pipeline order. */
    public Set<Stage> stages() {
        return stages;
    }

    /** The worker's stages, as in its file names: {@code enrich}, or {@code ingest+enrich+index}. */
    public String name() {
        return name(stages);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The worker's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Where the worker records its heap peaks ({@link HeapWatch}). */
    public Path statsFile() {
        return statsFile;
    }

    /**
     * Waits until this worker's consumers have joined its stages' consumer groups and been given their share of the
     * partitions (the index stage has two groups: articles and fetch statuses), i.e. until it is ready to work: until
     * it says so in its log ({@link #READY}). The groups cannot tell it: a worker that takes over a killed one's
     * partitions as the same static member (its instance id) goes by the killed one's client id there.
     *
     * @return false if that did not happen within the timeout, or the worker ended
     */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && isAlive()) {
            try {
                if (Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(READY)) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the log of " + this, e);
            }
            Thread.sleep(200); // polling interval
        }
        return false;
    }

    /**
     * Stops the worker gracefully: SIGTERM (it finishes its batch, commits, closes its clients), then waits; kills it
     * ({@code kill -9}) if it has not ended within the timeout.
     *
     * @return the exit code (143 is the usual one after SIGTERM, 137 after a kill)
     */
    public int stop(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return kill();
        }
        return process.exitValue();
    }

    /** Kills the worker at once ({@code kill -9}: no shutdown hooks, no commit) and waits until it is gone. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Waits for the worker to end by itself; empty if it still runs after the timeout. */
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** The heap peaks the worker recorded (within the last second, or at its exit); empty before its first record. */
    public Optional<HeapStats> heapStats() {
        return HeapStats.read(statsFile);
    }

    /** CPU time the worker used so far; empty once it ended, or where the OS does not tell. */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop(DEFAULT_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name() + " worker (pid " + pid() + ", log " + logFile + ")";
    }
}
