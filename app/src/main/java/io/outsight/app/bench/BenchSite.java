package io.outsight.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves generated pages on a free loopback port under {@code /<prefix>/<page path>}, a {@code robots.txt} that
 * allows everything, and 404 for anything else. The pages are rendered to bytes once, up front, so serving costs
 * next to nothing during a measurement; one virtual thread per exchange. Like the demo site
 * ({@link io.outsight.app.demo.DemoSite}), it needs the fetcher's private-address guard lifted.
 *
 * <p>The prefix makes the URLs, hence the article ids, of each run distinct, so a run never finds documents of an
 * earlier run already indexed. Thread-safe; close it to stop the server.
 */
public final class BenchSite implements AutoCloseable {
    private static final byte[] ROBOTS = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "not found".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String prefix;
    private final List<String> paths;
    private final Map<String, byte[]> bodies;
    private final AtomicLong pagesServed = new AtomicLong();

    private BenchSite(HttpServer server, ExecutorService executor, String prefix, List<String> paths,
            Map<String, byte[]> bodies) {
        this.server = server;
        this.executor = executor;
        this.prefix = prefix;
        this.paths = paths;
        this.bodies = bodies;
    }

    /**
     * @param prefix the first path segment of every page URL (letters, digits and hyphens)
     */
    public static BenchSite start(List<GeneratedPage> pages, String prefix) {
        Objects.requireNonNull(pages, "pages");
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("prefix must be letters, digits and hyphens: " + prefix);
        }
        var bodies = new HashMap<String, byte[]>(pages.size() * 2);
        for (var page : pages) {
            bodies.put("/" + prefix + "/" + page.path(), page.html().getBytes(StandardCharsets.UTF_8));
        }
        List<String> paths = pages.stream().map(p -> "/" + prefix + "/" + p.path()).toList();
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(executor);
            var site = new BenchSite(server, executor, prefix, paths, Map.copyOf(bodies));
            server.createContext("/", site::serve);
            server.start();
            return site;
        } catch (IOException e) {
            executor.close();
            throw new UncheckedIOException("cannot start the benchmark site on loopback", e);
        }
    }

    /** The URLs of the pages, in page order. */
    public List<String> urls() {
        String base = baseUrl();
        return paths.stream().map(p -> base + p).toList();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String prefix() {
        return prefix;
    }

    /** Article pages served so far (robots.txt and 404s not counted). */
    public long pagesServed() {
        return pagesServed.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = bodies.get(path);
            if (body != null) {
                pagesServed.incrementAndGet();
                respond(exchange, 200, "text/html; charset=utf-8", body);
            } else if (path.equals("/robots.txt")) {
                respond(exchange, 200, "text/plain; charset=utf-8", ROBOTS);
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", NOT_FOUND);
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
