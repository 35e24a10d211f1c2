package io.outsight.stack.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops the process trees of the local servers, including ones started by another JVM. Stateless and
 * thread-safe.
 *
 * <p>A server is a tree: Elasticsearch is {@code runuser} → CLI launcher JVM → server JVM. Stopping sends SIGTERM to
 * the leaves only (the server JVMs, which then shut down cleanly and their parents exit after them), waits, and
 * SIGKILLs whatever is left. Sending SIGTERM to {@code runuser} itself would make it SIGKILL its child after two
 * seconds, before Elasticsearch has finished shutting down.
 *
 * <p>Processes are recognised by a marker in their command line (a path inside the data folder, see {@link #names}), so a recorded pid
 * that the system has since reused for something else is never signalled.
 */
public final class ProcessTrees {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTrees.class);
    private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(10);

    private ProcessTrees() {}

    /** Alive and not a zombie (an exited process its parent has not reaped yet). */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            int end = text.lastIndexOf(')'); // the command name in parentheses may itself contain ')'
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no procfs (not Linux) or the process just went away
        }
    }

    /** The command line, with arguments separated by single spaces, if the system lets us read it. */
    public static Optional<String> commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            if (bytes.length > 0) {
                return Optional.of(new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip());
            }
        } catch (IOException e) {
            // not Linux, or the process is gone: ask the JDK
        }
        return process.info().commandLine();
    }

    /**
     * The running process with this pid if it is ours: its command line contains the marker (or cannot be read, in
     * which case liveness is all we can check).
     */
    public static Optional<ProcessHandle> ours(long pid, String marker) {
        return ProcessHandle.of(pid)
                .filter(ProcessTrees::isRunning)
                .filter(p -> commandLine(p).map(line -> names(line, marker)).orElse(true));
    }

    /** Running processes whose command line contains the marker, except this JVM and its ancestors. */
    public static List<ProcessHandle> withMarker(String marker) {
        Set<Long> excluded = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            excluded.add(p.get().pid());
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> !excluded.contains(p.pid()))
                    .filter(p -> commandLine(p).map(line -> names(line, marker)).orElse(false))
                    .filter(ProcessTrees::isRunning)
                    .toList();
        }
    }

    /** The roots and all their descendants that are running, parents before children, each once. */
    public static List<ProcessHandle> trees(Collection<ProcessHandle> roots) {
        Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
        for (ProcessHandle root : roots) {
            tree.putIfAbsent(root.pid(), root);
            root.descendants().forEach(d -> tree.putIfAbsent(d.pid(), d));
        }
        return tree.values().stream().filter(ProcessTrees::isRunning).toList();
    }

    /**
     * Stops the trees: SIGTERM to their leaves, up to {@code grace} for every process of the trees to exit, then
     * SIGKILL to the rest. Returns whether everything had exited by the end.
     */
    public static boolean stop(Collection<ProcessHandle> roots, Duration grace) {
        List<ProcessHandle> tree = trees(roots);
        if (tree.isEmpty()) {
            return true;
        }
        Set<Long> parents = new HashSet<>();
        for (ProcessHandle p : tree) {
            p.parent().ifPresent(parent -> parents.add(parent.pid()));
        }
        List<ProcessHandle> leaves = tree.stream().filter(p -> !parents.contains(p.pid())).toList();
        leaves.forEach(ProcessHandle::destroy);
        if (awaitExit(tree, grace)) {
            return true;
        }
        List<ProcessHandle> left = new ArrayList<>(tree.stream().filter(ProcessTrees::isRunning).toList());
        LOG.warn("Processes {} did not stop within {} s of SIGTERM: killing them",
                left.stream().map(ProcessHandle::pid).toList(), grace.toSeconds());
        left.reversed().forEach(ProcessHandle::destroyForcibly); // children first, so no parent restarts one
        return awaitExit(left, FORCED_EXIT_WAIT);
    }

    /**
     * Polls until none of the processes runs any more, or the timeout passes. An interrupt does not cut the wait
     * short (stopping must finish); it is passed on when the wait is over.
     */
    public static boolean awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                if (processes.stream().noneMatch(ProcessTrees::isRunning)) {
                    return true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether the command line names the path: the marker occurs at the start of the line or of an argument, an
     * option value or a class path entry, so {@code /a/b/kafka} does not match a command line naming
     * {@code /z/a/b/kafka}.
     */
    public static boolean names(String commandLine, String marker) {
        for (int i = commandLine.indexOf(marker); i >= 0; i = commandLine.indexOf(marker, i + 1)) {
            if (i == 0 || " =:\t".indexOf(commandLine.charAt(i - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
