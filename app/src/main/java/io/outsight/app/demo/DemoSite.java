package io.outsight.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves the bundled demo articles on a free loopback port under {@code /articles/<name>.html}, with a 404 for
 * anything else. Start with {@link #start()}, stop with {@link #close()}.
 */
public final class DemoSite implements AutoCloseable {
    /** The bundled pages, by file name without {@code .html}. */
    public static final List<String> PAGES = List.of("india-bpo-market", "philippines-contact-centres",
            "kpo-analytics-rise", "poland-nearshore-hub", "ai-and-outsourcing");

    private final HttpServer server;

    private DemoSite(HttpServer server) {
        this.server = server;
    }

    public static DemoSite start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", DemoSite::serve);
            server.start();
            return new DemoSite(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site on loopback", e);
        }
    }

    /** The URLs of every demo page. */
    public List<String> urls() {
        return PAGES.stream().map(name -> baseUrl() + "/articles/" + name + ".html").toList();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.startsWith("/articles/") && path.endsWith(".html")
                    ? path.substring("/articles/".length(), path.length() - ".html".length())
                    : "";
            if (!PAGES.contains(name)) {
                byte[] body = "not found".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] body;
            try (InputStream in = DemoSite.class.getResourceAsStream(name + ".html")) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
