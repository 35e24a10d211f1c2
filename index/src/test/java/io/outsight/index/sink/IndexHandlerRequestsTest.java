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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * How the index stage's batches fill bulk requests, against {@link FakeBulkServer}: a batch's documents that do not
 * fill a last request wait for the next batch's, when the stage loop has started one before finishing this one, and
 * go when the batch is finished. Requests of a few documents each cost Elasticsearch a request's overhead for fewer
 * documents while they held one of the few places for requests in flight.
 */
class IndexHandlerRequestsTest {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final BulkSettings FOUR_PER_REQUEST = BulkSettings.DEFAULT.withMaxOperations(4)
            .withMaxConcurrentRequests(2);

    @Test
    void theLastDocumentsOfABatchGoInARequestWithTheNextBatchs() throws Exception {
        var sink = new AtomicReference<BulkSink>();
        // The first request is answered only once a second one has left the sink, so that the test does not depend on
        // the sender thread handing over the next batch's documents before the first answer comes.
        try (var server = new FakeBulkServer(documents -> afterSecondRequest(sink));
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var handler = new IndexHandler(sinkOf(es, sink), CODEC, null)) {
            var first = handler.start(records(0, 6));
            var second = handler.start(records(6, 12));

            assertEquals(List.of(), first.finish());
            assertEquals(List.of(), second.finish());
            assertEquals(List.of(4, 4, 4), sizes(server));
            assertEquals(12, handler.written());
        }
    }

    @Test
    void theLastDocumentsOfABatchGoWhenItIsFinishedWithoutANextOne() throws Exception {
        try (var server = new FakeBulkServer(documents -> 200);
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var handler = new IndexHandler(new BulkSink(es, "articles", true, FOUR_PER_REQUEST), CODEC, null)) {
            assertEquals(List.of(), handler.start(records(0, 6)).finish());

            assertEquals(List.of(4, 2), sizes(server));
            assertEquals(6, handler.written());
        }
    }

    private static BulkSink sinkOf(ElasticsearchClient es, AtomicReference<BulkSink> sink) {
        sink.set(new BulkSink(es, "articles", true, FOUR_PER_REQUEST));
        return sink.get();
    }

    /** HTTP 200, once the sink has sent two requests (polled for up to 10 s). */
    private static int afterSecondRequest(AtomicReference<BulkSink> sink) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.get() == null || sink.get().requestsSent() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no second request");
            }
            Thread.onSpinWait();
        }
        return 200;
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
