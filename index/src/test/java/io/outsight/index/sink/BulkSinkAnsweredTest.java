package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.config.Config;
import io.outsight.index.client.ElasticsearchClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkSink.Batch#answered}: true only once every document of the batch has its answer, which lets the stage
 * loop finish a batch without waiting out its poll for a next one.
 */
class BulkSinkAnsweredTest {
    private static final BulkSettings FOUR_PER_REQUEST = BulkSettings.DEFAULT.withMaxOperations(4);

    @Test
    void aBatchIsAnsweredOnlyOnceEveryDocumentHasItsAnswer() throws Exception {
        var release = new CountDownLatch(1);
        try (var server = new FakeBulkServer(documents -> answerWhenReleased(release));
                ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var sink = new BulkSink(es, "articles", true, FOUR_PER_REQUEST)) {
            var batch = sink.batch();
            batch.addAll(documents(0, 6)); // requests of 4 and 2, both held by the server

            assertFalse(batch.answered(), "no answer yet");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!batch.answered()) {
                assertTrue(System.nanoTime() < deadline, "the batch was not answered within 10 s");
                Thread.onSpinWait();
            }
            batch.complete().forEach(outcome -> assertInstanceOf(BulkOutcome.Written.class, outcome));
        }
    }

    private static int answerWhenReleased(CountDownLatch release) {
        try {
            return release.await(10, TimeUnit.SECONDS) ? 200 : 503;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 503;
        }
    }

    private static List<IndexDocument> documents(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new IndexDocument("doc-" + i, 1,
                ("{\"id\":\"doc-" + i + "\"}").getBytes(StandardCharsets.UTF_8))).toList();
    }
}
