package io.outsight.app.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Asks Elasticsearch, over plain HTTP, which of a test's articles an alias holds. Answers "unknown" rather than
 * failing while the node is down, so a test can poll through an outage. Thread-safe.
 */
final class IndexProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String alias;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    IndexProbe(String elasticsearchUrl, String alias) {
        this.url = elasticsearchUrl;
        this.alias = alias;
    }

    /** How many of the ids are searchable in the alias, or empty when Elasticsearch does not answer. */
    OptionalLong count(Set<String> ids) {
        return count(idsQuery(ids, null));
    }

    /** The ids the alias holds among {@code ids}, after a refresh, with how many documents matched them. */
    Stored stored(Set<String> ids) throws IOException, InterruptedException {
        post("/" + alias + "/_refresh", null);
        var response = post("/" + alias + "/_search", idsQuery(ids, ids.size()));
        if (response.statusCode() != 200) {
            throw new IOException("search in " + alias + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode root = JSON.readTree(response.body());
        var found = new HashSet<String>();
        int hits = 0;
        for (JsonNode hit : root.path("hits").path("hits")) {
            found.add(hit.path("_id").asText());
            hits++;
        }
        return new Stored(found, hits, root.path("hits").path("total").path("value").asLong());
    }

    /**
     * Polls until at least {@code least} of the ids are searchable; returns how many were then.
     *
     * @param why what the test waits for, for the failure message
     * @param state more of the test's state, for the failure message
     */
    long awaitIndexed(Set<String> ids, long least, Duration timeout, String why, Supplier<String> state)
            throws InterruptedException {
        var indexed = new AtomicLong();
        Poll.until(timeout, why, () -> "indexed " + indexed.get() + ", " + state.get(), () -> {
            indexed.set(count(ids).orElse(0));
            return indexed.get() >= least;
        });
        return indexed.get();
    }

    /** How many documents of the alias have a {@code url} starting with the prefix; empty when Elasticsearch is down. */
    OptionalLong countByUrlPrefix(String prefix) {
        return count(urlPrefixQuery(prefix, null));
    }

    private OptionalLong count(String query) {
        try {
            var response = post("/" + alias + "/_count", query);
            return response.statusCode() == 200
                    ? OptionalLong.of(JSON.readTree(response.body()).path("count").asLong())
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** The {@code url} of every document whose url starts with the prefix (at most 10,000), after a refresh. */
    List<String> urlsByPrefix(String prefix) throws IOException, InterruptedException {
        post("/" + alias + "/_refresh", null);
        var response = post("/" + alias + "/_search", urlPrefixQuery(prefix, 10_000));
        if (response.statusCode() != 200) {
            throw new IOException("search in " + alias + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        var urls = new ArrayList<String>();
        for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
            urls.add(hit.path("_source").path("url").asText());
        }
        return urls;
    }

    private static String urlPrefixQuery(String prefix, @Nullable Integer size) {
        ObjectNode body = JSON.createObjectNode();
        if (size != null) {
            body.put("size", size);
            body.putArray("_source").add("url");
        }
        body.putObject("query").putObject("prefix").put("url", prefix);
        return body.toString();
    }

    /** The documents found: their ids, how many hits came back, and the total Elasticsearch counted. */
    record Stored(Set<String> ids, int hits, long total) {}

    private static String idsQuery(Set<String> ids, @Nullable Integer size) {
        ObjectNode body = JSON.createObjectNode();
        if (size != null) {
            body.put("size", size);
            body.put("_source", false);
            body.put("track_total_hits", true);
        }
        ArrayNode values = body.putObject("query").putObject("ids").putArray("values");
        ids.forEach(values::add);
        return body.toString();
    }

    private HttpResponse<String> post(String path, @Nullable String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
