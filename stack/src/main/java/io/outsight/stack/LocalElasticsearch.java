package io.outsight.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.stack.internal.ChildProcess;
import io.outsight.stack.internal.ElasticsearchCommand;
import io.outsight.stack.internal.ElasticsearchDistribution;
import io.outsight.stack.internal.ElasticsearchUser;
import io.outsight.stack.internal.Http;
import io.outsight.stack.internal.JavaRuntime;
import io.outsight.stack.internal.LogTail;
import io.outsight.stack.internal.Ports;
import io.outsight.stack.internal.ProcessTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node (the integ-test-zip of the version the build downloads) running as a child process,
 * single-node, bound to 127.0.0.1, security off, with its files under {@code <data>/elasticsearch/}: the unpacked
 * distribution in {@code dist/} (unpacked once, then reused), {@code data/}, {@code logs/} and {@code tmp/}.
 *
 * <p>When this JVM runs as root, the node runs as {@link StackSettings#elasticsearchUser()} through
 * {@code runuser}, because Elasticsearch refuses to run as root; its folders are handed over to that user.
 *
 * <p>Thread-safe. {@link #close()} stops the node; so does JVM exit unless it was started {@link Lifetime#DETACHED}.
 * {@link #stop()} and {@link #restart()} take the node down and bring it back on the same port and data, as in an
 * outage (fault tests).
 */
public final class LocalElasticsearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MINIMUM_JAVA = 21;
    private static final int LOG_LINES = 40;

    private final ElasticsearchCommand command;
    private final Path consoleLog;
    private final Path stackDataDir;
    private final String marker;
    private final Lifetime lifetime;
    private final Duration startupTimeout;

    /** The running node; replaced by {@link #restart()}. Guarded by {@code this} for changes. */
    private volatile ChildProcess process;

    /** Sizes of the logs when this node started: failure messages show only what this start wrote. */
    private volatile long consoleLogMark;
    private volatile long serverLogMark;
    private volatile boolean closed;

    private LocalElasticsearch(ElasticsearchCommand command, Path consoleLog, Path stackDataDir, String marker,
            Lifetime lifetime, Duration startupTimeout) {
        this.command = command;
        this.consoleLog = consoleLog;
        this.stackDataDir = stackDataDir;
        this.marker = marker;
        this.lifetime = lifetime;
        this.startupTimeout = startupTimeout;
    }

    /** The Elasticsearch version this module runs (the root pom's {@code elasticsearch.version}). */
    public static String version() {
        return ElasticsearchDistribution.version();
    }

    /** Starts a node that stops with this JVM at the latest. */
    public static LocalElasticsearch start(StackSettings settings) {
        return start(settings, Lifetime.THIS_JVM);
    }

    /**
     * Starts the node and waits until the cluster is at least yellow (at most the start-up timeout).
     *
     * @throws StackException if it cannot start: Java older than 21, the zip missing, the unprivileged user missing
     *                        or unable to reach the data folder, or the node not becoming healthy (the message then
     *                        holds the log paths and their last lines)
     */
    public static LocalElasticsearch start(StackSettings settings, Lifetime lifetime) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(lifetime, "lifetime");
        String version = version();
        JavaRuntime.requireAtLeast(settings.javaHome(), MINIMUM_JAVA, "Elasticsearch " + version);
        boolean asRoot = ElasticsearchUser.runningAsRoot();
        if (asRoot) {
            ElasticsearchUser.runuser();
            ElasticsearchUser.requireExists(settings.elasticsearchUser());
        }
        Path esDir = settings.elasticsearchDir();
        Path home = ElasticsearchDistribution.unpack(
                ElasticsearchDistribution.locate(settings.elasticsearchZip(), version), esDir.resolve("dist"), version);
        String marker = marker(settings.dataDir());
        refuseIfAlreadyRunning(marker, settings.dataDir());

        Path dataDir = esDir.resolve("data");
        Path logsDir = esDir.resolve("logs");
        Path tmpDir = esDir.resolve("tmp");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logsDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new StackException("Cannot create the Elasticsearch folders under " + esDir + ": " + e, e);
        }
        clearTmp(tmpDir);
        if (asRoot) {
            ElasticsearchUser.requireTraversable(settings.elasticsearchUser(), esDir);
            // the node writes its keystore into config/ on first start, besides data, logs and tmp
            ElasticsearchUser.chown(settings.elasticsearchUser(), List.of(home, dataDir, logsDir, tmpDir));
        }

        ElasticsearchCommand command = new ElasticsearchCommand(home, settings.javaHome(), dataDir, logsDir, tmpDir,
                Ports.choose(settings.elasticsearchPort()), Ports.free(), settings.elasticsearchHeap(),
                asRoot ? settings.elasticsearchUser() : null);
        LocalElasticsearch node = new LocalElasticsearch(command, logsDir.resolve("console.log"),
                settings.dataDir(), marker, lifetime, settings.startupTimeout());
        node.launch();
        return node;
    }

    /** Starts the node's process with this node's command and waits until it is healthy. */
    private synchronized void launch() {
        consoleLogMark = LogTail.mark(consoleLog);
        serverLogMark = LogTail.mark(command.serverLog());
        long started = System.nanoTime();
        process = ChildProcess.start("Elasticsearch node", command.command(), command.home(), Map.of(), consoleLog,
                marker, lifetime);
        try {
            awaitHealthy(startupTimeout);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        LOG.info("Elasticsearch {} ready at {} (pid {}) in {} ms; logs in {}", version(), command.url(),
                process.pid(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), command.logsDir());
    }

    /**
     * Stops the node, keeping its ports, data and logs, so that {@link #restart()} brings the same node back at the
     * same {@link #url()} (what an outage looks like to clients). Idempotent; {@link #close()} stops it for good.
     */
    public synchronized void stop() {
        process.stop();
    }

    /**
     * Starts the node again on the same ports with the same data folder, stopping it first if it still runs, and
     * waits until it is healthy (at most the start-up timeout). The indices it held are there again.
     *
     * @throws StackException if the node does not become healthy, or another process of this data folder runs
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("this Elasticsearch node was closed: start a new one");
        }
        process.stop();
        refuseIfAlreadyRunning(marker, stackDataDir);
        clearTmp(command.tmpDir());
        String user = command.runAsUser();
        if (user != null) {
            ElasticsearchUser.chown(user, List.of(command.tmpDir()));
        }
        launch();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return command.url();
    }

    public int httpPort() {
        return command.httpPort();
    }

    /** The pid of the process this JVM started: {@code runuser} as root, else the launcher JVM. */
    public long pid() {
        return process.pid();
    }

    /** The node's own log file. */
    public Path logFile() {
        return command.serverLog();
    }

    /** The unpacked distribution the node runs from. */
    public Path home() {
        return command.home();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /**
     * The cluster status ({@code green}, {@code yellow}, {@code red}) if the node answers
     * {@code GET /_cluster/health} within the timeout. ({@code GET /} answers 405 on this distribution.)
     */
    public static Optional<String> health(String url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        long seconds = Math.max(1, timeout.toSeconds());
        return Http.get(URI.create(url + "/_cluster/health?timeout=" + seconds + "s"), timeout.plusSeconds(1))
                .filter(r -> r.status() == 200 || r.status() == 408)
                .flatMap(r -> status(r.body()));
    }

    /** Whether the node answers and the cluster is green or yellow. */
    public static boolean isHealthy(String url, Duration timeout) {
        return health(url, timeout).filter(s -> s.equals("green") || s.equals("yellow")).isPresent();
    }

    /** Stops the node (SIGTERM to the node's JVM, up to 30 s, then SIGKILL). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        process.stop();
    }

    @Override
    public String toString() {
        return "LocalElasticsearch[" + url() + ", pid " + pid() + "]";
    }

    /**
     * What identifies this data folder's node in a command line: the folder of unpacked distributions, which all its
     * processes name (runuser and the launcher its script, the node its {@code es.path.home}), whatever the version.
     */
    static String marker(Path dataDir) {
        return dataDir.resolve("elasticsearch").resolve("dist") + java.io.File.separator;
    }

    /** The launcher leaves a folder per start in ES_TMPDIR; nothing in it outlives the node. */
    private static void clearTmp(Path tmpDir) {
        try {
            ElasticsearchDistribution.deleteTree(tmpDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new StackException("Cannot clear " + tmpDir + ": " + e, e);
        }
    }

    private static void refuseIfAlreadyRunning(String marker, Path dataDir) {
        List<ProcessHandle> running = ProcessTrees.withMarker(marker);
        if (!running.isEmpty()) {
            throw new StackException("An Elasticsearch node for the data folder " + dataDir + " is already running"
                    + " (pid " + running.getFirst().pid() + "), probably left behind by an earlier run. Use it, or"
                    + " stop it with `outsight stack down` (LocalStack.down) for that data folder.");
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI health = URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
        while (true) {
            if (!process.isRunning()) {
                String exit = process.exitCode().stream().mapToObj(c -> "exit code " + c).findFirst().orElse("gone");
                throw failure("The Elasticsearch node stopped during start-up (" + exit + ").");
            }
            if (Http.get(health, Duration.ofSeconds(5)).filter(r -> r.status() == 200).isPresent()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw failure("The Elasticsearch node did not become healthy at " + url() + " within "
                        + timeout.toSeconds() + " s.");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for Elasticsearch", e);
            }
        }
    }

    private StackException failure(String what) {
        return new StackException(what + "\n" + LogTail.describe("Console output", consoleLog, 25, consoleLogMark)
                + "\n" + LogTail.describe("Server log", logFile(), LOG_LINES, serverLogMark));
    }

    private static Optional<String> status(String body) {
        try {
            JsonNode status = JSON.readTree(body).path("status");
            return status.isTextual() ? Optional.of(status.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
