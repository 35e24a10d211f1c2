package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.intake.UrlSubmitter;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three stage workers as {@code outsight worker STAGE --metrics-port PORT} child processes on the real local
 * stack, fed a few pages of a local site: each worker's /metrics must count every URL as fetched, enriched and
 * indexed, none as sent to the DLQ, and show its consumer lag as a number.
 *
 * <p>In this package for its site of generated pages ({@link PageSite}) and its workers as child processes, like
 * the fault tests. The stack is shared with the module's other ITs, whose leftover records the fresh workers may still process:
 * the counts are measured from a baseline taken once every worker is idle, so they belong to this test's URLs.
 */
@ExtendWith(LocalStackExtension.class)
class WorkerMetricsIT {
    private static final int PAGES = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Longer than the lag gauge's cache (5 s): an idle window this long has seen a freshly asked lag. */
    private static final Duration IDLE = Duration.ofSeconds(7);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachWorkerCountsEveryUrlFetchedEnrichedAndIndexedNoneDeadLetteredAndItsLag(StackAddresses stack)
            throws Exception {
        var endpoints = new Endpoints(stack.kafkaBootstrapServers(), stack.elasticsearchUrl());
        String alias = "worker-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Path logs = Path.of(System.getProperty("basedir", "."), "target", "worker-metrics-it").toAbsolutePath();
        var ports = new EnumMap<Stage, Integer>(Stage.class);
        var workers = new ArrayList<WorkerProcess>();
        try (var site = new PageSite()) {
            for (Stage stage : Stage.values()) {
                int port = freePort();
                ports.put(stage, port);
                workers.add(WorkerProcess.start(stage, endpoints, List.of("-Xmx256m"), List.of(
                        "--metrics-port", Integer.toString(port),
                        "-D", ConfigKeys.INDEX_ALIAS.name() + "=" + alias,
                        "-D", ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES.name() + "=true",
                        "-D", ConfigKeys.INGEST_FETCH_HOST_DELAY.name() + "=0s"), logs));
            }
            for (WorkerProcess worker : workers) {
                assertTrue(worker.awaitAssigned(Duration.ofMinutes(2)),
                        () -> worker + " did not get partitions:\n" + worker.logTail(30));
            }
            Map<Stage, Scrape> before = awaitIdle(ports, workers);

            try (var producer = new KafkaClients(stack.kafkaBootstrapServers()).producer("worker-metrics-it")) {
                UrlSubmitter.submit(producer, new RecordCodec(), site.urls(PAGES).stream()
                        .map(url -> new UrlRequest(url, "test", Instant.now(), 0)).toList());
            }

            Map<Stage, Scrape> after = poll(ports, workers, "every URL fetched, enriched and indexed", now ->
                    now.get(Stage.INGEST).delta(before.get(Stage.INGEST), succeeded("ingest")) >= PAGES
                            && now.get(Stage.ENRICH).delta(before.get(Stage.ENRICH), succeeded("enrich")) >= PAGES
                            && now.get(Stage.INDEX).delta(before.get(Stage.INDEX), succeeded("index")) >= PAGES);

            Scrape ingest = after.get(Stage.INGEST);
            Scrape enrich = after.get(Stage.ENRICH);
            Scrape index = after.get(Stage.INDEX);
            assertEquals(PAGES, ingest.delta(before.get(Stage.INGEST), succeeded("ingest")), ingest.text);
            assertEquals(PAGES, ingest.delta(before.get(Stage.INGEST),
                    "outsight_fetches_total{failed=\"false\",outcome=\"ok\"}"), ingest.text);
            assertEquals(PAGES, enrich.delta(before.get(Stage.ENRICH), succeeded("enrich")), enrich.text);
            assertEquals(PAGES, enrich.delta(before.get(Stage.ENRICH), produced("enrich")),
                    "one enriched article per raw article\n" + enrich.text);
            assertEquals(PAGES, index.delta(before.get(Stage.INDEX), succeeded("index")), index.text);
            assertEquals(0, index.delta(before.get(Stage.INDEX), produced("index")),
                    "the index stage produces no Kafka record for a document it indexed\n" + index.text);
            for (Stage stage : Stage.values()) {
                Scrape scrape = after.get(stage);
                String name = stage.cliName();
                assertEquals(0, scrape.delta(before.get(stage), deadLettered(name)), scrape.text);
                double lag = scrape.value(lag(stage.groupId(), name));
                assertFalse(Double.isNaN(lag), () -> name + " lag unknown:\n" + scrape.text);
                assertTrue(lag >= 0, () -> name + " lag " + lag);
            }
            assertFalse(Double.isNaN(index.value(lag("outsight-index-status", "index-status"))), index.text);
        } finally {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
        }
    }

