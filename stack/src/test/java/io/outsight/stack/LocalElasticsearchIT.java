package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.stack.junit.LocalStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalElasticsearchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSingleNodeClusterIsGreenOrYellow(StackAddresses stack) throws Exception {
        JsonNode health = send(stack, "GET", "/_cluster/health", null, 200);

        assertTrue(Set.of("green", "yellow").contains(health.path("status").asText()), health.toString());
        assertEquals(1, health.path("number_of_nodes").asInt());
        assertEquals("outsight-local", health.path("cluster_name").asText());
        assertEquals(Optional.of(health.path("status").asText()),
                LocalElasticsearch.health(stack.elasticsearchUrl(), Duration.ofSeconds(5)));
    }

    @Test
    void aDocumentIndexedOverHttpIsFoundBySearch(StackAddresses stack) throws Exception {
        String index = "it-round-trip-" + UUID.randomUUID();
        send(stack, "PUT", "/" + index, """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"properties": {"title": {"type": "text"}, "country": {"type": "keyword"}}}}""", 200);
        send(stack, "PUT", "/" + index + "/_doc/a1?refresh=true",
                "{\"title\": \"Offshore BPO market in the Philippines\", \"country\": \"PH\"}", 201);
        send(stack, "PUT", "/" + index + "/_doc/a2?refresh=true",
                "{\"title\": \"Nearshore software testing in Poland\", \"country\": \"PL\"}", 201);

        JsonNode result = send(stack, "POST", "/" + index + "/_search",
                "{\"query\": {\"match\": {\"title\": \"offshore\"}}}", 200);

        JsonNode hits = result.path("hits");
        assertEquals(1, hits.path("total").path("value").asInt(), result.toString());
        assertEquals("a1", hits.path("hits").get(0).path("_id").asText());
        assertEquals("PH", hits.path("hits").get(0).path("_source").path("country").asText());
        send(stack, "DELETE", "/" + index, null, 200);
    }

    private JsonNode send(StackAddresses stack, String method, String path, String body, int expectedStatus)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
