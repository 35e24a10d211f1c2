package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.config.Config;
import io.outsight.index.client.ElasticsearchClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkSink#placeFreeTime}: the time a place for a request stood free counts from an answer that freed it to the
 * next request that took it, so a stream's end, with the place free until more documents come, counts nothing.
 */
class BulkSinkPlaceFreeTest {
    private static final BulkSettings ONE_AT_A_TIME = BulkSettings.DEFAULT.withMaxOperations(4)
            .withMaxConcurrentRequests(1);

    @Test
    void aPlaceFreeUntilTheNextRequestCountsAndOneFreeAtTheEndDoesNot() throws Exception {
        try (var server = new FakeBulkServer(documents -> 200);
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var sink = new BulkSink(es, "articles", true, ONE_AT_A_TIME)) {
            sink.write(documents(0, 4));
            assertEquals(Duration.ZERO, sink.placeFreeTime(), "free since the only answer, with nothing to send");

            sink.write(documents(4, 8));
            Duration betweenRequests = sink.placeFreeTime();
            assertTrue(betweenRequests.compareTo(Duration.ZERO) > 0,
                    "free from the first answer to the second request");

            sink.write(documents(8, 12));
            assertTrue(sink.placeFreeTime().compareTo(betweenRequests) > 0, "and again until the third");
            assertEquals(3, server.requests().size());
        }
    }

    private static List<IndexDocument> documents(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new IndexDocument("doc-" + i, 1,
                ("{\"id\":\"doc-" + i + "\"}").getBytes(StandardCharsets.UTF_8))).toList();
    }
}
