package io.outsight.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A worker's /metrics, scraped over HTTP: a real stage loop on Kafka's in-memory client doubles, the ingest
 * stage's fetch outcomes counted through {@link FetchOutcomeCounter}, and the lag gauge of its consumer group.
 */
class WorkerMetricsTest {
    private static final TopicPartition P0 = new TopicPartition(Topics.URLS, 0);
    private final RecordCodec codec = new RecordCodec();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @SuppressWarnings("deprecation") // the String-strategy constructor is the one available in 4.x clients
    private final MockConsumer<String, byte[]> consumer =
            new MockConsumer<>(OffsetResetStrategy.EARLIEST.name().toLowerCase(Locale.ROOT));
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void servesStageCountersFetchOutcomesAndLagOfAWorker() throws Exception {
        try (var metrics = new WorkerMetrics()) {
            // What the ingest handler returns: a status per URL, here one fetched and one denied by robots.txt.
            BatchHandler ingest = batch -> batch.stream().map(r -> status(r.key(), r.key().contains("private")
                    ? FetchOutcome.ROBOTS_DENIED : FetchOutcome.OK)).toList();
            var loop = new StageLoop("ingest", consumer, producer, List.of(Topics.URLS),
                    new FetchOutcomeCounter(ingest, metrics.meters(), codec), new Backoff(Duration.ZERO, Duration.ZERO));
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            feed(0, "https://news.example/a");
            feed(1, "https://news.example/private/b");
            Thread.ofPlatform().daemon().start(loop);
            try (loop) {
                await(() -> loop.consumed() == 2);
                var lags = Map.of("outsight-ingest", 42L);
                metrics.expose(List.of(loop), Map.of("ingest", "outsight-ingest"), new ConsumerLag(lags::get));
                int port = metrics.serve("127.0.0.1", 0);

                HttpResponse<String> response = get(port, "/metrics");

                assertEquals(200, response.statusCode());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                String body = response.body();
                assertContains(body, "outsight_stage_records_consumed_total{stage=\"ingest\"} 2.0");
                assertContains(body, "outsight_stage_records_succeeded_total{stage=\"ingest\"} 1.0"); // fetched
                assertContains(body, "outsight_stage_records_produced_total{stage=\"ingest\"} 2.0");
                assertContains(body, "outsight_stage_records_dead_lettered_total{stage=\"ingest\"} 0.0");
                assertContains(body, "outsight_fetches_total{failed=\"false\",outcome=\"ok\"} 1.0");
                assertContains(body, "outsight_fetches_total{failed=\"true\",outcome=\"robots_denied\"} 1.0");
                assertContains(body, "outsight_consumer_lag{group=\"outsight-ingest\",stage=\"ingest\"} 42.0");
                assertContains(body, "jvm_memory_used_bytes");
            }
        }
    }

    @Test
    void countsDocumentsIndexedApartFromDeadLettersForAStageThatProducesOnlyDeadLetters() throws Exception {
        // What the index handler does: documents go to Elasticsearch (reported as successes), bad records to the DLQ.
        var index = new IndexLike();
        var in = new TopicPartition(Topics.ARTICLES_ENRICHED, 0);
        var loop = new StageLoop("index", consumer, producer, List.of(Topics.ARTICLES_ENRICHED), index,
                new Backoff(Duration.ZERO, Duration.ZERO));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(in)));
        consumer.updateBeginningOffsets(Map.of(in, 0L));
        for (int i = 0; i < 3; i++) {
            String key = i == 2 ? "bad" : "article-" + i;
            long offset = i;
            consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(Topics.ARTICLES_ENRICHED, 0,
                    offset, key, key.getBytes(StandardCharsets.UTF_8))));
        }
        try (var metrics = new WorkerMetrics()) {
            Thread.ofPlatform().daemon().start(loop);
            try (loop) {
                await(() -> loop.consumed() == 3);
                metrics.expose(List.of(loop), Map.of(), new ConsumerLag(group -> 0L));

                String body = metrics.scrape();

                assertContains(body, "outsight_stage_records_succeeded_total{stage=\"index\"} 2.0"); // indexed
                assertContains(body, "outsight_stage_records_dead_lettered_total{stage=\"index\"} 1.0");
                assertContains(body, "outsight_stage_records_produced_total{stage=\"index\"} 0.0");
            }
        }
    }

    /** Indexes every record but those keyed "bad", which become dead letters; reports what it indexed. */
    private static final class IndexLike implements BatchHandler, StageLoop.SuccessCount {
        private long lastIndexed;

        @Override
        public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch) {
            var letters = batch.stream().filter(r -> r.key().equals("bad"))
                    .map(r -> StageLoop.deadLetter("index", r, "mapping error", 1)).toList();
            lastIndexed = batch.size() - letters.size();
            return letters;
        }

        @Override
        public long lastBatchSucceeded() {
            return lastIndexed;
        }
    }

    @Test
    void lagIsNotANumberWhenKafkaDoesNotAnswer() {
        var lag = new ConsumerLag(group -> {
            throw new java.util.concurrent.TimeoutException("no answer from Kafka");
        });
        assertTrue(Double.isNaN(lag.lag("outsight-enrich")), "unknown, not a false 0");
    }

    @Test
    void answersOnlyGetMetrics() throws Exception {
        try (var server = MetricsServer.start("127.0.0.1", 0, () -> "up 1\n")) {
            assertEquals(200, get(server.port(), "/metrics").statusCode());
            assertEquals("up 1\n", get(server.port(), "/metrics").body());
            assertEquals(404, get(server.port(), "/").statusCode());
            var post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void aFailingScrapeIsAServerErrorNotADeadServer() throws Exception {
        try (var server = MetricsServer.start("127.0.0.1", 0, () -> {
            throw new IllegalStateException("registry closed");
        })) {
            assertEquals(500, get(server.port(), "/metrics").statusCode());
            assertEquals(500, get(server.port(), "/metrics").statusCode()); // still answering
        }
    }

    private ProducerRecord<String, byte[]> status(String url, FetchOutcome outcome) {
        var status = new FetchStatus(url, null, outcome, null, outcome.wireName(), Instant.EPOCH, "test");
        return new ProducerRecord<>(Topics.FETCH_STATUS, url, codec.encode(status));
    }

    private void feed(long offset, String url) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(Topics.URLS, 0, offset, url,
                url.getBytes(StandardCharsets.UTF_8))));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertContains(String body, String line) {
        assertTrue(body.contains(line), () -> "no '" + line + "' in:\n" + body);
    }

    /** Polls the condition with a deadline (the loop runs on its own thread). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10); // a poll interval, not a wait for a state
        }
    }
}
