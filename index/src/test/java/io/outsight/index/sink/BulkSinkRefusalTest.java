package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.config.Config;
import io.outsight.index.client.ElasticsearchClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the sink treats a bulk request that fails as a whole, against {@link FakeBulkServer} (an HTTP server on the
 * loopback interface answering like Elasticsearch): a refusal for good is split down to the documents at fault, which
 * are rejected with the reason; a failure that may pass makes every document of the request a retry, unsplit.
 */
class BulkSinkRefusalTest {
    private static final BulkSettings EIGHT_PER_REQUEST = BulkSettings.DEFAULT.withMaxOperations(8)
            .withMaxConcurrentRequests(1);

    @Test
    void aDocumentThatMakesTheWholeRequestFailIsRejectedAloneAndTheOthersAreWritten() throws Exception {
        try (var server = new FakeBulkServer(refuseWith(400, d -> d.source().contains("poison")))) {
            List<BulkOutcome> outcomes = write(server, documents(8, 5));

            for (int i = 0; i < 8; i++) {
                if (i == 5) {
                    var rejected = assertInstanceOf(BulkOutcome.Rejected.class, outcomes.get(i));
                    assertTrue(rejected.reason().contains("400") && rejected.reason().contains("parse_exception")
                            && rejected.reason().contains("refused by the test"), rejected.reason());
                } else {
                    assertInstanceOf(BulkOutcome.Written.class, outcomes.get(i), "document " + i);
                }
            }
            // The refused request of 8, then halves around the poisoned document only: 0-3, 4-7, 4-5, 4, 5, 6-7.
            assertEquals(List.of(ids(0, 8), ids(0, 4), ids(4, 8), ids(4, 6), ids(4, 5), ids(5, 6), ids(6, 8)),
                    server.requests());
        }
    }

    @Test
    void aRequestTooLargeIsSplitUntilElasticsearchTakesEveryDocument() throws Exception {
        try (var server = new FakeBulkServer(documents -> documents.size() > 2 ? 413 : 200)) {
            List<BulkOutcome> outcomes = write(server, documents(8, -1));

            outcomes.forEach(o -> assertInstanceOf(BulkOutcome.Written.class, o, o.toString()));
            var written = new ArrayList<String>();
            server.requests().stream().filter(r -> r.size() <= 2).forEach(written::addAll);
            assertEquals(documents(8, -1).stream().map(IndexDocument::id).toList(), written,
                    "each document accepted once, in order");
        }
    }

    @Test
    void aDocumentRefusedEvenAloneIsRejectedWithTheStatus() throws Exception {
        try (var server = new FakeBulkServer(documents -> 413)) {
            List<BulkOutcome> outcomes = write(server, documents(3, -1));

            for (var outcome : outcomes) {
                var rejected = assertInstanceOf(BulkOutcome.Rejected.class, outcome, outcome.toString());
                assertTrue(rejected.reason().contains("413"), rejected.reason());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void aFailureThatMayPassMakesEveryDocumentARetryWithoutSplitting(int status) throws Exception {
        try (var server = new FakeBulkServer(documents -> status)) {
            List<BulkOutcome> outcomes = write(server, documents(8, -1));

            for (var outcome : outcomes) {
                var retry = assertInstanceOf(BulkOutcome.Retry.class, outcome);
                assertTrue(retry.reason().contains(String.valueOf(status)), retry.reason());
            }
            assertEquals(1, server.requests().size(), "sent once; the stage loop retries it after a backoff");
        }
    }

    @Test
    void noAnswerAtAllIsARetry() throws Exception {
        String url;
        try (var server = new FakeBulkServer(documents -> 200)) {
            url = server.url();
        }
        // The server is gone: the connection is refused.
        try (ElasticsearchClient es = ElasticsearchClients.create(url, Config.defaults());
                var sink = new BulkSink(es, "articles", true, EIGHT_PER_REQUEST)) {
            sink.write(documents(3, -1)).forEach(o -> assertInstanceOf(BulkOutcome.Retry.class, o));
        }
    }

    @Test
    void lineBreaksBetweenTokensBecomeSpacesSoEachDocumentStaysOnOneLineOfTheBulkBody() {
        byte[] pretty = "{\r\n  \"id\" : \"a\",\n  \"title\" : \"Kraków \\n BPO\"\n}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] line = BulkSink.singleLine(pretty);
        assertEquals("{    \"id\" : \"a\",   \"title\" : \"Kraków \\n BPO\" }",
                new String(line, StandardCharsets.UTF_8));
        assertEquals(pretty.length, line.length);
        byte[] compact = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        assertSame(compact, BulkSink.singleLine(compact), "a compact document is sent as it is, uncopied");
    }

    @Test
    void theFirstLineBreakIsFoundWhereverItIsAmongBytesThatAreNearlyOne() {
        // Bytes one bit from a line feed or a carriage return, and the bytes a word-wide test could confuse.
        byte[] lookAlikes = {0x0B, 0x09, 0x08, 0x0C, 0x0E, 0x1A, 0x2A, (byte) 0x8A, (byte) 0x8D, 0x00, (byte) 0xFF,
            0x01};
        var random = new Random(7);
        for (int length = 0; length <= 40; length++) {
            for (int round = 0; round < 200; round++) {
                byte[] json = new byte[length];
                for (int i = 0; i < length; i++) {
                    json[i] = lookAlikes[random.nextInt(lookAlikes.length)];
                }
                if (length > 0 && round % 2 == 0) {
                    json[random.nextInt(length)] = round % 4 == 0 ? (byte) '\n' : (byte) '\r';
                }
                int expected = 0;
                while (expected < length && json[expected] != '\n' && json[expected] != '\r') {
                    expected++;
                }
                assertEquals(expected, BulkSink.firstLineBreak(json), "length " + length + ", round " + round);
            }
        }
    }

    private static Function<List<FakeBulkServer.Document>, Integer> refuseWith(int status,
            java.util.function.Predicate<FakeBulkServer.Document> culprit) {
        return documents -> documents.stream().anyMatch(culprit) ? status : 200;
    }

    private static List<BulkOutcome> write(FakeBulkServer server, List<IndexDocument> documents) throws Exception {
        try (ElasticsearchClient es = ElasticsearchClients.create(server.url(), Config.defaults());
                var sink = new BulkSink(es, "articles", true,
                        EIGHT_PER_REQUEST.withMaxOperations(documents.size()))) {
            List<BulkOutcome> outcomes = sink.write(documents);
            assertEquals(documents.size(), outcomes.size());
            return outcomes;
        }
    }

    private static List<String> ids(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "doc-" + i).toList();
    }

    /** {@code count} small documents; the one at {@code poisoned} (if any) carries the word the server refuses. */
    private static List<IndexDocument> documents(int count, int poisoned) {
        var documents = new ArrayList<IndexDocument>();
        for (int i = 0; i < count; i++) {
            String json = "{\"id\":\"doc-" + i + "\",\"title\":\"" + (i == poisoned ? "poison" : "fine") + "\"}";
            documents.add(new IndexDocument("doc-" + i, 1, json.getBytes(StandardCharsets.UTF_8)));
        }
        return documents;
    }
}
