package io.outsight.index.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An HTTP server on the loopback interface that answers {@code _bulk} requests the way Elasticsearch does, with a
 * status for the whole request chosen by the test from the request's documents: 200 with every item created, or an
 * error status with Elasticsearch's error body. For hermetic unit tests of how the sink treats whole-request
 * failures; the real Elasticsearch is used by the integration tests. Thread-safe.
 */
final class FakeBulkServer implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"_id\":\"([^\"]+)\"");

    /** One document of a bulk request: its id and its source line. */
    record Document(String id, String source) {}

    private final HttpServer server;
    private final Function<List<Document>, Integer> statusFor;
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();

    /** @param statusFor the HTTP status of the answer to a request holding these documents */
    FakeBulkServer(Function<List<Document>, Integer> statusFor) throws IOException {
        this.statusFor = Objects.requireNonNull(statusFor, "statusFor");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The ids of the documents of every {@code _bulk} request received, in the order received. */
    List<List<String>> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!exchange.getRequestURI().getPath().endsWith("/_bulk")) {
                send(exchange, 404, error(404, "not_found", "only _bulk here"));
                return;
            }
            var documents = new ArrayList<Document>();
            String[] lines = body.split("\n");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                var id = ID.matcher(lines[i]);
                documents.add(new Document(id.find() ? id.group(1) : "?", lines[i + 1]));
            }
            requests.add(documents.stream().map(Document::id).toList());
            int status = statusFor.apply(documents);
            if (status == 200) {
                var items = new StringBuilder();
                for (var document : documents) {
                    items.append(items.isEmpty() ? "" : ",").append("{\"index\":{\"_index\":\"articles-v1\",\"_id\":\"")
                            .append(document.id()).append("\",\"_version\":1,\"result\":\"created\",\"status\":201}}");
                }
                send(exchange, 200, "{\"took\":1,\"errors\":false,\"items\":[" + items + "]}");
            } else if (status == 413) {
                send(exchange, 413, ""); // as Elasticsearch answers above http.max_content_length
            } else {
                send(exchange, status, error(status, status == 429 ? "es_rejected_execution_exception"
                        : status >= 500 ? "unavailable_shards_exception" : "parse_exception", "refused by the test"));
            }
        }
    }

    private static String error(int status, String type, String reason) {
        return "{\"error\":{\"root_cause\":[{\"type\":\"" + type + "\",\"reason\":\"" + reason + "\"}],\"type\":\""
                + type + "\",\"reason\":\"" + reason + "\"},\"status\":" + status + "}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        if (bytes.length > 0) {
            // Elasticsearch's HTTP layer answers a request above its size limit with no body and no content type.
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
