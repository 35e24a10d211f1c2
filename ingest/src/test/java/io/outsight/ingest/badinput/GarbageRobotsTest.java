package io.outsight.ingest.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.TestSite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * robots.txt files that are garbage, huge, hostile or not robots.txt at all. robots.txt is per host and port, so
 * each case has its own server. The stage must read what it can (RFC 9309: the first 500 KiB at least), follow the
 * rules it finds, and give every page a status with a reason.
 */
@Timeout(60)
class GarbageRobotsTest {
    private static final String PAGE = HostilePageTest.article("Robots", "Hiring rose.");
    private static Stage stage;

    @BeforeAll
    static void start() {
        stage = new Stage();
    }

    @AfterAll
    static void stop() {
        stage.close();
    }

    private static TestSite siteWithRobots(byte[] robots, String contentType) {
        var site = new TestSite().respond("/robots.txt", 200, contentType, robots);
        site.page("/public/page.html", "text/html", PAGE).page("/private/page.html", "text/html", PAGE);
        return site;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheRulesAmongBinaryGarbage() throws Exception {
        var random = new Random(9);
        var robots = new ByteArrayOutputStream();
        byte[] noise = new byte[20_000];
        random.nextBytes(noise);
        robots.writeBytes(noise);
        robots.writeBytes(utf8("\nUser-agent: *\nDisallow: /private/\n"));
        random.nextBytes(noise);
        robots.writeBytes(noise);
        try (var site = siteWithRobots(robots.toByteArray(), "text/plain")) {
            var outcomes = stage.ingestAll(List.of(site.url("/public/page.html"), site.url("/private/page.html")));

            assertEquals(FetchOutcome.OK, outcomes.get(site.url("/public/page.html")).status().outcome());
            var denied = outcomes.get(site.url("/private/page.html")).status();
            assertEquals(FetchOutcome.ROBOTS_DENIED, denied.outcome(), denied.reason());
            assertTrue(denied.reason().contains("disallows /private/page.html"), denied.reason());
            assertEquals(0, site.requests("/private/page.html").size());
        }
    }

    @Test
    void readsOnlyTheFirst500KibOfAHugeFile() throws Exception {
        // 8 MiB of comments, then a rule that would shut the host: it lies past what is read.
        var body = new StreamedBody(200, "text/plain", null, utf8("# " + "x".repeat(1021) + "\n"), 8 * 1024, true);
        try (var site = new TestSite()) {
            site.route("/robots.txt", body).page("/page.html", "text/html", PAGE);

            var outcome = stage.ingest(site.url("/page.html"));

            assertEquals(FetchOutcome.OK, outcome.status().outcome(), outcome.status().reason());
            assertTrue(body.bytesWritten() < body.size(), "the server could send all of robots.txt");
        }
    }

    @Test
    void readsTheFirst500KibOfAGzipBombedFile() throws Exception {
        var filler = new byte[16 * 1024 * 1024];
        Arrays.fill(filler, (byte) '#');
        var compressed = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(compressed)) {
            gzip.write(utf8("User-agent: *\nDisallow: /private/\n"));
            gzip.write(filler);
        }
        var body = new StreamedBody(200, "text/plain", "gzip", compressed.toByteArray(), 1, true);
        try (var site = new TestSite()) {
            site.route("/robots.txt", body).page("/private/page.html", "text/html", PAGE);

            var outcome = stage.ingest(site.url("/private/page.html"));

            assertEquals(FetchOutcome.ROBOTS_DENIED, outcome.status().outcome(), outcome.status().reason());
        }
    }

    @Test
    void matchesAPathologicalWildcardRuleInReasonableTime() throws Exception {
        // A backtracking matcher takes exponential time on many stars against a long path that almost matches.
        String rule = "Disallow: /" + "*a".repeat(40) + "*b\n";
        String path = "/" + "a".repeat(4000) + ".html";
        try (var site = siteWithRobots(utf8("User-agent: *\n" + rule + "Disallow: /private/\n"), "text/plain")) {
            site.page(path, "text/html", PAGE);

            var outcomes = stage.ingestAll(List.of(site.url(path), site.url("/private/page.html")));

            assertEquals(FetchOutcome.OK, outcomes.get(site.url(path)).status().outcome());
            assertEquals(FetchOutcome.ROBOTS_DENIED, outcomes.get(site.url("/private/page.html")).status().outcome());
        }
    }

    @Test
    void treatsAnHtmlPageOrEmptinessAsNoRules() throws Exception {
        byte[] soft404 = utf8("<!DOCTYPE html><html><body><h1>Page not found</h1><p>Disallow: nothing here</p>"
                + "</body></html>");
        for (var robots : List.of(soft404, new byte[0], utf8("\u0000\u0000\u0000"), utf8("User-agent: *\nCrawl-delay: "
                + "9".repeat(400) + "\nDisallow:\n"))) {
            try (var site = siteWithRobots(robots, "text/html")) {
                var outcome = stage.ingest(site.url("/public/page.html"));

                assertEquals(FetchOutcome.OK, outcome.status().outcome(), outcome.status().reason());
            }
        }
    }

    @Test
    void refusesAHostWhoseRobotsTxtAsksForAnEndlessCrawlDelay() throws Exception {
        try (var site = siteWithRobots(utf8("User-agent: *\nCrawl-delay: 86400000\n"), "text/plain")) {
            var outcome = stage.ingest(site.url("/public/page.html"));

            assertEquals(FetchOutcome.ROBOTS_DENIED, outcome.status().outcome(), outcome.status().reason());
            assertTrue(outcome.status().reason().contains("Crawl-delay"), outcome.status().reason());
        }
    }
}
