package io.outsight.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * CPU time the whole machine spent busy so far, from Linux's {@code /proc/stat}, and that of a process tree: what
 * the benchmark reads before and after its timed run to tell how much of the machine the run used, and how much of
 * it went to Kafka and Elasticsearch. Stateless.
 */
final class MachineCpu {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Clock ticks per second of /proc/stat; USER_HZ is 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private MachineCpu() {}

    /** CPU used so far by the machine and by each named process tree, to subtract from a later reading. */
    record Reading(OptionalDouble machineSeconds, Map<String, Double> processSeconds) {
        /** Reads now; {@code processes} are pids by name (a process that is gone is left out). */
        static Reading now(Map<String, Long> processes) {
            var seconds = new LinkedHashMap<String, Double>();
            processes.forEach((name, pid) -> processTreeSeconds(pid).ifPresent(s -> seconds.put(name, s)));
            return new Reading(busySeconds(), seconds);
        }

        /** Machine busy seconds since {@code before}, or null where either reading lacks it. */
        @Nullable Double machineSince(Reading before) {
            return machineSeconds.isPresent() && before.machineSeconds.isPresent()
                    ? machineSeconds.getAsDouble() - before.machineSeconds.getAsDouble() : null;
        }

        /** Seconds each process tree used since {@code before}, for those present in both readings. */
        Map<String, Double> processesSince(Reading before) {
            var since = new LinkedHashMap<String, Double>();
            processSeconds.forEach((name, now) -> {
                Double then = before.processSeconds.get(name);
                if (then != null) {
                    since.put(name, now - then);
                }
            });
            return since;
        }
    }

    /** Busy seconds of all cores since boot (user, nice, system, irq, softirq, steal); empty off Linux. */
    static OptionalDouble busySeconds() {
        try {
            for (String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("cpu ")) {
                    return OptionalDouble.of(busyTicks(line) / TICKS_PER_SECOND);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: the report leaves the figure out
        }
        return OptionalDouble.empty();
    }

    /**
     * CPU seconds a process and all its descendants used so far (a server's launcher, its JVM and any helper it
     * started), as far as the OS tells; empty when the process is gone.
     */
    static OptionalDouble processTreeSeconds(long pid) {
        var root = ProcessHandle.of(pid);
        if (root.isEmpty()) {
            return OptionalDouble.empty();
        }
        double seconds = cpuSeconds(root.get());
        for (var child : root.get().descendants().toList()) {
            seconds += cpuSeconds(child);
        }
        return OptionalDouble.of(seconds);
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** Busy ticks of a {@code cpu} line: every column except idle (4th) and iowait (5th); guest time is in user. */
    static long busyTicks(String cpuLine) {
        String[] columns = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(columns.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(columns[i]);
            }
        }
        return busy;
    }
}
