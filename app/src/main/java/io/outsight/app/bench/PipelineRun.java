package io.outsight.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.HeapStats;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.UrlRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The measured run of the real pipeline: one worker process per stage ({@link WorkerProcess}) on the given Kafka and
 * Elasticsearch, the URLs submitted to {@code outsight.urls} at once, and each article followed from its fetch to
 * the moment a search finds it.
 *
 * <p>What is measured, and how:
 * <ul>
 *   <li><b>fetched</b>: the ok fetch statuses of this run on {@code outsight.fetch.status} (read committed), with
 *       the {@code fetched_at} time the ingest worker stamped.
 *   <li><b>enriched</b>: the {@code enriched_at} time the enrich worker stamped, read from the indexed documents at
 *       the end.
 *   <li><b>searchable</b>: every {@value #POLL_MILLIS} ms an {@code ids} search (a search, so only documents a
 *       refresh made visible count; the index refreshes every second) asks for the fetched articles not yet seen;
 *       an article's first-seen time is when the search that first returned it was sent. It is late by at most one
 *       polling interval plus the search's own time.
 * </ul>
 * A stage's rate is its articles divided by the time from the first submission to its last output; the end-to-end
 * rate is that of searchable articles. Not thread-safe; one run per instance.
 */
final class PipelineRun {
    static final long POLL_MILLIS = 250;
    private static final int IDS_PER_SEARCH = 1000;

    /** One worker's account after it was stopped. */
    record WorkerResult(String stage, long pid, int exitCode, @Nullable HeapStats heap, @Nullable Double cpuSeconds,
            @Nullable Double cpuSecondsWorking, Path log) {}

    /**
     * @param submitted URLs submitted
     * @param statuses outcomes of the URLs that got a status, by outcome
     * @param searchable articles a search found
     * @param fetchedSeconds first submission to the last ok fetch status
     * @param enrichedSeconds first submission to the last enrichment
     * @param searchableSeconds first submission to the last article found by a search
     * @param fetchToSearchable per-article latency from fetched_at to first seen by a search
     * @param fetchToEnriched per-article latency from fetched_at to enriched_at
     * @param machineCpuSeconds CPU time the whole machine spent from the submission to the end of the run (workers,
     *     Kafka, Elasticsearch, this process and anything else running), or null off Linux
     * @param serverCpuSeconds CPU time of each local server (Kafka, Elasticsearch) over the same span, when they run
     *     on this machine
     * @param complete whether every URL got a status and every fetched article became searchable in time
     */
    record Result(int submitted, Map<String, Integer> statuses, int fetched, int enriched, int searchable,
            double fetchedSeconds, double enrichedSeconds, double searchableSeconds, LatencySummary fetchToSearchable,
            LatencySummary fetchToEnriched, WorkerLayout layout, List<WorkerResult> workers,
            @Nullable Double machineCpuSeconds, Map<String, Double> serverCpuSeconds, boolean complete) {}

    private final Endpoints endpoints;
    private final ElasticsearchClient es;
    private final String alias;
    private final Consumer<String> progress;
    private final Map<String, Long> serverPids;
    private final RecordCodec codec = new RecordCodec();
    private final Map<WorkerProcess, Double> startupCpu = new HashMap<>();

