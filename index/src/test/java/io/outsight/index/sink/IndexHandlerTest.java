package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.config.Config;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.index.TestArticles;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.dedup.ClusterAssigner;
import io.outsight.index.dedup.TestClusterAssigners;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * How the index stage's handler hands a batch to the sink, against {@link FakeBulkServer}: slice by slice, each as
 * soon as it is placed in the story clusters.
 */
class IndexHandlerTest {
    /** One bulk request's worth, and more articles than one look-up takes: each slice has a look-up of its own. */
    private static final int SLICE = 101;
    /** One request at a time, so that they come in the order sent. */
    private static final BulkSettings SLICE_PER_REQUEST = BulkSettings.DEFAULT.withMaxOperations(SLICE)
            .withMaxConcurrentRequests(1);
    private static final RecordCodec CODEC = new RecordCodec();

    @Test
    void eachSliceIsSentAsSoonAsItIsPlacedNotOnceTheWholeBatchIs() throws Exception {
        var requestsBeforeTheLastLookUp = new AtomicInteger(-1);
        try (var server = new FakeBulkServer(documents -> 200);
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults())) {
            // The last slice's look-up answers once the first slice reached Elasticsearch, or after 10 s: so its
            // placing waits for the first slice to be sent (and, if sending waited for the whole batch, in vain).
            var clusters = TestClusterAssigners.overAnEmptyIndex((lookUp, articles) -> {
                if (lookUp == 3) {
                    requestsBeforeTheLastLookUp.set(awaitRequests(server, 1, Duration.ofSeconds(10)));
                }
            });
            try (var handler = handler(es, clusters)) {
                handler.start(records(3 * SLICE)).finish();
            }
            assertEquals(1, requestsBeforeTheLastLookUp.get(), "requests received before the last slice was placed");
            assertEquals(List.of("0-100", "101-201", "202-302"), spans(server.requests()));
        }
    }

    @Test
    void aBatchWhosePlacingFailsReturnsOnlyOnceTheSlicesAlreadySentWereAnswered() throws Exception {
        try (var server = new FakeBulkServer(documents -> 200);
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults())) {
            var clusters = TestClusterAssigners.overAnEmptyIndex((lookUp, articles) -> {
                if (lookUp == 3) {
                    awaitRequests(server, 1, Duration.ofSeconds(10));
                    throw new IOException("the search failed");
                }
            });
            try (var handler = handler(es, clusters)) {
                var failure = assertThrows(TransientStageException.class, () -> handler.start(records(3 * SLICE)));

                assertTrue(failure.getMessage().contains("the search failed"), failure.getMessage());
                // Answered, not merely sent: none of them is written after the replay placed it again.
                assertEquals(List.of("0-100", "101-201"), spans(server.requests()));
            }
        }
    }

    private static IndexHandler handler(ElasticsearchClient es, ClusterAssigner clusters) {
        return new IndexHandler(new BulkSink(es, "articles", false, SLICE_PER_REQUEST), CODEC, clusters);
    }

    /** How many requests the server had received when there were {@code count}, or when the time was up. */
    private static int awaitRequests(FakeBulkServer server, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (server.requests().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return server.requests().size();
    }

    private static List<ConsumerRecord<String, byte[]>> records(int count) {
        var records = new ArrayList<ConsumerRecord<String, byte[]>>();
        var enrichedAt = Instant.parse("2026-11-26T10:00:00Z");
        for (int n = 0; n < count; n++) {
            var article = TestArticles.fingerprinted(n, enrichedAt, 0);
            records.add(new ConsumerRecord<>("outsight.articles.enriched", 0, n, article.id(), CODEC.encode(article)));
        }
        return records;
    }

    /** Each request's articles by number, as "first-last" when they are consecutive. */
    private static List<String> spans(List<List<String>> requests) {
        var numbers = new HashMap<String, Integer>();
        for (int n = 0; n < 3 * SLICE; n++) {
            numbers.put(TestArticles.fingerprinted(n, Instant.EPOCH, 0).id(), n);
        }
        return requests.stream().map(ids -> {
            List<Integer> request = ids.stream().map(numbers::get).toList();
            int first = request.getFirst();
            boolean consecutive = IntStream.range(0, request.size()).allMatch(i -> request.get(i) == first + i);
            return consecutive ? first + "-" + request.getLast() : request.toString();
        }).toList();
    }
}
