package io.outsight.index.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This process's CPU time by kind of thread, from Linux's per-thread scheduler statistics ({@code
 * /proc/self/task/N/schedstat}, nanoseconds on a CPU): the JVM's own threads (compilers, collectors) as well as the
 * Java ones, which {@link java.lang.management.ThreadMXBean} does not see. Threads are grouped by name without their
 * number ({@code C2 CompilerThre}, {@code GC Thread}, {@code I/O dispatcher}), so that an arm's CPU can be told
 * apart by who spent it. Empty where /proc is not readable (not Linux).
 */
final class ThreadCpu {
    /** A thread's number at the end of its name ({@code #3}, {@code -12}, {@code 7}), and what separates it. */
    private static final Pattern NUMBER = Pattern.compile("[\\s#_-]*\\d+$");

    private final Map<String, Long> nanosByKind;

    private ThreadCpu(Map<String, Long> nanosByKind) {
        this.nanosByKind = nanosByKind;
    }

    /** The CPU time of every live thread so far, by kind. Threads ended since an earlier snapshot are not in it. */
    static ThreadCpu now() {
        var nanos = new HashMap<String, Long>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long onCpu = Long.parseLong(Files.readString(task.resolve("schedstat")).strip().split(" ")[0]);
                    nanos.merge(kind(name), onCpu, Long::sum);
                } catch (IOException ended) {
                    // the thread ended while listed (its files are gone, or no longer readable): it is left out
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(nanos);
    }

    /** The kind of a thread: its name without the number that tells it from others of its kind. */
    static String kind(String threadName) {
        String kind = NUMBER.matcher(threadName).replaceFirst("");
        return kind.isEmpty() ? threadName : kind;
    }

    /**
     * The kinds that spent at least {@code minSeconds} since {@code before}, most first, as "kind 1.23 s"; a kind
     * of threads started since counts all its time.
     */
    String since(ThreadCpu before, double minSeconds) {
        return nanosByKind.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.nanosByKind.getOrDefault(e.getKey(), 0L)) / 1e9))
                .filter(e -> e.getValue() >= minSeconds)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
