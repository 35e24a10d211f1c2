package io.outsight.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code outsight bench} prints: the machine, the ceiling, the pipeline's rates, latencies and workers, and
 * whether the targets were met (end-to-end at least {@value #TARGET_RATIO} of the ceiling; every worker ended
 * normally with its peak live heap under {@value #HEAP_HEADROOM} of its limit). Immutable.
 *
 * @param workerHeap the workers' {@code -Xmx} as given ("256m")
 * @param workerHeapBytes the same in bytes
 */
public record BenchReport(Machine machine, int count, int warmUp, long seed, String runId, int pageBytes, CeilingRun.Result ceiling,
        PipelineRun.Result pipeline, String workerHeap, long workerHeapBytes) {
    static final double TARGET_RATIO = 0.7;
    static final double HEAP_HEADROOM = 0.8;
    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchReport {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(pipeline, "pipeline");
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

    public double endToEndRate() {
        return rate(pipeline.searchable(), pipeline.searchableSeconds());
    }

    /** End-to-end rate over the ceiling's rate. */
    public double ratio() {
        double ceilingRate = ceiling.perSecond();
        return ceilingRate <= 0 ? 0 : endToEndRate() / ceilingRate;
    }

    /**
     * Whether every worker ran steadily within its heap: it ended normally when stopped (0, or 143 for SIGTERM; an
     * OutOfMemoryError ends a worker otherwise) and its peak live heap stayed under {@value #HEAP_HEADROOM} of the
     * limit, so it was never close to collecting back-to-back.
     */
    public boolean heapTargetMet() {
        return pipeline.workers().size() == pipeline.layout().processes().size()
                && pipeline.workers().stream().allMatch(w -> w.heap() != null
                && w.heap().peakLiveBytes() <= HEAP_HEADROOM * workerHeapBytes
                && (w.exitCode() == 0 || w.exitCode() == 143));
    }

    /** Whether the ratio and heap targets were met. */
    public boolean targetsMet() {
        return ratio() >= TARGET_RATIO && heapTargetMet();
    }

    /** Whether every URL got a status and every fetched article became searchable. */
    public boolean complete() {
        return pipeline.complete() && pipeline.searchable() == pipeline.fetched();
    }

    public void printText(PrintWriter out) {
        var m = machine;
        out.printf(Locale.ROOT, "outsight bench: %,d generated articles (seed %d, %,d KB of HTML) after a warm-up of %,d"
                + " others, run %s%n", count, seed, pageBytes / 1024, warmUp, runId);
        out.printf(Locale.ROOT, "machine: %d cores, %.1f GiB, %s, %s; load average %.1f before, %.1f after; %s%n",
                m.cores(), m.memoryBytes() / (1024.0 * 1024 * 1024), m.jdk(), m.os(), m.loadBefore(), m.loadAfter(),
                m.at());
        out.printf(Locale.ROOT, "%nceiling (one process, no Kafka or Elasticsearch): %,d articles in %.1f s = %.1f/s"
                + " (%d not ok); CPU %.1f s = %.0f ms per article%n", ceiling.articles(),
                ceiling.elapsed().toNanos() / 1e9, ceiling.perSecond(), ceiling.failed(), ceiling.cpu().toNanos() / 1e9,
                perArticleMillis(ceiling.cpu().toNanos() / 1e9, ceiling.articles()));
        var p = pipeline;
        out.printf(Locale.ROOT, "%npipeline (%s, Kafka, Elasticsearch):%n", p.layout().description());
        out.printf(Locale.ROOT, "  statuses %s of %,d submitted%n", p.statuses(), p.submitted());
        out.printf(Locale.ROOT, "  fetched    %,6d in %6.1f s = %7.1f/s%n", p.fetched(), p.fetchedSeconds(),
                rate(p.fetched(), p.fetchedSeconds()));
        out.printf(Locale.ROOT, "  enriched   %,6d in %6.1f s = %7.1f/s%n", p.enriched(), p.enrichedSeconds(),
                rate(p.enriched(), p.enrichedSeconds()));
        out.printf(Locale.ROOT, "  searchable %,6d in %6.1f s = %7.1f/s  (end to end)%n", p.searchable(),
                p.searchableSeconds(), endToEndRate());
        out.printf(Locale.ROOT, "  latency fetch -> searchable: p50 %,d ms, p95 %,d ms, max %,d ms "
                + "(first seen by a search polled every %d ms)%n", p.fetchToSearchable().p50(),
                p.fetchToSearchable().p95(), p.fetchToSearchable().max(), PipelineRun.POLL_MILLIS);
        out.printf(Locale.ROOT, "  latency fetch -> enriched:   p50 %,d ms, p95 %,d ms, max %,d ms (record timestamps)%n",
                p.fetchToEnriched().p50(), p.fetchToEnriched().p95(), p.fetchToEnriched().max());
        out.printf(Locale.ROOT, "  workers (-Xmx%s): CPU after start-up %.1f s together = %.0f ms per article (Kafka and "
                + "Elasticsearch not counted); with start-up and model loading %.1f s%n", workerHeap,
                workerCpuSeconds(true), perArticleMillis(workerCpuSeconds(true), pipeline.searchable()),
                workerCpuSeconds(false));
        if (p.machineCpuSeconds() != null) {
            double available = machine.cores() * p.searchableSeconds();
            double servers = p.serverCpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
            var named = new StringBuilder();
            p.serverCpuSeconds().forEach((name, seconds) -> named.append(String.format(Locale.ROOT, ", %s %.1f s",
                    name, seconds)));
            out.printf(Locale.ROOT, "  machine CPU meanwhile: %.1f s of the %.1f s its %d cores had (%.0f%% busy): workers"
                    + " %.1f s%s, the rest %.1f s (%sthe benchmark serving pages and watching, anything else running)%n",
                    p.machineCpuSeconds(), available, machine.cores(),
                    available > 0 ? 100 * p.machineCpuSeconds() / available : 0, workerCpuSeconds(true), named,
                    p.machineCpuSeconds() - workerCpuSeconds(true) - servers,
                    p.serverCpuSeconds().isEmpty() ? "Kafka, Elasticsearch, " : "");
        }
        for (var w : p.workers()) {
            var heap = w.heap();
            out.printf(Locale.ROOT, "    %-7s pid %-8d exit %-4d peak heap used %s, peak live %s, %s GC pauses, CPU %s%n",
                    w.stage(), w.pid(), w.exitCode(), heap == null ? "?" : mib(heap.peakUsedBytes()),
                    heap == null ? "?" : mib(heap.peakLiveBytes()), heap == null ? "?" : heap.collections(),
                    w.cpuSeconds() == null ? "?" : String.format(Locale.ROOT, "%.1f s (%.1f s after start-up)",
                            w.cpuSeconds(), w.cpuSecondsWorking() == null ? 0 : w.cpuSecondsWorking()));
        }
        out.printf(Locale.ROOT, "%nend-to-end / ceiling = %.2f (target >= %.1f: %s); workers steady under -Xmx%s (exited normally, "
                + "peak live <= %.0f%%): %s%s%n", ratio(), TARGET_RATIO, ratio() >= TARGET_RATIO ? "met" : "NOT met",
                workerHeap, HEAP_HEADROOM * 100,
                heapTargetMet() ? "yes" : "NO", complete() ? "" : "; INCOMPLETE: not every article became searchable");
        out.flush();
    }

    public void printJson(PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("count", count).put("warm_up", warmUp).put("seed", seed).put("run_id", runId).put("page_bytes", pageBytes);
        root.putObject("machine").put("cores", machine.cores()).put("memory_bytes", machine.memoryBytes())
                .put("jdk", machine.jdk()).put("os", machine.os()).put("at", machine.at().toString())
                .put("load_before", machine.loadBefore()).put("load_after", machine.loadAfter());
        root.putObject("ceiling").put("articles", ceiling.articles()).put("failed", ceiling.failed())
                .put("seconds", ceiling.elapsed().toNanos() / 1e9).put("per_second", ceiling.perSecond())
                .put("bulk_bytes", ceiling.bulkBytes())
                .put("cpu_seconds", ceiling.cpu().toNanos() / 1e9);
        var p = pipeline;
        var pipe = root.putObject("pipeline");
        pipe.put("submitted", p.submitted()).put("complete", p.complete());
        var statuses = pipe.putObject("statuses");
        p.statuses().forEach(statuses::put);
        pipe.putObject("fetched").put("articles", p.fetched()).put("seconds", p.fetchedSeconds())
                .put("per_second", rate(p.fetched(), p.fetchedSeconds()));
        pipe.putObject("enriched").put("articles", p.enriched()).put("seconds", p.enrichedSeconds())
                .put("per_second", rate(p.enriched(), p.enrichedSeconds()));
        pipe.putObject("searchable").put("articles", p.searchable()).put("seconds", p.searchableSeconds())
                .put("per_second", endToEndRate());
        pipe.put("workers_cpu_seconds", workerCpuSeconds(false)).put("workers_cpu_seconds_working",
                workerCpuSeconds(true));
        if (p.machineCpuSeconds() != null) {
            pipe.put("machine_cpu_seconds", p.machineCpuSeconds());
        }
        if (!p.serverCpuSeconds().isEmpty()) {
            var servers = pipe.putObject("server_cpu_seconds");
            p.serverCpuSeconds().forEach(servers::put);
        }
        latency(pipe.putObject("latency_fetch_to_searchable_ms"), p.fetchToSearchable());
        latency(pipe.putObject("latency_fetch_to_enriched_ms"), p.fetchToEnriched());
        pipe.put("layout", p.layout().name().toLowerCase(Locale.ROOT));
        var workers = pipe.putArray("workers");
        for (var w : p.workers()) {
            var node = workers.addObject().put("stage", w.stage()).put("pid", w.pid()).put("exit_code", w.exitCode())
                    .put("xmx", workerHeap).put("log", w.log().toString());
            if (w.cpuSeconds() != null) {
                node.put("cpu_seconds", w.cpuSeconds());
            }
            if (w.cpuSecondsWorking() != null) {
                node.put("cpu_seconds_working", w.cpuSecondsWorking());
            }
            if (w.heap() != null) {
                node.put("peak_heap_used_bytes", w.heap().peakUsedBytes())
                        .put("peak_heap_live_bytes", w.heap().peakLiveBytes())
                        .put("max_heap_bytes", w.heap().maxBytes()).put("gc_pauses", w.heap().collections())
                        .put("gc_pause_millis", w.heap().pauseMillis());
            }
        }
        root.put("ratio", ratio()).put("target_ratio", TARGET_RATIO).put("ratio_met", ratio() >= TARGET_RATIO)
                .put("heap_met", heapTargetMet()).put("complete", complete());
        out.println(root.toString());
        out.flush();
    }

    private static void latency(ObjectNode node, LatencySummary summary) {
        node.put("count", summary.count()).put("p50", summary.p50()).put("p95", summary.p95()).put("max", summary.max());
    }

    /**
     * CPU seconds of the three workers together (as far as the OS reported them).
     *
     * @param working only what they used after the URLs were submitted (without start-up and model loading)
     */
    double workerCpuSeconds(boolean working) {
        return pipeline.workers().stream().map(w -> working ? w.cpuSecondsWorking() : w.cpuSeconds())
                .mapToDouble(s -> s == null ? 0 : s).sum();
    }

    private static double perArticleMillis(double seconds, int articles) {
        return articles == 0 ? 0 : seconds * 1000 / articles;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
