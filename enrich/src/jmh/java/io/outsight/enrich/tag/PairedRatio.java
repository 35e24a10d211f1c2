package io.outsight.enrich.tag;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Prints the ratio that {@link TaggingBenchmark#pairedTagAndBare} measures: tagging and the bare baseline on the same
 * article under the same load. The ratio of two separate benchmarks is
 * {@link io.outsight.core.jmh.BenchmarkRatio}'s. Stateless.
 */
final class PairedRatio {

    private PairedRatio() {}

    /**
     * The ratio of the two CPU-time sums of a paired benchmark ({@link PairedCpuTime}), per measured iteration: mean
     * with JMH's 99.9 % interval over the iterations.
     */
    static void print(Collection<RunResult> results, String benchmark, String bound) {
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith("." + benchmark)) {
                continue;
            }
            var ratios = new ListStatistics();
            var tag = new ListStatistics();
            var bare = new ListStatistics();
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    Result<?> t = iteration.getSecondaryResults().get("tagNanos");
                    Result<?> b = iteration.getSecondaryResults().get("bareNanos");
                    Result<?> n = iteration.getSecondaryResults().get("pairs");
                    if (t != null && b != null && n != null && b.getScore() > 0 && n.getScore() > 0) {
                        ratios.addValue(t.getScore() / b.getScore());
                        tag.addValue(t.getScore() / 1e6 / n.getScore());
                        bare.addValue(b.getScore() / 1e6 / n.getScore());
                    }
                }
            }
            if (ratios.getN() == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "# Paired ratio (%s, %s): %.2f ± %.2f over %d iterations (CPU time per article:"
                            + " %.3f ± %.3f vs %.3f ± %.3f ms)%n", benchmark, bound, ratios.getMean(),
                    ratios.getMeanErrorAt(0.999), ratios.getN(), tag.getMean(), tag.getMeanErrorAt(0.999),
                    bare.getMean(), bare.getMeanErrorAt(0.999));
        }
    }
}
