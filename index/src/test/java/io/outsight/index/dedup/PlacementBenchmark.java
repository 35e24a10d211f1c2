package io.outsight.index.dedup;

import com.sun.management.ThreadMXBean;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.index.TestArticles;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The index stage thread's own work per article, without Kafka or Elasticsearch: reading each record's summary,
 * ruling it out with the filter of the index's keys, placing it in its cluster with the in-memory table of recent
 * articles, and adding the cluster fields to its document, poll after poll, as {@code IndexHandler} does. The index
 * behind the assigner is an empty stand-in that the filter rules out, as a fresh index in the sink benchmark is. The
 * sink benchmark cannot tell a change of a few per cent of this work from its noise (a round's ratio varies by a
 * third); this measures the thread's CPU time alone, and the bytes it allocates (its garbage, which the collector's
 * threads pay for beside it).
 *
 * <p>Run (see BENCHMARKS.md): {@code java -cp … io.outsight.index.dedup.PlacementBenchmark [articles] [rounds]
 * [poll-size]}, defaults 30,000, 12 and 2,500; the median leaves out the first three rounds (compilation).
 */
public final class PlacementBenchmark {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final int SLICE = 500;
    private static final int WARM_UP = 3;

    private PlacementBenchmark() {}

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int pollSize = args.length > 2 ? Integer.parseInt(args[2]) : 2_500;
        Instant base = Instant.parse("2026-06-01T00:00:00Z");
        var records = new ArrayList<byte[]>(articles);
        for (int n = 0; n < articles; n++) {
            records.add(CODEC.encode(TestArticles.fingerprinted(n, base.plusMillis(n), 33)));
        }
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        var perArticle = new ArrayList<Double>();
        var allocatedPerArticle = new ArrayList<Double>();
        for (int round = 1; round <= rounds; round++) {
            long duplicates;
            long cpuAtStart;
            long allocatedAtStart;
            try (var assigner = new ClusterAssigner(new EmptyIndex())) {
                assigner.writesAlone(true);
                awaitFilter(assigner);
                cpuAtStart = threads.getCurrentThreadCpuTime();
                allocatedAtStart = threads.getCurrentThreadAllocatedBytes();
                duplicates = place(assigner, records, pollSize);
            }
            double nanos = (double) (threads.getCurrentThreadCpuTime() - cpuAtStart) / articles;
            double allocated = (double) (threads.getCurrentThreadAllocatedBytes() - allocatedAtStart) / articles;
            if (round > WARM_UP) {
                perArticle.add(nanos);
                allocatedPerArticle.add(allocated);
            }
            System.out.printf(Locale.ROOT, "round %d%s: %.0f ns of the thread's CPU and %.0f bytes allocated per "
                    + "article; %d copies%n", round, round > WARM_UP ? "" : " (warm-up)", nanos, allocated, duplicates);
        }
        double[] sorted = perArticle.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "median of %d rounds: %.0f ns per article (%.0f-%.0f)%n", sorted.length,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        System.out.println(Arrays.toString(Arrays.stream(sorted).mapToLong(Math::round).toArray()));
        double[] allocated = allocatedPerArticle.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "median of the same rounds: %.0f bytes allocated per article (the records' own"
                + " copies with their cluster fields included)%n", allocated[allocated.length / 2]);
    }

    /** The records poll by poll, each read, placed slice by slice and written; how many were placed as copies. */
    private static long place(ClusterAssigner assigner, List<byte[]> records, int pollSize) throws Exception {
        long duplicates = 0;
        for (int from = 0; from < records.size(); from += pollSize) {
            var poll = records.subList(from, Math.min(records.size(), from + pollSize));
            var slices = new ArrayList<List<EnrichedSummary>>();
            for (int at = 0; at < poll.size(); at += SLICE) {
                slices.add(poll.subList(at, Math.min(poll.size(), at + SLICE)).stream().map(CODEC::summarize)
                        .toList());
            }
            var batch = assigner.begin();
            assigner.lookUpAhead(batch, slices);
            var written = new ArrayList<String>(poll.size());
            int at = from;
            for (List<EnrichedSummary> slice : slices) {
                Map<String, ClusterAssignment> assignments = assigner.assign(batch, slice);
                for (EnrichedSummary article : slice) {
                    var assignment = assignments.get(article.id());
                    if (ClusterFields.addTo(records.get(at++), assignment).length == 0) {
                        throw new IllegalStateException("no document");
                    }
                    duplicates += assignment.isCanonical() ? 0 : 1;
                    written.add(article.id());
                }
            }
            assigner.finish(batch, written);
        }
        return duplicates;
    }

    private static void awaitFilter(ClusterAssigner assigner) throws InterruptedException {
        for (int i = 0; i < 1_000 && !assigner.filtersLookUps(); i++) {
            Thread.sleep(5);
        }
        if (!assigner.filtersLookUps()) {
            throw new IllegalStateException("the filter of the index's keys was not ready");
        }
    }

    /** An empty index: the scan finds nothing, and a search (of what the filter lets through) finds nothing. */
    private static final class EmptyIndex implements CandidateSource {
        @Override
        public Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) {
            return Map.of();
        }

        @Override
        public String scanKeys(IndexedKeys keys) {
            keys.allocate(0);
            return concreteIndex();
        }

        @Override
        public String concreteIndex() {
            return "empty";
        }
    }
}
