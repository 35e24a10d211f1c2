package io.outsight.app.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@code outsight bench} found: the machine, the timed rounds (each a ceiling and a pipeline pass over articles
 * of its own), the workers over the whole run, and whether the targets were met. The ratio target is judged on the
 * median of the rounds' ratios (end-to-end at least {@value #TARGET_RATIO} of the ceiling), so that one slow or
 * fast minute of a shared machine does not decide it; the heap target asks that every worker ended normally with its
 * peak live heap under {@value #HEAP_HEADROOM} of its limit. {@link BenchReportText} and {@link BenchReportJson}
 * print it. Immutable.
 *
 * @param count articles per round
 * @param pageBytes HTML bytes of all timed rounds' pages
 * @param plannedRounds rounds asked for; {@code rounds} has fewer when one did not complete (no later round runs)
 * @param workers each worker's account over the whole run (all rounds)
 * @param workerHeap the workers' {@code -Xmx} as given ("256m")
 * @param workerHeapBytes the same in bytes
 */
public record BenchReport(Machine machine, int count, int warmUp, long seed, String runId, int pageBytes,
        int plannedRounds, List<BenchRound> rounds, WorkerLayout layout, List<WorkerResult> workers, String workerHeap,
        long workerHeapBytes) {
    static final double TARGET_RATIO = 0.7;
    static final double HEAP_HEADROOM = 0.8;

    public BenchReport {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(runId, "runId");
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(layout, "layout");
        workers = List.copyOf(workers);
        Objects.requireNonNull(workerHeap, "workerHeap");
    }

    /** Where and when the benchmark ran. */
    public record Machine(int cores, long memoryBytes, String jdk, String os, Instant at, double loadBefore,
            double loadAfter) {
        static Machine current(Instant at, double loadBefore) {
            long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getTotalMemorySize() : 0;
            return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                    System.getProperty("java.vendor") + " " + Runtime.version(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), at, loadBefore, loadAverage());
        }

        static double loadAverage() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** Articles per second over a duration; 0 for no time. */
    static double rate(long articles, Duration elapsed) {
        return rate(articles, elapsed.toNanos() / 1e9);
    }

    static double rate(long articles, double seconds) {
        return seconds <= 0 ? 0 : articles / seconds;
    }

    /** An end-to-end rate over a ceiling rate; 0 when the ceiling is 0. */
    static double ratio(double endToEnd, double ceiling) {
        return ceiling <= 0 ? 0 : endToEnd / ceiling;
    }

    /** The median: the middle value of an odd count, the mean of the two middle values of an even one; 0 of none. */
    static double median(double... values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The ceiling's timed passes of every round added up. */
    CeilingRun.Result ceilingTotal() {
        return CeilingRun.Result.total(rounds.stream().map(BenchRound::ceiling).toList());
    }

    /** The pipeline's timed passes of every round added up (rates over the summed seconds, every latency). */
    PipelineRound pipelineTotal() {
        return PipelineRound.total(rounds.stream().map(BenchRound::pipeline).toList());
    }

    /** The headline ratio, on which the target is judged: the median of the rounds' end-to-end / ceiling ratios. */
    public double ratio() {
        return median(rounds.stream().mapToDouble(BenchRound::ratio).toArray());
    }

    /** For information: the end-to-end rate of all rounds together over the ceiling's rate of all rounds together. */
    public double ratioOfSummedRates() {
        return ratio(pipelineTotal().endToEndRate(), ceilingTotal().perSecond());
    }

    /** Whether the median ratio reached {@value #TARGET_RATIO}. */
    public boolean ratioTargetMet() {
        return ratio() >= TARGET_RATIO;
    }

    /**
     * Whether every worker ran steadily within its heap: it ended normally when stopped (0, or 143 for SIGTERM; an
     * OutOfMemoryError ends a worker otherwise) and its peak live heap stayed under {@value #HEAP_HEADROOM} of the
     * limit, so it was never close to collecting back-to-back.
     */
    public boolean heapTargetMet() {
        return workers.size() == layout.processes().size()
                && workers.stream().allMatch(w -> w.heap() != null
                && w.heap().peakLiveBytes() <= HEAP_HEADROOM * workerHeapBytes
                && (w.exitCode() == 0 || w.exitCode() == 143));
    }

    /** Whether the ratio and heap targets were met. */
    public boolean targetsMet() {
        return ratioTargetMet() && heapTargetMet();
    }

    /** Whether every planned round ran, every URL got a status and every fetched article became searchable. */
    public boolean complete() {
        return rounds.size() == plannedRounds && rounds.stream().allMatch(r -> r.pipeline().allSearchable());
    }

    /**
     * CPU seconds of the workers together (as far as the OS reported them).
     *
     * @param working only what they used during the timed rounds' pipeline parts, summed over the rounds; else from
     *     their start to the end of the last round
     */
    double workerCpuSeconds(boolean working) {
        return workers.stream().map(w -> working ? w.cpuSecondsWorking() : w.cpuSeconds())
                .mapToDouble(s -> s == null ? 0 : s).sum();
    }

    public void printText(PrintWriter out) {
        new BenchReportText(this).print(out);
    }

    /** Prints one JSON object; its {@code ratio} is the median of the rounds' ratios, as {@link #ratio()}. */
    public void printJson(PrintWriter out) {
        new BenchReportJson(this).print(out);
    }
}
