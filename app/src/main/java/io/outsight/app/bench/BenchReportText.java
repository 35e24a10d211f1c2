package io.outsight.app.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@link BenchReport} for people: each round's ceiling rate, end-to-end rate and ratio; then the rounds together
 * (per-stage rates over the rounds' summed seconds, latencies of every article of every round, CPU summed over the
 * rounds' timed parts); the workers over the whole run; and the targets, the ratio judged on the median of the
 * rounds. Stateless apart from the report; not meant to be shared between threads.
 */
final class BenchReportText {
    private final BenchReport report;

    BenchReportText(BenchReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    void print(PrintWriter out) {
        var r = report;
        var m = r.machine();
        out.printf(Locale.ROOT, "outsight bench: %d round%s of %,d generated articles (seed %d, %,d KB of HTML timed) after"
                + " a warm-up of %,d others, run %s%n", r.plannedRounds(), r.plannedRounds() == 1 ? "" : "s", r.count(),
                r.seed(), r.pageBytes() / 1024, r.warmUp(), r.runId());
        out.printf(Locale.ROOT, "machine: %d cores, %.1f GiB, %s, %s; load average %.1f before, %.1f after; %s%n",
                m.cores(), m.memoryBytes() / (1024.0 * 1024 * 1024), m.jdk(), m.os(), m.loadBefore(), m.loadAfter(),
                m.at());

        out.printf(Locale.ROOT, "%nrounds (each: the ceiling, then the pipeline, over %,d articles of its own):%n",
                r.count());
        for (var round : r.rounds()) {
            var c = round.ceiling();
            var p = round.pipeline();
            out.printf(Locale.ROOT, "  round %d: ceiling %,d in %.1f s = %.1f/s; end to end %,d in %.1f s = %.1f/s;"
                    + " ratio %.2f%s%n", round.number(), c.articles(), c.elapsed().toNanos() / 1e9, c.perSecond(),
                    p.searchable(), p.searchableSeconds(), p.endToEndRate(), round.ratio(),
                    p.allSearchable() ? "" : " (INCOMPLETE)");
        }

        var ceiling = r.ceilingTotal();
        out.printf(Locale.ROOT, "%nceiling (one process, no Kafka or Elasticsearch), the rounds together: %,d articles in"
                + " %.1f s = %.1f/s (%d not ok); CPU %.1f s = %.0f ms per article%n", ceiling.articles(),
                ceiling.elapsed().toNanos() / 1e9, ceiling.perSecond(), ceiling.failed(), ceiling.cpu().toNanos() / 1e9,
                perArticleMillis(ceiling.cpu().toNanos() / 1e9, ceiling.articles()));

        var p = r.pipelineTotal();
        out.printf(Locale.ROOT, "%npipeline (%s, Kafka, Elasticsearch), the rounds together (rates over the rounds' summed"
                + " seconds, latencies of every article):%n", r.layout().description());
        out.printf(Locale.ROOT, "  statuses %s of %,d submitted%n", p.statuses(), p.submitted());
        out.printf(Locale.ROOT, "  fetched    %,6d in %6.1f s = %7.1f/s%n", p.fetched(), p.fetchedSeconds(),
                p.fetchedRate());
        out.printf(Locale.ROOT, "  enriched   %,6d in %6.1f s = %7.1f/s%n", p.enriched(), p.enrichedSeconds(),
                p.enrichedRate());
        out.printf(Locale.ROOT, "  searchable %,6d in %6.1f s = %7.1f/s  (end to end)%n", p.searchable(),
                p.searchableSeconds(), p.endToEndRate());
        out.printf(Locale.ROOT, "  latency fetch -> searchable: p50 %,d ms, p95 %,d ms, max %,d ms "
                + "(first seen by a search polled every %d ms)%n", p.fetchToSearchable().p50(),
                p.fetchToSearchable().p95(), p.fetchToSearchable().max(), ArticleFollower.POLL_MILLIS);
        out.printf(Locale.ROOT, "  latency fetch -> enriched:   p50 %,d ms, p95 %,d ms, max %,d ms (record timestamps)%n",
                p.fetchToEnriched().p50(), p.fetchToEnriched().p95(), p.fetchToEnriched().max());
        out.printf(Locale.ROOT, "  workers (-Xmx%s): CPU during the rounds' pipeline parts %.1f s together = %.0f ms per"
                + " article (Kafka and Elasticsearch not counted); from their start on (start-up, model loading,"
                + " warm-up, idle during the ceilings) %.1f s%n", r.workerHeap(), r.workerCpuSeconds(true),
                perArticleMillis(r.workerCpuSeconds(true), p.searchable()), r.workerCpuSeconds(false));
        if (p.machineCpuSeconds() != null) {
            double available = m.cores() * p.searchableSeconds();
            double servers = p.serverCpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
            var named = new StringBuilder();
            p.serverCpuSeconds().forEach((name, seconds) -> named.append(String.format(Locale.ROOT, ", %s %.1f s",
                    name, seconds)));
            out.printf(Locale.ROOT, "  machine CPU during the rounds' pipeline parts: %.1f s of the %.1f s its %d cores"
                    + " had (%.0f%% busy): workers %.1f s%s, the rest %.1f s (%sthe benchmark serving pages and"
                    + " watching, anything else running)%n",
                    p.machineCpuSeconds(), available, m.cores(),
                    available > 0 ? 100 * p.machineCpuSeconds() / available : 0, p.workersCpuSeconds(), named,
                    p.machineCpuSeconds() - p.workersCpuSeconds() - servers,
                    p.serverCpuSeconds().isEmpty() ? "Kafka, Elasticsearch, " : "");
        }
        out.printf(Locale.ROOT, "  workers over the whole run:%n");
        for (var w : r.workers()) {
            var heap = w.heap();
            out.printf(Locale.ROOT, "    %-7s pid %-8d exit %-4d peak heap used %s, peak live %s, %s GC pauses, CPU %s%n",
                    w.stage(), w.pid(), w.exitCode(), heap == null ? "?" : mib(heap.peakUsedBytes()),
                    heap == null ? "?" : mib(heap.peakLiveBytes()), heap == null ? "?" : heap.collections(),
                    w.cpuSeconds() == null ? "?" : String.format(Locale.ROOT, "%.1f s (%.1f s in the rounds)",
                            w.cpuSeconds(), w.cpuSecondsWorking() == null ? 0 : w.cpuSecondsWorking()));
        }

        String ratios = r.rounds().stream().map(round -> String.format(Locale.ROOT, "%.2f", round.ratio()))
                .collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "%nend-to-end / ceiling = %.2f, the median of the rounds' %s (target >= %.1f: %s); of the"
                + " summed rates %.2f; workers steady under -Xmx%s (exited normally, peak live <= %.0f%%): %s%s%n",
                r.ratio(), ratios, BenchReport.TARGET_RATIO, r.ratioTargetMet() ? "met" : "NOT met",
                r.ratioOfSummedRates(), r.workerHeap(), BenchReport.HEAP_HEADROOM * 100,
                r.heapTargetMet() ? "yes" : "NO", r.complete() ? "" : "; INCOMPLETE: " + incompleteness());
        out.flush();
    }

    private String incompleteness() {
        var r = report;
        return r.rounds().size() < r.plannedRounds()
                ? String.format(Locale.ROOT, "round %d of %d did not complete and no later round ran",
                        r.rounds().size(), r.plannedRounds())
                : "not every article became searchable";
    }

    private static double perArticleMillis(double seconds, int articles) {
        return articles == 0 ? 0 : seconds * 1000 / articles;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
