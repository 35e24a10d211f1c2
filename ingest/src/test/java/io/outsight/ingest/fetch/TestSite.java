package io.outsight.ingest.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * An in-process HTTP server on a free loopback port for fetching tests: one small handler per route, and a log of
 * the requests it received. Public so that tests of other packages can use it.
 */
public final class TestSite implements AutoCloseable {
    /** One request as received. */
    public record Request(String path, Map<String, List<String>> headers, Object mark) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private volatile Supplier<Object> marker = () -> "";

    public TestSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(query == null ? path : path + "?" + query,
                    Map.copyOf(exchange.getRequestHeaders()), marker.get()));
            HttpHandler handler = routes.get(path);
            if (handler == null) {
                try (exchange) {
                    exchange.sendResponseHeaders(404, -1);
                }
                return;
            }
            handler.handle(exchange);
        });
        server.start();
    }

    /** Each request's log entry gets a mark from this supplier (for example the fake clock's time). */
    public TestSite markRequestsWith(Supplier<Object> supplier) {
        this.marker = supplier;
        return this;
    }

    public TestSite route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    public TestSite page(String path, String contentType, String body) {
        return respond(path, 200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public TestSite page(String path, String contentType, String body, Charset charset) {
        return respond(path, 200, contentType, body.getBytes(charset));
    }

    public TestSite respond(String path, int status, String contentType, byte[] body, String... headers) {
        return route(path, exchange -> {
            try (exchange) {
                if (contentType != null) {
                    exchange.getResponseHeaders().set("Content-Type", contentType);
                }
                for (int i = 0; i + 1 < headers.length; i += 2) {
                    exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
                }
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
    }

    public TestSite redirect(String path, int status, String location) {
        return route(path, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(status, -1);
            }
        });
    }

    public TestSite robots(String text) {
        return page("/robots.txt", "text/plain", text);
    }

    /** http://127.0.0.1:port + path */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
