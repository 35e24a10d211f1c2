package io.outsight.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.id.ArticleIds;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import io.outsight.ingest.politeness.FakeTime;
import io.outsight.ingest.politeness.PoliteFetcher;
import io.outsight.ingest.politeness.PolitenessSettings;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PageIngestorTest {
    private static MainContentExtractor extractor;

    private final FakeTime time = new FakeTime();
    private final TestSite site = new TestSite();
    private final PageFetcher http = new PageFetcher(FetchSettings.defaults(true));
    private final PageIngestor ingestor = new PageIngestor(new UrlNormalizer(),
            PoliteFetcher.create(http, PolitenessSettings.defaults().withHostDelay(Duration.ZERO), time, time),
            extractor, new UrlMemory(100), Duration.ofMinutes(10), time);

    @BeforeAll
    static void loadExtractor() {
        extractor = MainContentExtractor.create();
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        site.close();
    }

    private PageIngestor.Ingested.Done ingest(String path, String requestId) {
        var request = new UrlRequest(site.url(path) + "?utm_source=test", "test", time.instant(), 0);
        return assertInstanceOf(PageIngestor.Ingested.Done.class,
                ingestor.ingest(request, requestId, time.instant().plusSeconds(60)));
    }

    @Test
    void turnsAPageIntoARawArticleAndAnOkStatus() {
        site.page("/bpo.html", "text/html; charset=utf-8", Pages.article("Manila BPO hiring", "Hiring rose."));
        var done = ingest("/bpo.html", "r1");
        assertEquals(site.url("/bpo.html"), done.key(), "normalised: no tracking parameter");
        assertEquals(FetchOutcome.OK, done.status().outcome());
        var article = done.article().orElseThrow();
        assertEquals(ArticleIds.of(site.url("/bpo.html")), article.id());
        assertEquals(article.id(), done.status().articleId());
        assertEquals("Manila BPO hiring", article.title());
        assertTrue(article.text().contains("Hiring rose."), article.text());
        assertEquals(ArticleIds.contentHash(article.text()), article.contentHash());
        assertEquals("test", article.source());
    }

    @Test
    void refetchesConditionallyAndReportsAnUnchangedPageAsNotModified() {
        site.route("/etag.html", exchange -> {
            try (exchange) {
                if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().set("ETag", "\"v1\"");
                TestSite.send(exchange, 200, "text/html", Pages.article("Title", "Words.").getBytes(StandardCharsets.UTF_8));
            }
        });
        var first = ingest("/etag.html", "r1");
        time.advance(Duration.ofMinutes(11)); // past the de-duplication window
        var second = ingest("/etag.html", "r2");
        assertEquals(FetchOutcome.NOT_MODIFIED, second.status().outcome());
        assertEquals(304, second.status().httpStatus());
        assertTrue(second.article().isEmpty());
        assertEquals(first.status().articleId(), second.status().articleId());
        assertEquals("\"v1\"", site.requests("/etag.html").getLast().header("If-None-Match"));
    }

    @Test
    void fetchesARedeliveredRequestInFullAgain() {
        site.route("/etag.html", exchange -> {
            try (exchange) {
                if (exchange.getRequestHeaders().getFirst("If-None-Match") != null) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().set("ETag", "\"v1\"");
                TestSite.send(exchange, 200, "text/html", Pages.article("Title", "Words.").getBytes(StandardCharsets.UTF_8));
            }
        });
        ingest("/etag.html", "urls-0@7");
        // The stage retried the batch (its output was not acknowledged): the same request must give the article again.
        var again = ingest("/etag.html", "urls-0@7");
        assertEquals(FetchOutcome.OK, again.status().outcome());
        assertTrue(again.article().isPresent());
        assertNull(site.requests("/etag.html").getLast().header("If-None-Match"));
    }

    @Test
    void reportsAnUnchangedTextAsNotModifiedWhenTheServerHasNoValidators() {
        site.page("/plain.html", "text/html", Pages.article("Title", "Same words."));
        ingest("/plain.html", "r1");
        time.advance(Duration.ofMinutes(11));
        var second = ingest("/plain.html", "r2");
        assertEquals(FetchOutcome.NOT_MODIFIED, second.status().outcome());
        assertTrue(second.status().reason().contains("same content hash"), second.status().reason());
        assertTrue(second.article().isEmpty());
    }

    @Test
    void producesANewArticleWhenTheTextChanged() {
        var text = new AtomicReference<>("First version.");
        site.route("/live.html", exchange -> {
            try (exchange) {
                TestSite.send(exchange, 200, "text/html", Pages.article("Live", text.get()).getBytes(StandardCharsets.UTF_8));
            }
        });
        ingest("/live.html", "r1");
        time.advance(Duration.ofMinutes(11));
        text.set("Second version.");
        var second = ingest("/live.html", "r2");
        assertEquals(FetchOutcome.OK, second.status().outcome());
        assertTrue(second.article().orElseThrow().text().contains("Second version."));
    }

    @Test
    void reportsARepeatedRequestWithinTheWindowAsADuplicate() {
        site.page("/dup.html", "text/html", Pages.article("Dup", "Words."));
        var first = ingest("/dup.html", "r1");
        time.advance(Duration.ofMinutes(5));
        var second = ingest("/dup.html", "r2");
        assertEquals(FetchOutcome.DUPLICATE, second.status().outcome());
        assertEquals(first.status().articleId(), second.status().articleId());
        assertEquals(1, site.requests("/dup.html").size());
    }

    @Test
    void reportsAnEmptyPage() {
        site.respond("/empty.html", 200, "text/html", new byte[0]);
        var done = ingest("/empty.html", "r1");
        assertEquals(FetchOutcome.EXTRACTION_EMPTY, done.status().outcome());
        assertEquals("empty page", done.status().reason());
    }

    @Test
    void extractsWhatATruncatedPageHas() {
        String page = Pages.article("Cut short", "Before the cut.");
        site.page("/truncated.html", "text/html", page.substring(0, page.indexOf("Second paragraph") + 20));
        var done = ingest("/truncated.html", "r1");
        assertEquals(FetchOutcome.OK, done.status().outcome(), done.status().reason());
        assertTrue(done.article().orElseThrow().text().contains("Before the cut."));
    }

    @Test
    void survivesMalformedHtml() {
        site.page("/malformed.html", "text/html", "<html><body></div><p>Unclosed <b><i>tags</b> and a stray </td>"
                + "<p>\u0000\u0001 binary junk <<<>>> <script>never closed");
        site.page("/not-really.html", "text/html", "\u00ff\u00fe\u0000<<<<");
        for (String path : new String[] {"/malformed.html", "/not-really.html"}) {
            var outcome = ingest(path, "r-" + path).status().outcome();
            assertTrue(outcome == FetchOutcome.OK || outcome == FetchOutcome.EXTRACTION_EMPTY, path + ": " + outcome);
        }
    }

    @Test
    void decodesAPageWithoutADeclaredCharset() {
        String html = Pages.article("Аутсорсинг в России", "Рынок аутсорсинга бизнес-процессов вырос на двенадцать "
                + "процентов за год, сообщили аналитики.");
        site.page("/ru.html", "text/html", html, Charset.forName("windows-1251"));
        var article = ingest("/ru.html", "r1").article().orElseThrow();
        assertEquals("Аутсорсинг в России", article.title());
        assertTrue(article.text().contains("Рынок аутсорсинга"), article.text());
    }

    @Test
    void reportsRobotsDenial() {
        site.robots("User-agent: *\nDisallow: /\n").page("/a.html", "text/html", Pages.article("A", "B."));
        var done = ingest("/a.html", "r1");
        assertEquals(FetchOutcome.ROBOTS_DENIED, done.status().outcome());
        assertTrue(done.article().isEmpty());
    }

    @Test
    void reportsANotModifiedAnswerToAnUnconditionalRequestAsAFailure() {
        site.respond("/odd.html", 304, null, new byte[0]);
        var done = ingest("/odd.html", "r1");
        assertEquals(FetchOutcome.FAILED, done.status().outcome());
        assertTrue(done.status().reason().contains("no validators"), done.status().reason());
    }

    @Test
    void reportsAnInvalidUrlUnderTheUrlAsGiven() {
        var done = assertInstanceOf(PageIngestor.Ingested.Done.class, ingestor.ingest(
                new UrlRequest("ftp://example.com/file", "test", time.instant(), 0), "r1", time.instant()));
        assertEquals("ftp://example.com/file", done.key());
        assertEquals(FetchOutcome.FAILED, done.status().outcome());
    }
}
