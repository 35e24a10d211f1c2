package io.outsight.index.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How far the sink's ratio to raw bulk can be trusted: a 95 % bootstrap interval over the rounds. The rounds are
 * resampled in pairs (a round's two arms ran back to back, on the same node in the same state), and each resample's
 * ratio is taken as the benchmark takes it: the sink's median rate over raw bulk's ({@link #of}), or the median of
 * the rounds' own ratios ({@link #ofRoundRatios}). A round's ratio varied from about 0.6 to 1.05 on the two-core
 * machine, mostly because Elasticsearch's own CPU for the same 30,000 documents varied from arm to arm (5 to 8.5 s);
 * a median of six rounds then says little on its own.
 *
 * @param ratio the statistic over all rounds
 * @param low the 2.5th percentile of the resampled ratios
 * @param high the 97.5th percentile
 * @param rounds how many rounds it was drawn from
 */
record RatioInterval(double ratio, double low, double high, int rounds) {
    private static final int RESAMPLES = 10_000;
    /** Fewer rounds than this give an interval too narrow to trust (one round gives a single point). */
    static final int ROUNDS_FOR_A_VERDICT = 6;

    /**
     * The interval of {@code sink}'s median over {@code raw}'s, rounds paired by index. Seeded, so that the same
     * rates always give the same interval.
     */
    static RatioInterval of(List<Double> raw, List<Double> sink) {
        checkPaired(raw, sink);
        int rounds = raw.size();
        var random = new Random(1);
        double[] ratios = new double[RESAMPLES];
        var rawSample = new ArrayList<Double>(rounds);
        var sinkSample = new ArrayList<Double>(rounds);
        for (int r = 0; r < RESAMPLES; r++) {
            rawSample.clear();
            sinkSample.clear();
            for (int i = 0; i < rounds; i++) {
                int round = random.nextInt(rounds);
                rawSample.add(raw.get(round));
                sinkSample.add(sink.get(round));
            }
            ratios[r] = SinkBenchmark.median(sinkSample) / SinkBenchmark.median(rawSample);
        }
        return fromResamples(SinkBenchmark.median(sink) / SinkBenchmark.median(raw), ratios, rounds);
    }

    /**
     * The median of the rounds' own ratios (each round's sink rate over its raw bulk rate, measured seconds apart),
     * with a 95 % bootstrap interval over those ratios. Where the node's speed drifts within a run (raw bulk's median
     * moved by a quarter between runs 17 minutes apart), a round's ratio is measured within the drift, and the
     * medians of the two arms' rates, each taken over slow and fast rounds, are not; session 20's second protocol
     * judged by this statistic. Seeded like {@link #of}.
     */
    static RatioInterval ofRoundRatios(List<Double> raw, List<Double> sink) {
        checkPaired(raw, sink);
        int rounds = raw.size();
        var own = new ArrayList<Double>(rounds);
        for (int i = 0; i < rounds; i++) {
            own.add(sink.get(i) / raw.get(i));
        }
        var random = new Random(1);
        double[] medians = new double[RESAMPLES];
        var sample = new ArrayList<Double>(rounds);
        for (int r = 0; r < RESAMPLES; r++) {
            sample.clear();
            for (int i = 0; i < rounds; i++) {
                sample.add(own.get(random.nextInt(rounds)));
            }
            medians[r] = SinkBenchmark.median(sample);
        }
        return fromResamples(SinkBenchmark.median(own), medians, rounds);
    }

    /** The statistic with the 2.5th and 97.5th percentiles of its {@value #RESAMPLES} resampled values. */
    private static RatioInterval fromResamples(double statistic, double[] resampled, int rounds) {
        Arrays.sort(resampled);
        return new RatioInterval(statistic, resampled[(int) (0.025 * RESAMPLES)],
                resampled[(int) (0.975 * RESAMPLES) - 1], rounds);
    }

    private static void checkPaired(List<Double> raw, List<Double> sink) {
        if (raw.size() != sink.size() || raw.isEmpty()) {
            throw new IllegalArgumentException("need as many sink rates as raw bulk rates, and some: " + raw.size()
                    + " and " + sink.size());
        }
    }

    /** Whether the whole interval reaches {@code target}: only then does the run show the target met. */
    boolean reaches(double target) {
        return rounds >= ROUNDS_FOR_A_VERDICT && low >= target;
    }

    /** What the run says of {@code target}: shown, missed, neither, or too few rounds to tell. */
    String verdict(double target) {
        if (rounds < ROUNDS_FOR_A_VERDICT) {
            return "too few rounds to tell (" + rounds + ", at least " + ROUNDS_FOR_A_VERDICT + " needed)";
        }
        if (reaches(target)) {
            return "shown (the whole interval reaches it)";
        }
        return high < target ? "missed (the whole interval is below it)" : "not shown either way";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f (95 %% bootstrap interval over the rounds %.2f-%.2f)", ratio, low,
                high);
    }
}
