package io.outsight.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny HTTP server that answers {@code GET /metrics} with the Prometheus text exposition, for processes that have
 * no HTTP API (the stage workers). The JDK's server is enough for one scraper every few seconds and adds no
 * dependency. Requests are served one at a time on the server's thread. Thread-safe.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port).
     *
     * @param scrape called at each request; gives the exposition text
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static MetricsServer start(String host, int port, Supplier<String> scrape) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(scrape, "scrape");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port
                    + " (is the port taken? set worker.metrics-port)", e);
        }
        server.createContext("/", exchange -> handle(exchange, scrape));
        server.start();
        return new MetricsServer(server);
    }

    private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics")) {
                reply(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at /metrics\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
            } else {
                String body;
                try {
                    body = scrape.get();
                } catch (RuntimeException e) {
                    log.warn("scraping the metrics failed: {}", e.toString());
                    reply(exchange, 500, "text/plain; charset=utf-8", "scrape failed: " + e + "\n");
                    return;
                }
                reply(exchange, 200, CONTENT_TYPE, exchange.getRequestMethod().equals("HEAD") ? null : body);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, @Nullable String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
