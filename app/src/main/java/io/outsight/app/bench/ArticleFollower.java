package io.outsight.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Follows the articles of one submission of URLs through the running pipeline, from their fetch statuses to the
 * moment a search finds them.
 *
 * <ul>
 *   <li><b>fetched</b>: the ok fetch statuses of the submission's source on {@code outsight.fetch.status} (read
 *       committed), with the {@code fetched_at} time the ingest worker stamped.
 *   <li><b>enriched</b>: the {@code enriched_at} time the enrich worker stamped, read from the indexed documents at
 *       the end.
 *   <li><b>searchable</b>: every {@value #POLL_MILLIS} ms an {@code ids} search (a search, so only documents a
 *       refresh made visible count; the index refreshes every second) asks for the fetched articles not yet seen;
 *       an article's first-seen time is when the search that first returned it was sent. It is late by at most one
 *       polling interval plus the search's own time.
 * </ul>
 * Statuses of other sources (another round, the warm-up, anyone else) are skipped. Not thread-safe: it polls the
 * status consumer it is given.
 */
final class ArticleFollower {
    static final long POLL_MILLIS = 250;
    private static final int IDS_PER_SEARCH = 1000;

    /** URLs submitted at once under a source of their own, and when. */
    record Submission(int count, String source, Instant start) {}

    /** What {@link #follow} saw of one submission. */
    record Observed(Submission submission, Map<String, FetchStatus> byUrl, Map<String, Instant> fetchedAt,
            Map<String, Instant> firstSeen, boolean complete) {}

    private final RecordCodec codec = new RecordCodec();
    private final ElasticsearchClient es;
    private final String alias;
    private final KafkaConsumer<String, byte[]> statuses;
    private final List<WorkerProcess> workers;
    private final Consumer<String> progress;

    /**
     * @param statuses a consumer assigned to {@code outsight.fetch.status}, positioned before the submissions' first
     *     status
     * @param workers checked while following: one that ended fails the run (read each time, not copied)
     */
    ArticleFollower(ElasticsearchClient es, String alias, KafkaConsumer<String, byte[]> statuses,
            List<WorkerProcess> workers, Consumer<String> progress) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.workers = Collections.unmodifiableList(workers);
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Follows until every URL has a status and every fetched article was found, or the timeout passes. */
    Observed follow(Submission submission, Duration timeout) throws IOException {
        int submitted = submission.count();
        String source = submission.source();
        Map<String, FetchStatus> byUrl = new HashMap<>();
        Map<String, Instant> fetchedAt = new LinkedHashMap<>();
        Set<String> inFlight = new LinkedHashSet<>();
        Map<String, Instant> firstSeen = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPoll = 0;
        long nextProgress = System.nanoTime() + 10_000_000_000L;
        boolean complete = false;
        while (System.nanoTime() < deadline) {
            for (var record : statuses.poll(Duration.ofMillis(50))) {
                try {
                    var status = codec.decode(record.value(), FetchStatus.class);
                    if (!status.source().equals(source)) {
                        continue;
                    }
                    byUrl.put(status.url(), status);
                    if (status.outcome() == FetchOutcome.OK && status.articleId() != null
                            && fetchedAt.putIfAbsent(status.articleId(), status.checkedAt()) == null) {
                        inFlight.add(status.articleId());
                    }
                } catch (RecordFormatException e) {
                    // not a status this run wrote
                }
            }
            if (System.nanoTime() >= nextPoll) {
                nextPoll = System.nanoTime() + POLL_MILLIS * 1_000_000;
                pollSearchable(inFlight, firstSeen);
                for (var worker : workers) {
                    if (!worker.isAlive()) {
                        throw new IllegalStateException(worker + " ended during the run; its log ends with:\n"
                                + worker.logTail(30));
                    }
                }
            }
            if (System.nanoTime() >= nextProgress) {
                nextProgress = System.nanoTime() + 10_000_000_000L;
                progress.accept("pipeline: " + byUrl.size() + " fetched, " + firstSeen.size() + " searchable");
            }
            if (byUrl.size() >= submitted && inFlight.isEmpty()) {
                complete = true;
                break;
            }
        }
        return new Observed(submission, byUrl, fetchedAt, firstSeen, complete);
    }

