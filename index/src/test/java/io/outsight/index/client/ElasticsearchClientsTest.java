package io.outsight.index.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client sends the configured credentials; a CA file that holds no certificate is a configuration error. */
class ElasticsearchClientsTest {
    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = "{\"cluster_name\":\"x\",\"status\":\"green\",\"timed_out\":false,\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":0,\"active_shards\":0,\"relocating_shards\":0,\"initializing_shards\":0,\"unassigned_shards\":0,\"unassigned_primary_shards\":0,\"delayed_unassigned_shards\":0,\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":100.0}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsTheApiKey() throws Exception {
        var config = Config.defaults().with(ConfigKeys.ELASTICSEARCH_API_KEY, "a2V5OnNlY3JldA==", "test");
        try (var es = ElasticsearchClients.create(url(), config)) {
            es.cluster().health();
        }
        assertEquals("ApiKey a2V5OnNlY3JldA==", authorization.get());
    }

    @Test
    void sendsUserAndPassword() throws Exception {
        var config = Config.defaults().with(ConfigKeys.ELASTICSEARCH_USERNAME, "reader", "test")
                .with(ConfigKeys.ELASTICSEARCH_PASSWORD, "pässword", "test");
        try (var es = ElasticsearchClients.create(url(), config)) {
            es.cluster().health();
        }
        assertEquals("Basic " + Base64.getEncoder().encodeToString("reader:pässword".getBytes(StandardCharsets.UTF_8)),
                authorization.get());
    }

    @Test
    void aCaFileWithoutCertificatesNamesTheKey(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        var e = assertThrows(ConfigException.class, () -> ElasticsearchClients.trusting(ca));
        assertTrue(e.getMessage().contains(ConfigKeys.ELASTICSEARCH_CA_FILE.name()), e.getMessage());
    }
}
