package io.outsight.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link BenchReport} as one JSON object. {@code count} is the articles of each round; {@code ceiling} and
 * {@code pipeline} are the rounds added up (seconds and CPU summed over the rounds, so each {@code per_second} is
 * articles over summed seconds; latencies of every article of every round); {@code pipeline.workers} covers the
 * whole run; {@code rounds} has each round's {@code ceiling}, {@code pipeline} and {@code ratio}. The top-level
 * {@code ratio}, on which {@code ratio_met} is judged, is the median of the rounds' ratios ({@code ratio_is} says
 * so); {@code ratio_of_summed_rates} is for information. Not meant to be shared between threads.
 */
final class BenchReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BenchReport report;

    BenchReportJson(BenchReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    void print(PrintWriter out) {
        out.println(tree().toString());
        out.flush();
    }

    ObjectNode tree() {
        var r = report;
        var m = r.machine();
        ObjectNode root = JSON.createObjectNode();
        root.put("count", r.count()).put("warm_up", r.warmUp()).put("seed", r.seed()).put("run_id", r.runId())
                .put("page_bytes", r.pageBytes()).put("rounds_planned", r.plannedRounds());
        root.putObject("machine").put("cores", m.cores()).put("memory_bytes", m.memoryBytes())
                .put("jdk", m.jdk()).put("os", m.os()).put("at", m.at().toString())
                .put("load_before", m.loadBefore()).put("load_after", m.loadAfter());
        ceiling(root.putObject("ceiling"), r.ceilingTotal());
        var pipe = root.putObject("pipeline");
        pipeline(pipe, r.pipelineTotal());
        pipe.put("workers_cpu_seconds", r.workerCpuSeconds(false)).put("workers_cpu_seconds_working",
                r.workerCpuSeconds(true));
        pipe.put("layout", r.layout().name().toLowerCase(Locale.ROOT));
        var workers = pipe.putArray("workers");
        for (var w : r.workers()) {
            var node = workers.addObject().put("stage", w.stage()).put("pid", w.pid()).put("exit_code", w.exitCode())
                    .put("xmx", r.workerHeap()).put("log", w.log().toString());
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
        var rounds = root.putArray("rounds");
        for (var round : r.rounds()) {
            var node = rounds.addObject().put("round", round.number()).put("source", round.source());
            ceiling(node.putObject("ceiling"), round.ceiling());
            pipeline(node.putObject("pipeline"), round.pipeline());
            node.put("ratio", round.ratio());
        }
        root.put("ratio", r.ratio()).put("ratio_is", "median of the rounds' ratios")
                .put("ratio_of_summed_rates", r.ratioOfSummedRates()).put("target_ratio", BenchReport.TARGET_RATIO)
                .put("ratio_met", r.ratioTargetMet()).put("heap_met", r.heapTargetMet()).put("complete", r.complete());
        return root;
    }

    private static void ceiling(ObjectNode node, CeilingRun.Result c) {
        node.put("articles", c.articles()).put("failed", c.failed()).put("seconds", c.elapsed().toNanos() / 1e9)
                .put("per_second", c.perSecond()).put("bulk_bytes", c.bulkBytes())
                .put("cpu_seconds", c.cpu().toNanos() / 1e9);
    }

    /** The fields a round and the total share; the workers' CPU of a round is the sum over its workers. */
    private static void pipeline(ObjectNode node, PipelineRound p) {
        node.put("submitted", p.submitted()).put("complete", p.complete());
        var statuses = node.putObject("statuses");
        p.statuses().forEach(statuses::put);
        node.putObject("fetched").put("articles", p.fetched()).put("seconds", p.fetchedSeconds())
                .put("per_second", p.fetchedRate());
        node.putObject("enriched").put("articles", p.enriched()).put("seconds", p.enrichedSeconds())
                .put("per_second", p.enrichedRate());
        node.putObject("searchable").put("articles", p.searchable()).put("seconds", p.searchableSeconds())
                .put("per_second", p.endToEndRate());
        node.put("workers_cpu_seconds_working", p.workersCpuSeconds());
        if (p.machineCpuSeconds() != null) {
            node.put("machine_cpu_seconds", p.machineCpuSeconds());
        }
        if (!p.serverCpuSeconds().isEmpty()) {
            var servers = node.putObject("server_cpu_seconds");
            p.serverCpuSeconds().forEach(servers::put);
        }
        latency(node.putObject("latency_fetch_to_searchable_ms"), p.fetchToSearchable());
        latency(node.putObject("latency_fetch_to_enriched_ms"), p.fetchToEnriched());
    }

    private static void latency(ObjectNode node, LatencySummary summary) {
        node.put("count", summary.count()).put("p50", summary.p50()).put("p95", summary.p95()).put("max", summary.max());
    }
}
