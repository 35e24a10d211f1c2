package io.outsight.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.intake.UrlSubmitter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The real pipeline as the benchmark measures it: worker processes ({@link WorkerProcess}, laid out by
 * {@link WorkerLayout}) on the given Kafka and Elasticsearch, started once and kept running across the timed rounds.
 * Each submission puts its URLs on {@code outsight.urls} at once, under a source of its own, and
 * {@link ArticleFollower} follows each article from its fetch to the moment a search finds it. A stage's rate is its
 * articles divided by the time from the submission to its last output; the end-to-end rate is that of searchable
 * articles.
 *
 * <p>Use: {@link #start}, {@link #warmUp}, {@link #timedRound} once per round, {@link #stop} for the workers'
 * accounts; {@link #close} (always, in a try-with-resources) kills whatever still runs, so that a failure never
 * leaves worker processes behind. Not thread-safe.
 */
final class RunningPipeline implements AutoCloseable {
    private final RecordCodec codec = new RecordCodec();
    private final Endpoints endpoints;
    private final ElasticsearchClient es;
    private final String alias;
    private final Map<String, Long> serverPids;
    private final Duration timeout;
    private final Consumer<String> progress;
    private final List<WorkerProcess> workers = new ArrayList<>();
    /** CPU seconds each worker used during the timed rounds' pipeline parts, summed over the rounds. */
    private final Map<WorkerProcess, Double> workingCpu = new HashMap<>();
    // Opened once the workers are ready; null before, so that close() can end a start that failed half-way.
    private @Nullable KafkaConsumer<String, byte[]> statuses;
    private @Nullable KafkaProducer<String, byte[]> producer;
    private @Nullable ArticleFollower follower;

    private RunningPipeline(Endpoints endpoints, ElasticsearchClient es, String alias, Map<String, Long> serverPids,
            Duration timeout, Consumer<String> progress) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.serverPids = Collections.unmodifiableMap(new LinkedHashMap<>(serverPids));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Starts the workers and waits until each has joined its consumer group; closes what it started if that fails.
     *
     * @param es a client of the Elasticsearch at {@code endpoints}, owned by the caller
     * @param serverPids the processes of Kafka and Elasticsearch by name, when they run on this machine
     * @param jvmArgs of every worker (the heap limit)
     * @param workerArgs of every worker ({@code -D key=value} settings)
     * @param folder for the workers' logs and heap statistics
     * @param timeout the longest wait for one submission (the warm-up or a round) to become searchable
     */
    static RunningPipeline start(Endpoints endpoints, ElasticsearchClient es, String alias,
            Map<String, Long> serverPids, WorkerLayout layout, List<String> jvmArgs, List<String> workerArgs,
            Path folder, Duration timeout, Consumer<String> progress) throws InterruptedException {
        var pipeline = new RunningPipeline(endpoints, es, alias, serverPids, timeout, progress);
        try {
            for (Set<Stage> stages : layout.processes()) {
                pipeline.workers.add(WorkerProcess.start(stages, endpoints, jvmArgs, workerArgs, folder));
            }
            pipeline.awaitWorkers();
            pipeline.watchStatuses();
            return pipeline;
        } catch (RuntimeException | InterruptedException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    /** Opens the producer of URL requests and the consumer of fetch statuses, from the end of the topic on. */
    private void watchStatuses() {
        var kafka = new KafkaClients(endpoints.kafkaBootstrapServers());
        var consumer = kafka.consumer("outsight-bench-watcher", "outsight-bench-watcher", 2000);
        statuses = consumer;
        producer = kafka.producer("outsight-bench");
        var partitions = consumer.partitionsFor(Topics.FETCH_STATUS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // from here on: only statuses produced after this point
        follower = new ArticleFollower(es, alias, consumer, workers, progress);
    }

    /**
     * Runs URLs through the pipeline untimed, so that the rounds measure workers whose code the JIT compiler has
     * already compiled (as the ceiling's is, after its own warm-up).
     *
     * @throws IllegalStateException when they did not all become searchable within the timeout
     */
    void warmUp(List<String> urls, String source) throws IOException {
        progress.accept("pipeline: warm-up, " + urls.size() + " other URLs first (not timed)");
        var warm = follower().follow(submit(urls, source), timeout);
        if (!warm.complete()) {
            throw new IllegalStateException("the warm-up did not complete within " + timeout + ": "
                    + warm.byUrl().size() + " of " + urls.size() + " URLs got a status, "
                    + warm.firstSeen().size() + " articles became searchable");
        }
    }

    /**
     * Submits one round's URLs and follows them until all are searchable or the timeout passes (then the round is
     * incomplete), measuring the CPU the workers, the machine and the local servers used meanwhile.
     *
     * @param source the source of this round's URL requests, which tells its statuses from other rounds'
     */
    PipelineRound timedRound(List<String> urls, String source) throws IOException {
        progress.accept("pipeline: submitting " + urls.size() + " URLs");
        var cpuBefore = workerCpuSeconds();
        var before = MachineCpu.Reading.now(serverPids);
        var observed = follower().follow(submit(urls, source), timeout);
        var after = MachineCpu.Reading.now(serverPids);
        var cpuAfter = workerCpuSeconds();
        double roundCpu = 0;
        for (var worker : workers) {
            Double from = cpuBefore.get(worker);
            Double to = cpuAfter.get(worker);
            if (from != null && to != null) {
                workingCpu.merge(worker, to - from, Double::sum);
                roundCpu += to - from;
            }
        }
        return follower().round(observed, roundCpu, after.machineSince(before), after.processesSince(before));
    }

    /**
     * Stops the workers gracefully and gives each one's account: exit code, heap peaks and CPU over the whole run.
     */
    List<WorkerResult> stop() throws InterruptedException {
        var total = workerCpuSeconds(); // before they end: the OS forgets an ended process's CPU
        var results = new ArrayList<WorkerResult>();
        for (var worker : workers) {
            int exit = worker.stop(WorkerProcess.DEFAULT_STOP_TIMEOUT);
            results.add(new WorkerResult(worker.name(), worker.pid(), exit, worker.heapStats().orElse(null),
                    total.get(worker), total.containsKey(worker) ? workingCpu.getOrDefault(worker, 0.0) : null,
                    worker.logFile()));
        }
        return results;
    }

    /** Stops whatever still runs (workers that {@link #stop} already stopped are left alone) and the Kafka clients. */
    @Override
    public void close() {
        try {
            for (var worker : workers) {
                worker.close();
            }
        } finally {
            try {
                if (producer != null) {
                    producer.close();
                }
            } finally {
                if (statuses != null) {
                    statuses.close();
                }
            }
        }
    }

    private ArticleFollower follower() {
        return Objects.requireNonNull(follower, "started");
    }

    private ArticleFollower.Submission submit(List<String> urls, String source) throws IOException {
        var producer = Objects.requireNonNull(this.producer, "started");
        Instant start = Instant.now();
        var requests = urls.stream().map(url -> new UrlRequest(url, source, Instant.now(), 0)).toList();
        try {
            UrlSubmitter.submit(producer, codec, requests);
        } catch (ExecutionException e) {
            throw new IOException("Kafka refused a URL request of the benchmark: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while submitting the benchmark's URLs");
        }
        return new ArticleFollower.Submission(urls.size(), source, start);
    }

    private Map<WorkerProcess, Double> workerCpuSeconds() {
        var cpu = new HashMap<WorkerProcess, Double>();
        workers.forEach(w -> w.cpuTime().ifPresent(d -> cpu.put(w, d.toNanos() / 1e9)));
        return cpu;
    }

    private void awaitWorkers() throws InterruptedException {
        for (var worker : workers) {
            // Loading the NLP models and joining the group takes 10-60 s on two busy cores.
            if (!worker.awaitAssigned(Duration.ofMinutes(3))) {
                throw new IllegalStateException(worker + " did not join its consumer group within 3 minutes"
                        + (worker.isAlive() ? "" : " (it ended)") + "; its log ends with:\n" + worker.logTail(20));
            }
        }
        progress.accept("pipeline: workers ready (pids " + workers.stream().map(w -> w.name() + " "
                + w.pid()).toList() + ")");
    }
}
