package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.config.Config;
import io.outsight.core.json.RecordCodec;
import io.outsight.index.TestArticles;
import io.outsight.index.client.ElasticsearchClients;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * How the index stage's batches fill bulk requests, against {@link FakeBulkServer}. A batch's documents that do not
 * fill a last request wait while every place for a request in flight is taken, so that the next batch's documents
 * fill their request; but as soon as a place is free and no documents are being added, they go, before the batch is
 * finished: held back, they left Elasticsearch waiting while the stage thread committed, polled and placed the next
 * batch.
 */
class IndexHandlerRequestsTest {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final BulkSettings FOUR_PER_REQUEST = BulkSettings.DEFAULT.withMaxOperations(4);

    @Test
    void theLastDocumentsOfABatchWaitForTheNextBatchsWhileEveryPlaceIsTaken() throws Exception {
        var sink = new AtomicReference<BulkSink>();
        // One request in flight, the first answered only once a full request's worth waits for its place again: the
        // first batch's last 2 documents and the second batch's first 2.
        try (var server = new FakeBulkServer(firstAnsweredWhen(() -> sink.get().buffered() == 4));
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var handler = new IndexHandler(sinkOf(es, sink, 1), CODEC, null)) {
            var first = handler.start(records(0, 6));
            var second = handler.start(records(6, 12));

            assertEquals(List.of(), first.finish());
            assertEquals(List.of(), second.finish());
            assertEquals(List.of(4, 4, 4), sizes(server));
            assertEquals(12, handler.written());
        }
    }

    @Test
    void theLastDocumentsGoWhenAnAnswerFreesAPlaceBeforeTheBatchIsFinished() throws Exception {
        var sink = new AtomicReference<BulkSink>();
        // One request in flight, the first answered once the batch's last 2 documents wait in the sink.
        try (var server = new FakeBulkServer(firstAnsweredWhen(() -> sink.get().buffered() == 2));
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var handler = new IndexHandler(sinkOf(es, sink, 1), CODEC, null)) {
            var started = handler.start(records(0, 6));

            await(() -> server.requests().size() == 2);
            assertEquals(List.of(4, 2), sizes(server));
            assertEquals(List.of(), started.finish());
            assertEquals(6, handler.written());
        }
    }

    @Test
    void theLastDocumentsGoAtOnceWhileAPlaceIsFree() throws Exception {
        var sink = new AtomicReference<BulkSink>();
        // Two requests in flight; the first is answered only once the second left the sink, so the batch's last 2
        // documents went while their batch's first request was still in flight, before the batch was finished.
        try (var server = new FakeBulkServer(documents -> when(() -> sink.get().requestsSent() >= 2));
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var handler = new IndexHandler(sinkOf(es, sink, 2), CODEC, null)) {
            var started = handler.start(records(0, 6));

            await(() -> server.requests().size() == 2);
            // In flight side by side, the two may reach the server in either order.
            assertEquals(List.of(2, 4), sizes(server).stream().sorted().toList());
            assertEquals(List.of(), started.finish());
            assertEquals(6, handler.written());
        }
    }

    private static BulkSink sinkOf(ElasticsearchClient es, AtomicReference<BulkSink> sink, int inFlight) {
        sink.set(new BulkSink(es, "articles", true, FOUR_PER_REQUEST.withMaxConcurrentRequests(inFlight)));
        return sink.get();
    }

    /** HTTP 200 for every request, the first only once {@code condition} holds. */
    private static Function<List<FakeBulkServer.Document>, Integer> firstAnsweredWhen(BooleanSupplier condition) {
        var answered = new AtomicInteger();
        return documents -> answered.getAndIncrement() > 0 ? 200 : when(condition);
    }

    /** HTTP 200, once {@code condition} holds. */
    private static int when(BooleanSupplier condition) {
        await(condition);
        return 200;
    }

    /** Polls {@code condition} for up to 10 s. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static List<Integer> sizes(FakeBulkServer server) {
        return server.requests().stream().map(List::size).toList();
    }

    /** Enriched records of articles {@code from} to {@code to} (exclusive), at offsets of those numbers. */
    private static List<ConsumerRecord<String, byte[]>> records(int from, int to) {
        Instant enrichedAt = Instant.parse("2026-11-27T02:00:00Z");
        return IntStream.range(from, to).mapToObj(n -> {
            var article = TestArticles.numbered(n, enrichedAt);
            return new ConsumerRecord<>("outsight.articles.enriched", 0, n, article.id(),
                    CODEC.toJson(article).getBytes(StandardCharsets.UTF_8));
        }).toList();
    }
}
