package io.outsight.app.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline did with one round's URLs (or, as {@link #total}, with all rounds' URLs). Immutable.
 *
 * @param submitted URLs submitted
 * @param statuses outcomes of the URLs that got a status, by outcome
 * @param fetched articles fetched (ok fetch statuses)
 * @param enriched of those, articles whose enrichment time was read back from the index
 * @param searchable articles a search found
 * @param fetchedSeconds first submission to the last ok fetch status (for a total: summed over the rounds)
 * @param enrichedSeconds first submission to the last enrichment (summed likewise)
 * @param searchableSeconds first submission to the last article found by a search (summed likewise)
 * @param fetchToSearchableMillis each article's latency from fetched_at to first seen by a search
 * @param fetchToEnrichedMillis each article's latency from fetched_at to enriched_at
 * @param workersCpuSeconds CPU time the workers used together from the submission to the end of the round (Kafka
 *     and Elasticsearch not counted); 0 where the OS does not tell
 * @param machineCpuSeconds CPU time the whole machine spent over the same span (workers, Kafka, Elasticsearch,
 *     this process and anything else running), or null off Linux
 * @param serverCpuSeconds CPU time of each local server (Kafka, Elasticsearch) over the same span, when they run on
 *     this machine
 * @param complete whether every URL got a status and every fetched article became searchable in time
 */
record PipelineRound(int submitted, Map<String, Integer> statuses, int fetched, int enriched, int searchable,
        double fetchedSeconds, double enrichedSeconds, double searchableSeconds, List<Long> fetchToSearchableMillis,
        List<Long> fetchToEnrichedMillis, double workersCpuSeconds, @Nullable Double machineCpuSeconds,
        Map<String, Double> serverCpuSeconds, boolean complete) {

    PipelineRound {
        statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
        fetchToSearchableMillis = List.copyOf(fetchToSearchableMillis);
        fetchToEnrichedMillis = List.copyOf(fetchToEnrichedMillis);
        serverCpuSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(serverCpuSeconds));
    }

    /**
     * The rounds added up: counts, seconds and CPU summed, statuses merged, latencies of every article together, so
     * that a rate of the total is articles over the summed time of the rounds. Complete when every round was.
     */
    static PipelineRound total(List<PipelineRound> rounds) {
        Objects.requireNonNull(rounds, "rounds");
        var statuses = new TreeMap<String, Integer>();
        var toSearchable = new ArrayList<Long>();
        var toEnriched = new ArrayList<Long>();
        var servers = new LinkedHashMap<String, Double>();
        int submitted = 0;
        int fetched = 0;
        int enriched = 0;
        int searchable = 0;
        double fetchedSeconds = 0;
        double enrichedSeconds = 0;
        double searchableSeconds = 0;
        double workersCpu = 0;
        Double machineCpu = rounds.isEmpty() ? null : 0.0;
        boolean complete = true;
        for (var r : rounds) {
            submitted += r.submitted;
            r.statuses.forEach((outcome, n) -> statuses.merge(outcome, n, Integer::sum));
            fetched += r.fetched;
            enriched += r.enriched;
            searchable += r.searchable;
            fetchedSeconds += r.fetchedSeconds;
            enrichedSeconds += r.enrichedSeconds;
            searchableSeconds += r.searchableSeconds;
            toSearchable.addAll(r.fetchToSearchableMillis);
            toEnriched.addAll(r.fetchToEnrichedMillis);
            workersCpu += r.workersCpuSeconds;
            // Off Linux no round has it; a total of some rounds only would be no total.
            machineCpu = machineCpu == null || r.machineCpuSeconds == null ? null : machineCpu + r.machineCpuSeconds;
            r.serverCpuSeconds.forEach((name, seconds) -> servers.merge(name, seconds, Double::sum));
            complete &= r.complete;
        }
        return new PipelineRound(submitted, statuses, fetched, enriched, searchable, fetchedSeconds, enrichedSeconds,
                searchableSeconds, toSearchable, toEnriched, workersCpu, machineCpu, servers, complete);
    }

    double fetchedRate() {
        return BenchReport.rate(fetched, fetchedSeconds);
    }

    double enrichedRate() {
        return BenchReport.rate(enriched, enrichedSeconds);
    }

    /** Searchable articles per second: the end-to-end rate. */
    double endToEndRate() {
        return BenchReport.rate(searchable, searchableSeconds);
    }

    LatencySummary fetchToSearchable() {
        return summary(fetchToSearchableMillis);
    }

    LatencySummary fetchToEnriched() {
        return summary(fetchToEnrichedMillis);
    }

    /** Whether every URL got a status and every fetched article became searchable. */
    boolean allSearchable() {
        return complete && searchable == fetched;
    }

    private static LatencySummary summary(List<Long> millis) {
        return LatencySummary.of(millis.stream().mapToLong(Long::longValue).toArray());
    }
}