    /**
     * The round's account of what was observed: reads the enrichment times from the index, then derives the
     * latencies.
     *
     * @param workersCpuSeconds CPU the workers used over the span the caller measured (submission to the end)
     * @param machineCpuSeconds CPU the machine used over that span, or null off Linux
     * @param serverCpuSeconds CPU each local server used over that span
     */
    PipelineRound round(Observed observed, double workersCpuSeconds, @Nullable Double machineCpuSeconds,
            Map<String, Double> serverCpuSeconds) throws IOException {
        var fetchedAt = observed.fetchedAt();
        var firstSeen = observed.firstSeen();
        Map<String, Instant> enrichedAt = enrichedTimes(List.copyOf(firstSeen.keySet()));
        var outcomes = new HashMap<String, Integer>();
        observed.byUrl().values().forEach(s -> outcomes.merge(s.outcome().wireName(), 1, Integer::sum));
        List<Long> toSearchable = firstSeen.entrySet().stream()
                .map(e -> Duration.between(fetchedAt.get(e.getKey()), e.getValue()).toMillis()).toList();
        List<Long> toEnriched = enrichedAt.entrySet().stream().filter(e -> fetchedAt.containsKey(e.getKey()))
                .map(e -> Duration.between(fetchedAt.get(e.getKey()), e.getValue()).toMillis()).toList();
        Instant start = observed.submission().start();
        return new PipelineRound(observed.submission().count(), outcomes, fetchedAt.size(), enrichedAt.size(),
                firstSeen.size(), secondsToLast(start, fetchedAt.values()), secondsToLast(start, enrichedAt.values()),
                secondsToLast(start, firstSeen.values()), toSearchable, toEnriched, workersCpuSeconds,
                machineCpuSeconds, serverCpuSeconds, observed.complete());
    }

    private static double secondsToLast(Instant start, Collection<Instant> times) {
        return times.stream().max(Instant::compareTo).map(last -> Duration.between(start, last).toNanos() / 1e9)
                .orElse(0.0);
    }

    /** One round of searches for the fetched articles not yet seen; those found leave {@code inFlight}. */
    private void pollSearchable(Set<String> inFlight, Map<String, Instant> firstSeen) throws IOException {
        if (inFlight.isEmpty()) {
            return;
        }
        var ids = new ArrayList<>(inFlight);
        for (int from = 0; from < ids.size(); from += IDS_PER_SEARCH) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_SEARCH));
            Instant sent = Instant.now();
            // The id from doc values and no stored fields at all: loading a hit's stored fields decompresses its
            // whole block of documents, and this search runs four times a second on the node being measured.
            var response = es.search(s -> s.index(alias).size(chunk.size()).source(src -> src.fetch(false))
                    .storedFields("_none_").docvalueFields(f -> f.field("id"))
                    .query(q -> q.ids(i -> i.values(chunk))), ObjectNode.class);
            for (var hit : response.hits().hits()) {
                var id = hit.fields().get("id");
                String value = id == null ? null : id.toJson().asJsonArray().getString(0, null);
                if (value != null && inFlight.remove(value)) {
                    firstSeen.put(value, sent);
                }
            }
        }
    }

    /** The enriched_at of the indexed articles, read once at the end. */
    private Map<String, Instant> enrichedTimes(List<String> ids) throws IOException {
        var times = new HashMap<String, Instant>();
        for (int from = 0; from < ids.size(); from += IDS_PER_SEARCH) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_SEARCH));
            var response = es.search(s -> s.index(alias).size(chunk.size())
                    .source(src -> src.filter(f -> f.includes("enriched_at")))
                    .query(q -> q.ids(i -> i.values(chunk))), ObjectNode.class);
            for (var hit : response.hits().hits()) {
                var source = hit.source();
                if (hit.id() != null && source != null && source.hasNonNull("enriched_at")) {
                    times.put(hit.id(), Instant.parse(source.get("enriched_at").asText()));
                }
            }
        }
        return times;
    }
}
