package io.outsight.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.net.InetAddressUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageFetcherTest {
    private static final String PAGE = "<html><head><title>café</title></head><body><p>Hello</p></body></html>";
    private static TestSite site;
    private static PageFetcher fetcher;
    private static final CountDownLatch release = new CountDownLatch(1);

    /** Names the fake DNS knows; a name it does not know is an unknown host, so no test leaves this machine. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "news.test", List.of("127.0.0.1"),
            "intranet.test", List.of("10.1.2.3"),
            "metadata.test", List.of("169.254.169.254"),
            "mixed.test", List.of("127.0.0.1", "192.168.0.7"));

    @BeforeAll
    static void start() {
        site = new TestSite()
                .page("/page", "text/html; charset=ISO-8859-1", PAGE, StandardCharsets.ISO_8859_1)
                .page("/xhtml", "application/xhtml+xml", "<html/>")
                .respond("/missing", 404, "text/html", "nope".getBytes(StandardCharsets.UTF_8))
                .respond("/broken", 500, "text/html", "down".getBytes(StandardCharsets.UTF_8))
                .respond("/busy", 429, "text/html", new byte[0], "Retry-After", "7")
                .respond("/unavailable", 503, "text/html", new byte[0], "Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")
                .page("/json", "application/json", "{}")
                .page("/big", "text/html", "x".repeat(1001))
                .respond("/untyped-html", 200, null, "<!DOCTYPE html><p>hi</p>".getBytes(StandardCharsets.UTF_8))
                .respond("/untyped-binary", 200, null, new byte[] {0x25, 0x50, 0x44, 0x46, 0x2d})
                .redirect("/moved", 301, "/page#top")
                .redirect("/relative", 302, "page")
                .redirect("/loop-a", 302, "/loop-b")
                .redirect("/loop-b", 307, "/loop-a")
                .redirect("/to-ftp", 302, "ftp://example.com/")
                .redirect("/to-intranet", 302, "http://intranet.test/admin")
                .redirect("/to-metadata-ip", 302, "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-loopback-ip", 302, "http://127.0.0.2/")
                .route("/agent", exchange -> {
                    try (exchange) {
                        byte[] body = exchange.getRequestHeaders().getFirst("User-Agent").getBytes(StandardCharsets.UTF_8);
                        TestSite.send(exchange, 200, "text/html", body);
                    }
                })
                .route("/conditional", exchange -> {
                    try (exchange) {
                        String etag = exchange.getRequestHeaders().getFirst("If-None-Match");
                        if ("\"v1\"".equals(etag)) {
                            exchange.sendResponseHeaders(304, -1);
                            return;
                        }
                        exchange.getResponseHeaders().set("ETag", "\"v1\"");
                        exchange.getResponseHeaders().set("Last-Modified", "Mon, 05 Jan 2026 08:00:00 GMT");
                        TestSite.send(exchange, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8));
                    }
                })
                .route("/gzip", exchange -> encoded(exchange, "gzip", PAGE))
                .route("/deflate", exchange -> encoded(exchange, "deflate", PAGE))
                .route("/gzip-bomb", exchange -> encoded(exchange, "gzip", "a".repeat(100_000)))
                .route("/chunked-big", exchange -> {
                    try (exchange) {
                        exchange.getResponseHeaders().set("Content-Type", "text/html");
                        exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse it early
                        for (int i = 0; i < 10; i++) {
                            exchange.getResponseBody().write("y".repeat(500).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                })
                .route("/truncated-body", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, 900);
                    exchange.getResponseBody().write("<html><body><p>cut".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    exchange.getHttpContext().getServer(); // keep the exchange open, then drop the connection
                    exchange.close();
                })
                .route("/slow-headers", exchange -> {
                    try (exchange) {
                        release.await(5, TimeUnit.SECONDS); // the client's read timeout fires first
                        TestSite.send(exchange, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .route("/trickle", exchange -> {
                    try (exchange) {
                        exchange.getResponseHeaders().set("Content-Type", "text/html");
                        exchange.sendResponseHeaders(200, 0);
                        // A byte at a time, each well within the read timeout: only the total timeout stops it.
                        for (int i = 0; i < 40 && release.getCount() > 0; i++) {
                            exchange.getResponseBody().write('x');
                            exchange.getResponseBody().flush();
                            release.await(100, TimeUnit.MILLISECONDS);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client hung up
                    }
                });
        fetcher = new PageFetcher(settings(true, 1000));
    }

    @AfterAll
    static void stop() throws IOException {
        release.countDown();
        fetcher.close();
        site.close();
    }

    private static FetchSettings settings(boolean allowPrivate, long maxBody) {
        return new FetchSettings("OutsightTest/1.0 (+https://example.org)", Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(5), maxBody, 5, allowPrivate);
    }

    private static void encoded(com.sun.net.httpserver.HttpExchange exchange, String encoding, String text)
            throws IOException {
        try (exchange) {
            var bytes = new ByteArrayOutputStream();
            try (var out = encoding.equals("gzip") ? new GZIPOutputStream(bytes) : new DeflaterOutputStream(bytes)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().set("Content-Encoding", encoding);
            TestSite.send(exchange, 200, "text/html; charset=utf-8", bytes.toByteArray());
        }
    }

    @Test
    void fetchesHtmlWithItsDeclaredCharset() {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url("/page")));
        assertEquals(200, page.status());
        assertEquals("ISO-8859-1", page.charset());
        assertEquals(site.url("/page"), page.finalUrl());
    }

    @ParameterizedTest
    @CsvSource({"/moved, /page", "/relative, /page"})
    void followsRedirectsToTheFinalUrlWithoutItsFragment(String from, String to) {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url(from)));
        assertEquals(site.url(to), page.finalUrl());
    }

    @Test
    void sendsTheConfiguredUserAgent() {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url("/agent")));
        assertEquals("OutsightTest/1.0 (+https://example.org)", new String(page.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
        "/missing, HTTP_4XX, HTTP 404",
        "/broken, HTTP_5XX, HTTP 500",
        "/json, NOT_HTML, application/json",
        "/untyped-binary, NOT_HTML, does not look like HTML",
        "/big, TOO_LARGE, larger than 1000 bytes",
        "/chunked-big, TOO_LARGE, larger than 1000 bytes",
        "/gzip-bomb, TOO_LARGE, larger than 1000 bytes",
        "/loop-a, FAILED, redirect loop",
        "/to-ftp, FAILED, only http and https",
    })
    void reportsWhyThereIsNoPage(String path, FetchOutcome outcome, String reason) {
        var failed = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch(site.url(path)));
        assertEquals(outcome, failed.outcome());
        assertTrue(failed.reason().contains(reason), failed.reason());
        assertFalse(failed.transientFailure(), "not worth retrying: " + failed);
    }

    @Test
    void stopsAfterTheRedirectLimit() {
        try (var chain = new TestSite()) {
            for (int i = 0; i < 7; i++) {
                chain.redirect("/chain" + i, 302, "/chain" + (i + 1));
            }
            var failed = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch(chain.url("/chain0")));
            assertTrue(failed.reason().contains("more than 5 redirects"), failed.reason());
            assertEquals(6, chain.requests().size(), "the first request and 5 redirects");
        }
    }

    @Test
    void marks429And503AsTransientWithTheirRetryAfter() {
        var busy = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch(site.url("/busy")));
        assertEquals(FetchOutcome.HTTP_4XX, busy.outcome());
        assertTrue(busy.transientFailure());
        assertEquals("7", busy.retryAfter());
        var unavailable = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch(site.url("/unavailable")));
        assertEquals(FetchOutcome.HTTP_5XX, unavailable.outcome());
        assertTrue(unavailable.transientFailure());
        assertEquals("Wed, 21 Oct 2026 07:28:00 GMT", unavailable.retryAfter());
    }

    @Test
    void acceptsXhtmlAndUntypedBodiesThatLookLikeHtml() {
        assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url("/xhtml")));
        var untyped = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url("/untyped-html")));
        assertEquals("", untyped.contentType());
    }

    @ParameterizedTest
    @CsvSource({"/gzip", "/deflate"})
    void asksForAndDecodesCompressedBodies(String path) {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url(path)));
        assertEquals(PAGE, new String(page.body(), StandardCharsets.UTF_8));
        String accepted = site.requests(path).getLast().header("Accept-Encoding");
        assertTrue(accepted != null && accepted.contains("gzip") && accepted.contains("deflate"), accepted);
    }

    @Test
    void sendsValidatorsAndReportsNotModified() {
        var first = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(site.url("/conditional")));
        assertEquals(new Validators("\"v1\"", "Mon, 05 Jan 2026 08:00:00 GMT"), first.validators());
        var again = fetcher.fetch(FetchRequest.page(site.url("/conditional"), 1000).withValidators(first.validators()));
        assertInstanceOf(FetchResult.NotModified.class, again);
        var sent = site.requests("/conditional").getLast();
        assertEquals("\"v1\"", sent.header("If-None-Match"));
        assertEquals("Mon, 05 Jan 2026 08:00:00 GMT", sent.header("If-Modified-Since"));
        assertNull(site.requests("/conditional").getFirst().header("If-None-Match"));
    }

    @Test
    void aBodyCutShortIsATransientConnectionFailure() {
        var failed = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch(site.url("/truncated-body")));
        assertEquals(FetchOutcome.FAILED, failed.outcome());
        assertTrue(failed.transientFailure(), failed.toString());
    }

    @Test
    void givesUpWhenTheServerIsSilentForTheReadTimeout() {
        try (var quick = new PageFetcher(settings(true, 1000).withTimeouts(Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(5)))) {
            var failed = assertInstanceOf(FetchResult.Failed.class, quick.fetch(site.url("/slow-headers")));
            assertEquals(FetchOutcome.TIMEOUT, failed.outcome());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void givesUpOnATrickleAtTheTotalTimeout() throws IOException {
        try (var quick = new PageFetcher(settings(true, 1000).withTimeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(600)))) {
            long start = System.nanoTime();
            var failed = assertInstanceOf(FetchResult.Failed.class, quick.fetch(site.url("/trickle")));
            assertEquals(FetchOutcome.TIMEOUT, failed.outcome());
            assertTrue(failed.reason().contains("600 ms"), failed.reason());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "stopped near the total timeout");
        }
    }

    @Test
    void reportsAConnectionRefusedAsTransient() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var failed = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch("http://127.0.0.1:" + closedPort + "/"));
        assertEquals(FetchOutcome.FAILED, failed.outcome());
        assertTrue(failed.transientFailure());
    }

    @Test
    void asksTheRedirectCheckBeforeFollowing() {
        var refusal = new FetchResult.Failed(FetchOutcome.ROBOTS_DENIED, null, "not there");
        var result = fetcher.fetch(FetchRequest.page(site.url("/moved"), 1000)
                .withRedirectCheck(target -> target.getPath().equals("/page") ? Optional.of(refusal) : Optional.empty()));
        assertEquals(refusal, result);
        assertTrue(site.requests("/page").stream().noneMatch(r -> r.mark().equals("checked")));
    }

    // --- the address guard, with a fake DNS so that no name ever leaves this machine ---

    private static PageFetcher guarded() {
        // Everything private is blocked except the loopback address the test server listens on.
        var guard = new AddressGuard(false, address -> address.getHostAddress().equals("127.0.0.1"));
        return new PageFetcher(settings(false, 1000), guard, new FakeDns());
    }

    @Test
    void fetchesANameThatResolvesToAnAllowedAddress() throws IOException {
        try (var f = guarded()) {
            var page = assertInstanceOf(FetchResult.Fetched.class,
                    f.fetch("http://news.test:" + site.port() + "/page"));
            assertEquals(200, page.status());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "http://intranet.test/, 10.1.2.3",
        "http://metadata.test/latest/meta-data/, 169.254.169.254",
        "http://mixed.test/, 192.168.0.7",
        "http://127.0.0.2/, 127.0.0.2",
        "http://[::1]/, 0:0:0:0:0:0:0:1",
        "http://[::ffff:10.0.0.1]/, 10.0.0.1",
    })
    void refusesNamesAndAddressesThatAreOrResolveToPrivateOnes(String url, String address) throws IOException {
        try (var f = guarded()) {
            var failed = assertInstanceOf(FetchResult.Failed.class, f.fetch(url));
            assertEquals(FetchOutcome.BLOCKED_ADDRESS, failed.outcome(), failed.reason());
            assertTrue(failed.reason().contains(address), failed.reason());
        }
    }

    @ParameterizedTest
    @CsvSource({"/to-intranet, 10.1.2.3", "/to-metadata-ip, 169.254.169.254", "/to-loopback-ip, 127.0.0.2"})
    void refusesARedirectToAPrivateAddress(String path, String address) throws IOException {
        try (var f = guarded()) {
            var failed = assertInstanceOf(FetchResult.Failed.class, f.fetch("http://news.test:" + site.port() + path));
            assertEquals(FetchOutcome.BLOCKED_ADDRESS, failed.outcome(), failed.reason());
            assertTrue(failed.reason().contains(address), failed.reason());
        }
    }

    @Test
    void refusesLoopbackWhenPrivateAddressesAreNotAllowed() throws IOException {
        try (var strict = new PageFetcher(settings(false, 1000))) {
            var failed = assertInstanceOf(FetchResult.Failed.class, strict.fetch(site.url("/page")));
            assertEquals(FetchOutcome.BLOCKED_ADDRESS, failed.outcome());
            assertTrue(failed.reason().contains("ingest.fetch.allow-private-addresses"), failed.reason());
        }
    }

    @Test
    void reportsAnUnknownHost() throws IOException {
        try (var f = guarded()) {
            var failed = assertInstanceOf(FetchResult.Failed.class, f.fetch("http://nowhere.test/"));
            assertEquals(FetchOutcome.FAILED, failed.outcome());
            assertTrue(failed.reason().contains("unknown host"), failed.reason());
        }
    }

    /** Resolves the names of {@link #NAMES} and IP literals only. */
    private static final class FakeDns implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (InetAddressUtils.isIPv4Address(host) || InetAddressUtils.isIPv6Address(host)) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            var addresses = NAMES.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            var out = new InetAddress[addresses.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
            }
            return out;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
