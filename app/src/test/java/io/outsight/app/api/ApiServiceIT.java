package io.outsight.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API on the real local Kafka and Elasticsearch, with the stages in process: submit, follow, search. */
@ExtendWith(LocalStackExtension.class)
class ApiServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSubmittedUrlIsFollowedUntilIndexedAndThenSearchable(StackAddresses stack) throws Exception {
        // A word no other test indexes, so the search finds this page only.
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = ("<html><head><title>Manila BPO hub " + marker + "</title></head><body><article><h1>Manila BPO "
                + "hub " + marker + "</h1><p>Philippine BPO providers added 20,000 seats in Manila this year, and "
                + "the " + marker + " programme trained new agents for customer care.</p><p>Clients in the United "
                + "States moved more back-office work offshore to the Philippines.</p></article></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        site.createContext("/api-page.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        var config = Config.defaults()
                .with(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers(), "test")
                .with(ConfigKeys.ELASTICSEARCH_URL, stack.elasticsearchUrl(), "test")
                .with(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES, true, "test")
                .with(ConfigKeys.API_PORT, 0, "test");
        var endpoints = new Endpoints(stack.kafkaBootstrapServers(), stack.elasticsearchUrl());
        try (var pipeline = Pipeline.start(config, endpoints, EnumSet.allOf(Stage.class));
                var api = ApiService.start(config, endpoints, "127.0.0.1", pipeline.loops())) {
            assertTrue(pipeline.awaitReady(Duration.ofSeconds(60)), "stages joined their groups");
            String base = "http://127.0.0.1:" + api.port();
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/api-page.html";

            var health = get(base + "/health");
            assertEquals(200, health.statusCode(), health.body());

            var accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString("[\"" + url + "\"]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());
            String job = JSON.readTree(accepted.body()).get("id").asText();

            JsonNode status = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                status = JSON.readTree(get(base + "/jobs/" + job).body());
                if (status.get("state").asText().equals("done")) {
                    break;
                }
                Thread.onSpinWait();
                http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()); // paces the poll on a round trip, not a sleep
            }
            assertEquals("done", status.get("state").asText(), String.valueOf(status));
            assertEquals("indexed", status.at("/urls/0/state").asText(), status.toString());
            String articleId = status.at("/urls/0/article_id").asText();

            // Indexed is real-time by id; a search sees it after the refresh interval: poll for it.
            JsonNode hits = null;
            while (System.nanoTime() < deadline) {
                hits = JSON.readTree(get(base + "/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)
                        + "&type=BPO").body()).get("hits");
                if (!hits.isEmpty()) {
                    break;
                }
                http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            assertEquals(1, hits.size(), String.valueOf(hits));
            assertEquals(articleId, hits.get(0).get("id").asText());

            var article = JSON.readTree(get(base + "/articles/" + articleId).body());
            assertEquals(articleId, article.get("id").asText(), article.toString());
            assertTrue(article.at("/document/entities").isArray(), article.toString());

            String metrics = get(base + "/metrics").body();
            assertTrue(metrics.contains("outsight_fetches_total{failed=\"false\",outcome=\"ok\"}"), metrics);
            // The page was indexed, so the index stage's successes are not 0 (records from other tests may add).
            assertTrue(metrics.contains("outsight_stage_records_succeeded_total{stage=\"index\"}")
                    && !metrics.contains("outsight_stage_records_succeeded_total{stage=\"index\"} 0.0"), metrics);
            assertTrue(metrics.contains("outsight_consumer_lag{group=\"outsight-index\",stage=\"index\"}"), metrics);
            assertTrue(!metrics.contains("outsight_consumer_lag{group=\"outsight-index\",stage=\"index\"} NaN"),
                    "lag is known: " + metrics);
        } finally {
            site.stop(0);
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
