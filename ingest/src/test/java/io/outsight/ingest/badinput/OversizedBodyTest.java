package io.outsight.ingest.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.FetchResult;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 50 MB page and a gzip bomb are refused by the size limit, which applies to the decoded body, without the body
 * being read whole: the server is left unable to send most of it, and the fetching thread allocates about the limit,
 * not the body.
 */
class OversizedBodyTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    /** One gzip member of 16 MiB of HTML-ish filler: about 16 KiB compressed. */
    private static byte[] bombMember;

    private static TestSite site;
    private static Stage stage;

    @BeforeAll
    static void start() throws IOException {
        site = new TestSite();
        stage = new Stage();
        var filler = new byte[16 * 1024 * 1024];
        Arrays.fill(filler, (byte) ' ');
        byte[] open = "<p>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, filler, 0, open.length);
        var compressed = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(compressed)) {
            gzip.write(filler);
        }
        bombMember = compressed.toByteArray();
    }

    @AfterAll
    static void stop() {
        stage.close();
        site.close();
    }

    private static byte[] htmlBlock() {
        byte[] block = new byte[64 * 1024];
        byte[] words = "<p>outsourcing words words words</p>\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < block.length; i++) {
            block[i] = words[i % words.length];
        }
        return block;
    }

    @ParameterizedTest(name = "Content-Length declared: {0}")
    @ValueSource(booleans = {true, false})
    void refusesAFiftyMegabytePageWithoutReadingItAll(boolean declareLength) throws Exception {
        var body = new StreamedBody("text/html; charset=utf-8", null, htmlBlock(), FIFTY_MB / (64 * 1024), declareLength);
        String path = "/fifty-mb-" + declareLength + ".html";
        site.route(path, body);

        var outcome = stage.ingest(site.url(path));

        assertEquals(FetchOutcome.TOO_LARGE, outcome.status().outcome(), outcome.status().reason());
        assertTrue(outcome.status().reason().contains("larger than " + Stage.MAX_BODY + " bytes"),
                outcome.status().reason());
        assertTrue(outcome.article().isEmpty());
        long written = body.bytesWritten();
        // At most the limit plus what the socket buffers hold was sent before the client dropped the connection.
        assertTrue(body.clientLeft() && written < body.size(),
                "server wrote " + written + " of " + body.size() + " bytes; the client read or drained it all");
    }

    @ParameterizedTest(name = "Content-Length declared: {0}")
    @ValueSource(booleans = {true, false})
    void refusesAGzipBombAtTheDecodedSizeLimit(boolean declareLength) throws Exception {
        // 4096 gzip members of 16 MiB each: 64 GiB of HTML once decoded, from about 64 MiB on the wire.
        var body = new StreamedBody("text/html", "gzip", bombMember, 4096, declareLength);
        String path = "/bomb-" + declareLength + ".html";
        site.route(path, body);

        var outcome = stage.ingest(site.url(path));

        assertEquals(FetchOutcome.TOO_LARGE, outcome.status().outcome(), outcome.status().reason());
        assertTrue(outcome.status().reason().contains("larger than " + Stage.MAX_BODY + " bytes"),
                outcome.status().reason());
        long written = body.bytesWritten();
        assertTrue(body.clientLeft() && written < body.size(),
                "server wrote " + written + " of " + body.size() + " compressed bytes; the client drained them all");
    }

    @Test
    void theFetchingThreadAllocatesAboutTheLimitNotTheBody() throws Exception {
        long limit = 1024 * 1024;
        var big = new StreamedBody("text/html", null, htmlBlock(), FIFTY_MB / (64 * 1024), false);
        var bomb = new StreamedBody("text/html", "gzip", bombMember, 4096, true);
        site.route("/alloc-big.html", big).route("/alloc-bomb.html", bomb);
        try (var fetcher = new PageFetcher(FetchSettings.defaults(true).withMaxBodySize(limit))) {
            fetcher.fetch(site.url("/")); // warm up the client (classes, pool) outside the measurement
            for (String path : new String[] {"/alloc-big.html", "/alloc-bomb.html"}) {
                long before = allocatedByThisThread();
                var result = fetcher.fetch(site.url(path));
                long allocated = allocatedByThisThread() - before;
                var failed = assertInstanceOf(FetchResult.Failed.class, result, path);
                assertEquals(FetchOutcome.TOO_LARGE, failed.outcome(), failed.reason());
                // Reading up to the limit into a growing buffer and copying it out costs a few times the limit;
                // reading the body whole would cost 50 MiB (the page) or 64 GiB (the bomb).
                assertTrue(allocated < 16 * limit, path + ": the fetching thread allocated " + allocated + " bytes");
            }
        }
        assertTrue(big.bytesWritten() < big.size() && bomb.bytesWritten() < bomb.size());
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }
}
