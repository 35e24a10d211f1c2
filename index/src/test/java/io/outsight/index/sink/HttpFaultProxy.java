package io.outsight.index.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of a real Elasticsearch that answers some {@code _bulk} requests itself with an error
 * status (and Elasticsearch's error body and product header, as an overloaded or unwell cluster would), without
 * forwarding them; every other request goes to Elasticsearch and its answer back unchanged. It records each
 * {@code _bulk} request: when it came, the document ids it held and the status it got. Thread-safe.
 */
final class HttpFaultProxy implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");
    /** Headers the JDK client sets itself, or that describe one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /**
     * One {@code _bulk} request: when it arrived ({@link System#nanoTime}), its document ids, the status it was
     * answered with, and whether the proxy answered it itself.
     */
    record BulkCall(long receivedNanos, List<String> ids, int status, boolean faked) {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String target;
    private final IntUnaryOperator faultFor;
    private final AtomicInteger bulkCalls = new AtomicInteger();
    private final List<BulkCall> calls = new CopyOnWriteArrayList<>();

    /**
     * @param target Elasticsearch's base URL
     * @param faultFor the status to answer the n-th {@code _bulk} request (1-based) with, or 0 to forward it
     */
    HttpFaultProxy(String target, IntUnaryOperator faultFor) throws IOException {
        this.target = Objects.requireNonNull(target, "target").replaceAll("/+$", "");
        this.faultFor = Objects.requireNonNull(faultFor, "faultFor");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every {@code _bulk} request so far, in the order they arrived. */
    List<BulkCall> bulkCalls() {
        var sorted = new ArrayList<>(calls);
        sorted.sort((a, b) -> Long.compare(a.receivedNanos(), b.receivedNanos()));
        return sorted;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long received = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean bulk = exchange.getRequestURI().getPath().endsWith("/_bulk");
            int fault = bulk ? faultFor.applyAsInt(bulkCalls.incrementAndGet()) : 0;
            if (fault != 0) {
                calls.add(new BulkCall(received, ids(body), fault, true));
                answerWith(exchange, fault);
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (bulk) {
                calls.add(new BulkCall(received, ids(body), response.statusCode(), false));
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            boolean noBody = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
            if (!noBody) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Answers as Elasticsearch does when it rejects a request for load (429) or cannot serve it (5xx). */
    private static void answerWith(HttpExchange exchange, int status) throws IOException {
        String type = status == 429 ? "es_rejected_execution_exception" : "unavailable_shards_exception";
        String reason = status == 429 ? "rejected execution of bulk (queue capacity reached, by the fault proxy)"
                : "primary shard is not active (by the fault proxy)";
        byte[] bytes = ("{\"error\":{\"root_cause\":[{\"type\":\"" + type + "\",\"reason\":\"" + reason
                + "\"}],\"type\":\"" + type + "\",\"reason\":\"" + reason + "\"},\"status\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The document ids of a bulk body: the {@code _id} of every action line (the even lines). */
    private static List<String> ids(byte[] body) {
        var ids = new ArrayList<String>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            var id = ID.matcher(lines[i]);
            if (id.find()) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        upstream.close();
    }
}
