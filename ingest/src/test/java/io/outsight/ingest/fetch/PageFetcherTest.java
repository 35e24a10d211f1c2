package io.outsight.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.outsight.core.record.FetchOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageFetcherTest {
    private static HttpServer server;
    private static String base;
    private final PageFetcher fetcher = new PageFetcher(new AddressGuard(true), "test-agent", Duration.ofSeconds(5), 1000);

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        respond("/page", 200, "text/html; charset=ISO-8859-1", "<html><title>café</title></html>");
        respond("/xhtml", 200, "application/xhtml+xml", "<html/>");
        respond("/missing", 404, "text/html", "nope");
        respond("/broken", 503, "text/html", "down");
        respond("/json", 200, "application/json", "{}");
        respond("/big", 200, "text/html", "x".repeat(1001));
        redirect("/moved", "/page");
        redirect("/loop-a", "/loop-b");
        redirect("/loop-b", "/loop-a");
        redirect("/to-ftp", "ftp://example.com/");
        for (int i = 0; i < 7; i++) {
            redirect("/chain" + i, "/chain" + (i + 1));
        }
        server.createContext("/agent", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestHeaders().getFirst("User-Agent").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void fetchesHtmlWithItsDeclaredCharset() {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(base + "/page"));
        assertEquals(200, page.status());
        assertEquals("ISO-8859-1", page.charset());
        assertEquals(base + "/page", page.finalUrl());
    }

    @Test
    void followsRedirectsToTheFinalUrl() {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(base + "/moved"));
        assertEquals(base + "/page", page.finalUrl());
    }

    @Test
    void sendsTheConfiguredUserAgent() {
        var page = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(base + "/agent"));
        assertEquals("test-agent", new String(page.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
        "/missing, HTTP_4XX, HTTP 404",
        "/broken, HTTP_5XX, HTTP 503",
        "/json, NOT_HTML, application/json",
        "/big, TOO_LARGE, larger than 1000 bytes",
        "/loop-a, FAILED, redirect loop",
        "/chain0, FAILED, more than 5 redirects",
        "/to-ftp, FAILED, non-http",
    })
    void reportsWhyThereIsNoPage(String path, FetchOutcome outcome, String reason) {
        var failed = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch(base + path));
        assertEquals(outcome, failed.outcome());
        assertTrue(failed.reason().contains(reason), failed.reason());
    }

    @Test
    void acceptsXhtml() {
        assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(base + "/xhtml"));
    }

    @Test
    void refusesPrivateAddressesUnlessAllowed() {
        var strict = new PageFetcher(new AddressGuard(false), "test-agent", Duration.ofSeconds(5), 1000);
        var failed = assertInstanceOf(FetchResult.Failed.class, strict.fetch(base + "/page"));
        assertEquals(FetchOutcome.BLOCKED_ADDRESS, failed.outcome());
    }

    @Test
    void reportsAConnectionRefused() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var failed = assertInstanceOf(FetchResult.Failed.class, fetcher.fetch("http://127.0.0.1:" + closedPort + "/"));
        assertEquals(FetchOutcome.FAILED, failed.outcome());
    }

    private static void respond(String path, int status, String type, String body) {
        server.createContext(path, exchange -> {
            try (exchange) {
                byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
    }

    private static void redirect(String path, String location) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(302, -1);
            }
        });
    }
}
