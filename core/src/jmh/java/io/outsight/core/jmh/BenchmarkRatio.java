package io.outsight.core.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Prints the ratio of two benchmarks' times per call from one JMH run: the wall-clock score and, where both have it,
 * the CPU time per call from the {@link CpuTime} counters (mean over the measured iterations, with JMH's 99.9 %
 * interval). Only results at the same mode and parameters are paired. The error of a ratio combines the two errors
 * as relative errors in quadrature. Shared by the JMH benchmarks of the modules (each module's {@code jmh} profile
 * compiles this folder with its own benchmarks). Stateless.
 */
public final class BenchmarkRatio {

    /** A benchmark's mode and parameters. */
    private record Setting(Mode mode, String params) {}

    private BenchmarkRatio() {}

    /**
     * @param numerator simple name of the benchmark method on top of the ratio
     * @param denominator simple name of the one below
     * @param bound what the issue asks of the ratio, for the heading
     */
    public static void print(Collection<RunResult> results, String numerator, String denominator, String bound) {
        Map<Setting, RunResult> top = new LinkedHashMap<>();
        Map<Setting, RunResult> bottom = new LinkedHashMap<>();
        for (RunResult r : results) {
            BenchmarkParams params = r.getParams();
            var setting = new Setting(params.getMode(), paramsText(params));
            if (params.getBenchmark().endsWith("." + numerator)) {
                top.put(setting, r);
            } else if (params.getBenchmark().endsWith("." + denominator)) {
                bottom.put(setting, r);
            }
        }
        List<String> lines = new ArrayList<>();
        top.forEach((setting, t) -> {
            RunResult b = bottom.get(setting);
            if (b != null) {
                Result<?> tw = t.getPrimaryResult();
                Result<?> bw = b.getPrimaryResult();
                lines.add(line(setting.mode().shortLabel() + " [" + setting.params() + "] wall clock",
                        setting.mode() == Mode.Throughput, tw, bw, tw.getScoreError(), bw.getScoreError()));
                ListStatistics tc = cpuMillisPerCall(t);
                ListStatistics bc = cpuMillisPerCall(b);
                if (tc.getN() > 0 && bc.getN() > 0) {
                    lines.add(line(setting.mode().shortLabel() + " [" + setting.params() + "] CPU time", false,
                            new ScalarResult("cpu", tc.getMean(), "ms/op", AggregationPolicy.AVG),
                            new ScalarResult("cpu", bc.getMean(), "ms/op", AggregationPolicy.AVG),
                            tc.getMeanErrorAt(0.999), bc.getMeanErrorAt(0.999)));
                }
            }
        });
        System.out.println();
        if (lines.isEmpty()) {
            System.out.printf("# No ratio: run both %s and %s in one mode%n", numerator, denominator);
            return;
        }
        System.out.printf("# Ratio of time per call: %s / %s (%s)%n", numerator, denominator, bound);
        lines.forEach(System.out::println);
    }

    private static String paramsText(BenchmarkParams params) {
        var sb = new StringBuilder();
        for (String k : params.getParamsKeys()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(params.getParam(k));
        }
        return sb.toString();
    }

    /** CPU milliseconds per call in each measured iteration, from the {@link CpuTime} counters. */
    private static ListStatistics cpuMillisPerCall(RunResult run) {
        var stats = new ListStatistics();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result<?> nanos = iteration.getSecondaryResults().get("cpuNanos");
                Result<?> calls = iteration.getSecondaryResults().get("calls");
                if (nanos != null && calls != null && calls.getScore() > 0) {
                    stats.addValue(nanos.getScore() / 1e6 / calls.getScore());
                }
            }
        }
        return stats;
    }

    /** A throughput score is the inverse of a time per call, so its ratio is taken the other way round. */
    private static String line(String label, boolean throughput, Result<?> top, Result<?> bottom, double topError,
                               double bottomError) {
        double ratio = throughput ? bottom.getScore() / top.getScore() : top.getScore() / bottom.getScore();
        double relTop = topError / top.getScore();
        double relBottom = bottomError / bottom.getScore();
        double error = ratio * Math.sqrt(relTop * relTop + relBottom * relBottom);
        return String.format(Locale.ROOT, "#   %s: %.2f ± %.2f  (%.3f ± %.3f vs %.3f ± %.3f %s)", label, ratio, error,
                top.getScore(), topError, bottom.getScore(), bottomError, top.getScoreUnit());
    }
}
