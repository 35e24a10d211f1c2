package io.outsight.app.fault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outsight.app.bench.ArticleGenerator;
import io.outsight.app.bench.GeneratedPage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves generated article pages on a free loopback port: page {@code i} at {@code /p/<i>/<generated path>}, made on
 * request from the benchmark's generator; anything else (robots.txt included) is a 404. Thread-safe.
 */
final class PageSite implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ArticleGenerator generator = new ArticleGenerator(ArticleGenerator.DEFAULT_SEED);

    PageSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/}: every page URL starts with it. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The URLs of pages 0 to {@code count - 1}. */
    List<String> urls(int count) {
        var urls = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            urls.add(baseUrl() + "p/" + i + "/" + generator.page(i).path());
        }
        return urls;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/", 4);
            GeneratedPage page = null;
            if (parts.length == 4 && parts[1].equals("p") && parts[2].matches("[0-9]{1,6}")) {
                GeneratedPage candidate = generator.page(Integer.parseInt(parts[2]));
                page = candidate.path().equals(parts[3]) ? candidate : null;
            }
            byte[] body = (page == null ? "not found" : page.html()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    page == null ? "text/plain; charset=utf-8" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
