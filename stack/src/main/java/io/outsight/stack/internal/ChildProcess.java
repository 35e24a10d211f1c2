package io.outsight.stack.internal;

import io.outsight.stack.Lifetime;
import io.outsight.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server started as a child process, with its lifetime: stopped on {@link #stop} and, unless detached, by a
 * shutdown hook when this JVM exits. Thread-safe.
 *
 * <p>The child runs in its own session ({@code setsid}) with stdin from /dev/null and stdout/stderr appended to a
 * file: no pipe ties it to this JVM, so a detached server lives on when this JVM exits, and the terminal's Ctrl-C
 * reaches only this JVM, whose shutdown hook then stops its servers in order.
 */
public final class ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final String marker;
    private final @Nullable Thread shutdownHook;
    private volatile boolean stopped;

    private ChildProcess(String name, Process process, String marker, Lifetime lifetime) {
        this.name = name;
        this.process = process;
        this.marker = marker;
        if (lifetime == Lifetime.THIS_JVM) {
            this.shutdownHook = new Thread(this::stopOnExit, "stop-" + name);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    /**
     * Starts the command.
     *
     * @param name      what the process is, for logs and messages ("Kafka broker")
     * @param command   the program and its arguments
     * @param directory the working directory
     * @param env       variables added to this JVM's environment
     * @param output    file that stdout and stderr are appended to
     * @param marker    a string in the command line that identifies this server (see {@link ProcessTrees})
     */
    public static ChildProcess start(String name, List<String> command, Path directory, Map<String, String> env,
            Path output, String marker, Lifetime lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
            full.add("--wait"); // only matters if setsid must fork: keeps the pid we record as the tree's root
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(output.getParent());
            Process process = builder.start();
            LOG.debug("Started {} (pid {}): {}", name, process.pid(), full);
            return new ChildProcess(name, process, marker, lifetime);
        } catch (IOException e) {
            throw new StackException("Cannot start the " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    /** Runs a short-lived tool to completion (such as the Kafka storage formatter); returns its exit code. */
    public static int run(String name, List<String> command, Path directory, Path output, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        try {
            Files.createDirectories(output.getParent());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                ProcessTrees.stop(List.of(process.toHandle()), Duration.ofSeconds(5));
                throw new StackException("The " + name + " did not finish within " + timeout.toSeconds() + " s. "
                        + LogTail.describe("Its output", output, 30));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new StackException("Cannot run the " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running the " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The string in the command line that identifies this server. */
    public String marker() {
        return marker;
    }

    public boolean isRunning() {
        return ProcessTrees.isRunning(process.toHandle());
    }

    /** The exit code once the process has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Stops the process tree (SIGTERM, wait, then SIGKILL) and drops the shutdown hook. Idempotent. */
    public void stop() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (or ran) stopOnExit, which is idempotent too
            }
        }
        stopTree();
    }

    private void stopOnExit() {
        stopTree();
    }

    private synchronized void stopTree() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("Stopping the {} (pid {})", name, process.pid());
        if (!ProcessTrees.stop(List.of(process.toHandle()), GRACE)) {
            LOG.warn("The {} (pid {}) is still running after SIGKILL", name, process.pid());
        }
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS); // reaps it: the tree has exited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