    PipelineRun(Endpoints endpoints, ElasticsearchClient es, String alias, Map<String, Long> serverPids,
            Consumer<String> progress) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.serverPids = Collections.unmodifiableMap(new LinkedHashMap<>(serverPids));
    }

    /**
     * @param warmUp URLs run through the pipeline first, untimed, so that the timed run measures workers whose code
     *     the JIT compiler has already compiled (as the ceiling's is, after its own warm-up); may be empty
     * @param jvmArgs of every worker (the heap limit)
     * @param workerArgs of every worker ({@code -D key=value} settings)
     * @param layout how the stages are spread over worker processes
     * @param folder for the workers' logs and heap statistics
     * @param source the source of this run's URL requests, which tells its statuses from others
     */
    Result run(List<String> warmUp, List<String> urls, String source, List<String> jvmArgs, List<String> workerArgs,
            WorkerLayout layout, Path folder, Duration timeout) throws IOException, InterruptedException {
        var workers = new ArrayList<WorkerProcess>();
        try {
            for (Set<Stage> stages : layout.processes()) {
                workers.add(WorkerProcess.start(stages, endpoints, jvmArgs, workerArgs, folder));
            }
            awaitWorkers(workers);
            var kafka = new KafkaClients(endpoints.kafkaBootstrapServers());
            try (var statuses = kafka.consumer("outsight-bench-watcher", "outsight-bench-watcher", 2000);
                    var producer = kafka.producer("outsight-bench")) {
                var partitions = statuses.partitionsFor(Topics.FETCH_STATUS, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                statuses.assign(partitions);
                statuses.seekToEnd(partitions);
                partitions.forEach(statuses::position); // from here on: only statuses produced after this point

                if (!warmUp.isEmpty()) {
                    progress.accept("pipeline: warm-up, " + warmUp.size() + " other URLs first (not timed)");
                    var warm = follow(submit(warmUp, source + "-warmup", producer), statuses, workers, timeout);
                    if (!warm.complete()) {
                        throw new IllegalStateException("the warm-up did not complete within " + timeout + ": "
                                + warm.byUrl().size() + " of " + warmUp.size() + " URLs got a status, "
                                + warm.firstSeen().size() + " articles became searchable");
                    }
                }
                // CPU spent so far is start-up: JVM, class loading, models, joining the groups, the warm-up.
                for (var worker : workers) {
                    worker.cpuTime().ifPresent(d -> startupCpu.put(worker, d.toNanos() / 1e9));
                }
                progress.accept("pipeline: submitting " + urls.size() + " URLs");
                var before = MachineCpu.Reading.now(serverPids);
                var timed = follow(submit(urls, source, producer), statuses, workers, timeout);
                var after = MachineCpu.Reading.now(serverPids);
                return finish(timed, after.machineSince(before), after.processesSince(before), layout, workers);
            }
        } finally {
            // Reached with results or on failure: never leave workers behind.
            for (var worker : workers) {
                worker.close();
            }
        }
    }

    /** URLs submitted at once, and when. */
    private record Submission(int count, String source, Instant start) {}

    private Submission submit(List<String> urls, String source, KafkaProducer<String, byte[]> producer) {
        Instant start = Instant.now();
        for (String url : urls) {
            producer.send(new ProducerRecord<>(Topics.URLS, url,
                    codec.encode(new UrlRequest(url, source, Instant.now(), 0))));
        }
        producer.flush();
        return new Submission(urls.size(), source, start);
    }

    private void awaitWorkers(List<WorkerProcess> workers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            for (var worker : workers) {
                // Loading the NLP models and joining the group takes 10-60 s on two busy cores.
                if (!worker.awaitAssigned(admin, Duration.ofMinutes(3))) {
                    throw new IllegalStateException(worker + " did not join its consumer group within 3 minutes"
                            + (worker.isAlive() ? "" : " (it ended)") + "; its log ends with:\n" + worker.logTail(20));
                }
            }
        }
        progress.accept("pipeline: workers ready (pids " + workers.stream().map(w -> w.name() + " "
                + w.pid()).toList() + ")");
    }

    /** What {@link #follow} saw of one submission. */
    private record Observed(Submission submission, Map<String, FetchStatus> byUrl, Map<String, Instant> fetchedAt,
            Map<String, Instant> firstSeen, boolean complete) {}

    private Observed follow(Submission submission, KafkaConsumer<String, byte[]> statuses, List<WorkerProcess> workers,
            Duration timeout) throws IOException, InterruptedException {
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

    /** Stops the workers and reads the enrichment times: the result of the timed submission. */
    private Result finish(Observed observed, @Nullable Double machineCpuSeconds, Map<String, Double> serverCpuSeconds,
            WorkerLayout layout, List<WorkerProcess> workers)
            throws IOException, InterruptedException {
        var cpu = new HashMap<WorkerProcess, Double>();
        workers.forEach(w -> w.cpuTime().ifPresent(d -> cpu.put(w, d.toNanos() / 1e9)));
        var workerResults = new ArrayList<WorkerResult>();
        for (var worker : workers) {
            int exit = worker.stop(WorkerProcess.DEFAULT_STOP_TIMEOUT);
            Double total = cpu.get(worker);
            Double startup = startupCpu.get(worker);
            workerResults.add(new WorkerResult(worker.name(), worker.pid(), exit,
                    worker.heapStats().orElse(null), total, total == null || startup == null ? null : total - startup,
                    worker.logFile()));
        }
        Map<String, Instant> enrichedAt = enrichedTimes(List.copyOf(observed.firstSeen().keySet()));
        return result(observed.submission().count(), observed.byUrl(), observed.submission().start(),
                observed.fetchedAt(), enrichedAt, observed.firstSeen(), layout, workerResults, machineCpuSeconds,
                serverCpuSeconds, observed.complete());
    }

    private static Result result(int submitted, Map<String, FetchStatus> byUrl, Instant start,
            Map<String, Instant> fetchedAt, Map<String, Instant> enrichedAt, Map<String, Instant> firstSeen,
            WorkerLayout layout, List<WorkerResult> workers, @Nullable Double machineCpuSeconds,
            Map<String, Double> serverCpuSeconds, boolean complete) {
        var outcomes = new TreeMap<String, Integer>();
        byUrl.values().forEach(s -> outcomes.merge(s.outcome().wireName(), 1, Integer::sum));
        long[] toSearchable = firstSeen.entrySet().stream()
                .mapToLong(e -> Duration.between(fetchedAt.get(e.getKey()), e.getValue()).toMillis()).toArray();
        long[] toEnriched = enrichedAt.entrySet().stream().filter(e -> fetchedAt.containsKey(e.getKey()))
                .mapToLong(e -> Duration.between(fetchedAt.get(e.getKey()), e.getValue()).toMillis()).toArray();
        return new Result(submitted, outcomes, fetchedAt.size(), enrichedAt.size(), firstSeen.size(),
                secondsToLast(start, fetchedAt.values()), secondsToLast(start, enrichedAt.values()),
                secondsToLast(start, firstSeen.values()), LatencySummary.of(toSearchable),
                LatencySummary.of(toEnriched), layout, workers, machineCpuSeconds, serverCpuSeconds, complete);
    }

    private static double secondsToLast(Instant start, java.util.Collection<Instant> times) {
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
