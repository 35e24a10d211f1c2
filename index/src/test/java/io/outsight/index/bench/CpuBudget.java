package io.outsight.index.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The CPU every process on the machine used during a round's two arms, and the ratio of rates it predicts when the
 * cores are the limit: the same documents then go as much slower as the CPU they cost all processes together is
 * larger. On the two-core machine both arms keep the cores busy (idle 2-6 %), and a round's rate ratio followed this
 * prediction within a few hundredths (BENCHMARKS.md, session 16): it tells which process's CPU keeps the sink below
 * raw bulk, where the rates alone only tell that it is.
 *
 * @param raw what raw bulk's arm cost
 * @param sink what the sink's arm cost
 */
record CpuBudget(Share raw, Share sink) {

    /**
     * One arm's CPU seconds.
     *
     * @param client this process (raw bulk's threads, or the whole index worker)
     * @param elasticsearch the node
     * @param others every other process (the Kafka broker mostly): the machine's busy time less the two above
     */
    record Share(double client, double elasticsearch, double others) {
        double total() {
            return client + elasticsearch + others;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f s (client %.1f, Elasticsearch %.1f, others %.1f)", total(),
                    client, elasticsearch, others);
        }
    }

    /** Raw bulk's CPU over the sink's: the sink's share of raw bulk's rate if the cores are all that limits both. */
    double predictedRatio() {
        return raw.total() / sink.total();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CPU of all processes: raw bulk %.1f s, the sink %.1f s (client %+.1f,"
                + " Elasticsearch %+.1f, others %+.1f), the ratio it predicts %.2f", raw.total(), sink.total(),
                sink.client - raw.client, sink.elasticsearch - raw.elasticsearch, sink.others - raw.others,
                predictedRatio());
    }

    /** The rounds' medians of each arm's CPU, and of the ratio predicted round by round. */
    static String summary(List<CpuBudget> rounds) {
        if (rounds.isEmpty()) {
            return "CPU of all processes: no rounds";
        }
        return String.format(Locale.ROOT, "CPU of all processes, medians of the %d rounds: raw bulk %s, the sink %s;"
                + " the ratio it predicts if the cores are the limit %.2f", rounds.size(),
                medianShare(rounds, CpuBudget::raw), medianShare(rounds, CpuBudget::sink),
                median(rounds, CpuBudget::predictedRatio));
    }

    private static Share medianShare(List<CpuBudget> rounds, Function<CpuBudget, Share> arm) {
        return new Share(median(rounds, b -> arm.apply(b).client()), median(rounds, b -> arm.apply(b).elasticsearch()),
                median(rounds, b -> arm.apply(b).others()));
    }

    private static double median(List<CpuBudget> rounds, ToDoubleFunction<CpuBudget> value) {
        return SinkBenchmark.median(rounds.stream().map(value::applyAsDouble).toList());
    }
}
