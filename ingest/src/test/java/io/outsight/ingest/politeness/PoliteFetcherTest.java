package io.outsight.ingest.politeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.FetchResult;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import io.outsight.ingest.fetch.Validators;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoliteFetcherTest {
    private static final String HTML = "<html><body><p>An article.</p></body></html>";

    private final FakeTime time = new FakeTime();
    private final TestSite site = new TestSite().markRequestsWith(time::instant);
    private final PageFetcher http = new PageFetcher(new FetchSettings("OutsightBot/0.1 (+https://example.org)",
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 100_000, 5, true));
    private final Instant farAway = time.instant().plus(Duration.ofDays(1));

    @AfterEach
    void stop() throws IOException {
        http.close();
        site.close();
    }

    private PoliteFetcher polite(PolitenessSettings settings) {
        return PoliteFetcher.create(http, settings, time, time);
    }

    private PoliteFetcher polite() {
        return polite(PolitenessSettings.defaults().withHostDelay(Duration.ofSeconds(1))
                .withRetries(2, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    private FetchResult fetch(PoliteFetcher fetcher, String path) {
        return fetcher.fetch(site.url(path), Validators.NONE, farAway);
    }

    @Test
    void refusesWhatRobotsTxtDisallowsForOurToken() {
        site.robots("User-agent: *\nDisallow: /private/\n\nUser-agent: OutsightBot\nDisallow: /drafts/\n")
                .page("/drafts/x.html", "text/html", HTML).page("/private/y.html", "text/html", HTML);
        var fetcher = polite();
        var denied = assertInstanceOf(FetchResult.Failed.class, fetch(fetcher, "/drafts/x.html"));
        assertEquals(FetchOutcome.ROBOTS_DENIED, denied.outcome());
        assertTrue(denied.reason().contains("disallows /drafts/x.html for outsightbot"), denied.reason());
        // Our own group applies, not the '*' one.
        assertInstanceOf(FetchResult.Fetched.class, fetch(fetcher, "/private/y.html"));
        assertEquals(List.of(), site.requests("/drafts/x.html"));
        assertEquals(1, site.requests("/robots.txt").size(), "robots.txt is read once per host");
    }

    @Test
    void respectsTheCrawlDelayOfRobotsTxt() {
        site.robots("User-agent: *\nCrawl-delay: 5\n");
        for (String p : List.of("/a", "/b", "/c")) {
            site.page(p, "text/html", HTML);
        }
        var fetcher = polite();
        for (String p : List.of("/a", "/b", "/c")) {
            assertInstanceOf(FetchResult.Fetched.class, fetch(fetcher, p));
        }
        Instant a = (Instant) site.requests("/a").getFirst().mark();
        assertEquals(a.plusSeconds(5), site.requests("/b").getFirst().mark());
        assertEquals(a.plusSeconds(10), site.requests("/c").getFirst().mark());
    }

    @Test
    void spacesRequestsByOurOwnDelayWhenRobotsTxtSetsNone() {
        site.page("/a", "text/html", HTML).page("/b", "text/html", HTML); // robots.txt: 404, everything allowed
        var fetcher = polite(PolitenessSettings.defaults().withHostDelay(Duration.ofSeconds(3)));
        fetch(fetcher, "/a");
        fetch(fetcher, "/b");
        Instant a = (Instant) site.requests("/a").getFirst().mark();
        assertEquals(a.plusSeconds(3), site.requests("/b").getFirst().mark());
    }

    @Test
    void refusesAHostWhoseCrawlDelayIsLongerThanTheMaximum() {
        site.robots("User-agent: *\nCrawl-delay: 3600\n").page("/a", "text/html", HTML);
        var denied = assertInstanceOf(FetchResult.Failed.class, fetch(polite(), "/a"));
        assertEquals(FetchOutcome.ROBOTS_DENIED, denied.outcome());
        assertTrue(denied.reason().contains("ingest.fetch.max-crawl-delay"), denied.reason());
    }

    @Test
    void retriesA429AfterItsRetryAfter() {
        var calls = new AtomicInteger();
        site.route("/busy", exchange -> {
            try (exchange) {
                if (calls.getAndIncrement() == 0) {
                    exchange.getResponseHeaders().set("Retry-After", "7");
                    exchange.sendResponseHeaders(429, -1);
                } else {
                    TestSite.send(exchange, 200, "text/html", HTML.getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        assertInstanceOf(FetchResult.Fetched.class, fetch(polite(), "/busy"));
        var requests = site.requests("/busy");
        assertEquals(2, requests.size());
        assertEquals(((Instant) requests.get(0).mark()).plusSeconds(7), requests.get(1).mark());
    }

    @Test
    void givesUpWhenRetryAfterIsTooLong() {
        site.respond("/later", 503, "text/html", new byte[0], "Retry-After", "3600");
        var failed = assertInstanceOf(FetchResult.Failed.class, fetch(polite(), "/later"));
        assertEquals(FetchOutcome.HTTP_5XX, failed.outcome());
        assertTrue(failed.reason().contains("Retry-After 3600 s"), failed.reason());
        assertEquals(1, site.requests("/later").size());
    }

    @Test
    void givesUpAfterTheRetries() {
        site.respond("/down", 503, "text/html", new byte[0]);
        var failed = assertInstanceOf(FetchResult.Failed.class, fetch(polite(), "/down"));
        assertEquals(FetchOutcome.HTTP_5XX, failed.outcome());
        assertTrue(failed.reason().endsWith("(after 3 attempts)"), failed.reason());
        assertEquals(3, site.requests("/down").size());
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        site.respond("/gone", 410, "text/html", new byte[0]);
        assertEquals(FetchOutcome.HTTP_4XX, ((FetchResult.Failed) fetch(polite(), "/gone")).outcome());
        assertEquals(1, site.requests("/gone").size());
    }

    @Test
    void retriesAConnectionRefusedAndReportsIt() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var failed = assertInstanceOf(FetchResult.Failed.class,
                polite().fetch("http://127.0.0.1:" + closedPort + "/x", Validators.NONE, farAway));
        assertEquals(FetchOutcome.FAILED, failed.outcome());
        assertTrue(failed.reason().contains("cannot connect"), failed.reason());
        assertTrue(failed.reason().endsWith("(after 3 attempts)"), failed.reason());
        assertEquals(2, time.sleeps().size(), "waited before each retry: " + time.sleeps());
    }

    @Test
    void doesNotFetchAHostWhoseRobotsTxtFailsWithAServerError() {
        site.respond("/robots.txt", 503, "text/plain", new byte[0]).page("/a", "text/html", HTML);
        var failed = assertInstanceOf(FetchResult.Failed.class, fetch(polite(), "/a"));
        assertEquals(FetchOutcome.HTTP_5XX, failed.outcome());
        assertTrue(failed.reason().contains("robots.txt"), failed.reason());
        assertEquals(List.of(), site.requests("/a"));
        assertEquals(3, site.requests("/robots.txt").size(), "robots.txt is asked again on each retry");
    }

    @Test
    void checksRobotsTxtForARedirectTarget() {
        site.robots("User-agent: *\nDisallow: /members/\n").redirect("/teaser", 302, "/members/article");
        var denied = assertInstanceOf(FetchResult.Failed.class, fetch(polite(), "/teaser"));
        assertEquals(FetchOutcome.ROBOTS_DENIED, denied.outcome());
        assertEquals(List.of(), site.requests("/members/article"));
    }

    @Test
    void defersAPageWhoseHostIsBusyPastTheDeadline() {
        site.robots("User-agent: *\nCrawl-delay: 20\n").page("/a", "text/html", HTML).page("/b", "text/html", HTML);
        var fetcher = polite();
        Instant deadline = time.instant().plusSeconds(10);
        assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url("/a"), Validators.NONE, deadline));
        assertInstanceOf(FetchResult.Deferred.class, fetcher.fetch(site.url("/b"), Validators.NONE, deadline));
        assertEquals(List.of(), site.requests("/b"));
    }
}