    /**
     * Waits until no worker has anything left to do: every lag 0 and every counter unchanged for {@link #IDLE}.
     * Returns the scrapes of that moment.
     */
    private Map<Stage, Scrape> awaitIdle(Map<Stage, Integer> ports, List<WorkerProcess> workers) throws Exception {
        var stable = new Object() {
            Map<Stage, String> counters = Map.of();
            long since = System.nanoTime();
        };
        return poll(ports, workers, "every worker idle", now -> {
            var counters = new LinkedHashMap<Stage, String>();
            boolean lagsZero = true;
            for (var entry : now.entrySet()) {
                counters.put(entry.getKey(), entry.getValue().stageCounters());
                lagsZero &= entry.getValue().value(lag(entry.getKey().groupId(), entry.getKey().cliName())) == 0;
            }
            if (!lagsZero || !counters.equals(stable.counters)) {
                stable.counters = counters;
                stable.since = System.nanoTime();
                return false;
            }
            return System.nanoTime() - stable.since >= IDLE.toNanos();
        });
    }

    private interface Condition {
        boolean holds(Map<Stage, Scrape> scrapes);
    }

    /** Scrapes every worker until {@code condition} holds; fails after {@link #TIMEOUT} with the workers' state. */
    private Map<Stage, Scrape> poll(Map<Stage, Integer> ports, List<WorkerProcess> workers, String what,
            Condition condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            var scrapes = new EnumMap<Stage, Scrape>(Stage.class);
            for (var entry : ports.entrySet()) {
                scrapes.put(entry.getKey(), scrape(entry.getValue()));
            }
            if (condition.holds(scrapes)) {
                return scrapes;
            }
            for (WorkerProcess worker : workers) {
                assertTrue(worker.isAlive(), () -> worker + " ended:\n" + worker.logTail(30));
            }
            if (System.nanoTime() - deadline > 0) {
                var state = new StringBuilder("not within " + TIMEOUT.toSeconds() + " s: " + what);
                scrapes.forEach((stage, scrape) -> state.append("\n").append(stage).append(":\n")
                        .append(scrape.stageCounters()));
                throw new AssertionError(state.toString());
            }
            Thread.sleep(250); // the polling interval, not a guess at how long the stages take
        }
    }

    private Scrape scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new Scrape(response.body());
    }

    private static String succeeded(String stage) {
        return "outsight_stage_records_succeeded_total{stage=\"" + stage + "\"}";
    }

    private static String produced(String stage) {
        return "outsight_stage_records_produced_total{stage=\"" + stage + "\"}";
    }

    private static String deadLettered(String stage) {
        return "outsight_stage_records_dead_lettered_total{stage=\"" + stage + "\"}";
    }

    private static String lag(String group, String stage) {
        return "outsight_consumer_lag{group=\"" + group + "\",stage=\"" + stage + "\"}";
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One Prometheus text exposition. */
    private record Scrape(String text) {
        /** The sample of one series ({@code name{labels}} as exposed); fails when it is missing. */
        double value(String series) {
            Double value = find(series);
            if (value == null) {
                throw new AssertionError("no " + series + " in:\n" + text);
            }
            return value;
        }

        private @Nullable Double find(String series) {
            for (String line : text.split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim());
                }
            }
            return null;
        }

        /**
         * How much a counter grew since {@code before}; it must exist now, and counts as 0 before if it did not
         * exist then (a tagged counter, such as a fetch outcome, appears on its first increment).
         */
        long delta(Scrape before, String series) {
            Double then = before.find(series);
            return Math.round(value(series) - (then == null ? 0 : then));
        }

        /** The lines of the stage counters, fetch outcomes and lags: what says whether a worker is busy. */
        String stageCounters() {
            var lines = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.startsWith("outsight_")) {
                    lines.append(line).append('\n');
                }
            }
            return lines.toString();
        }
    }
}
