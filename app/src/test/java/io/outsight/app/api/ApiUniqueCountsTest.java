package io.outsight.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.Facet;
import io.outsight.index.search.FacetBucket;
import io.outsight.index.search.FigurePoints;
import io.outsight.index.search.SearchResults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code unique=true} over HTTP changes what {@code /search}, {@code /facets} and {@code /market-figures} count: the
 * API server on a free port, in front of a store that holds a corpus of syndicated copies in memory and counts as
 * {@code ArticleSearch} does (all documents, or one per cluster when the query asks for unique stories). What
 * Elasticsearch itself answers for {@code unique} is covered by the index module's SyndicatedCopiesIT.
 */
class ApiUniqueCountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An indexed document: its story's cluster, and its outsourcing types. */
    private record Doc(String id, String clusterId, List<String> types) {
        boolean canonical() {
            return id.equals(clusterId);
        }
    }

    /**
     * Three stories: one BPO story syndicated to three sites, one BPO story and one ITO story with a single copy
     * each, so BPO counts 4 documents but 2 stories.
     */
    private static final List<Doc> CORPUS = List.of(
            new Doc("a", "a", List.of("BPO")), new Doc("a-copy1", "a", List.of("BPO")),
            new Doc("a-copy2", "a", List.of("BPO")), new Doc("b", "b", List.of("BPO")),
            new Doc("c", "c", List.of("ITO")));

    /** Counts documents, or stories under {@code unique}, and records the queries it was asked. */
    private static final class CorpusStore implements ArticleStore {
        final List<ArticleQuery> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public SearchResults search(ArticleQuery query) {
            queries.add(query);
            List<Doc> matching = matching(query);
            var byType = new TreeMap<String, Long>();
            matching.forEach(doc -> doc.types().forEach(t -> byType.merge(t, 1L, Long::sum)));
            var buckets = new ArrayList<FacetBucket>();
            byType.forEach((type, count) -> buckets.add(FacetBucket.of(type, count)));
            var facets = query.facets().contains(Facet.TYPES) ? Map.of(Facet.TYPES, List.copyOf(buckets))
                    : Map.<Facet, List<FacetBucket>>of();
            var hits = matching.stream().limit(query.size())
                    .map(doc -> new SearchResults.Hit(doc.id(), 1, JSON.createObjectNode().put("id", doc.id())
                            .put("cluster_id", doc.clusterId()), Map.of()))
                    .toList();
            return new SearchResults(matching.size(), hits, facets);
        }

        @Override
        public FigurePoints marketFigures(ArticleQuery query) {
            queries.add(query);
            return new FigurePoints(matching(query).size(), List.of());
        }

        @Override
        public java.util.Optional<io.outsight.index.search.StoredArticle> article(String id) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Set<String> indexedIds(java.util.Collection<String> ids) {
            return java.util.Set.of();
        }

        @Override
        public io.outsight.index.status.FetchStatusResults fetchStatuses(
                io.outsight.index.status.FetchStatusQuery query) {
            return new io.outsight.index.status.FetchStatusResults(0, List.of(), Map.of(), Map.of());
        }

        @Override
        public boolean reachable() {
            return true;
        }

        private static List<Doc> matching(ArticleQuery query) {
            var stories = new LinkedHashSet<String>();
            return CORPUS.stream()
                    .filter(doc -> query.outsourcingTypes().isEmpty()
                            || doc.types().stream().anyMatch(query.outsourcingTypes()::contains))
                    .filter(doc -> !query.unique() || stories.add(doc.clusterId()))
                    .toList();
        }
    }

    private final CorpusStore store = new CorpusStore();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() {
        server = new ApiServer(new ApiServer.Settings(10, 10_000, 100), store, new Fakes.Sink(),
                url -> new io.outsight.ingest.intake.SitemapReader.Result(List.of(), List.of()),
                new JobRegistry(100, Clock.systemUTC()), new ApiMetrics());
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/search?type=BPO,                           4",
            "/search?type=BPO&unique=true,               2",
            "/search?type=BPO&unique=false,              4",
            "/search?unique=true,                        3",
            "/search?unique=1,                           3"})
    void searchTotalCountsCopiesOrStories(String path, long total) throws Exception {
        assertEquals(total, get(path).path("total").asLong());
    }

    @Test
    void searchHitsUnderUniqueHoldOneDocumentPerStory() throws Exception {
        var ids = new ArrayList<String>();
        get("/search?type=BPO&unique=true&size=10").path("hits")
                .forEach(hit -> ids.add(hit.path("document").path("cluster_id").asText()));
        assertEquals(List.of("a", "b"), ids);
    }

    @Test
    void facetBucketsCountStoriesUnderUnique() throws Exception {
        JsonNode all = get("/facets?facet=types").path("facets").path("types");
        JsonNode unique = get("/facets?facet=types&unique=true").path("facets").path("types");
        assertEquals(Map.of("BPO", 4L, "ITO", 1L), counts(all));
        assertEquals(Map.of("BPO", 2L, "ITO", 1L), counts(unique));
    }

    @Test
    void marketFiguresCountArticlesOrStories() throws Exception {
        assertEquals(4, get("/market-figures?type=BPO").path("articles").asLong());
        assertEquals(2, get("/market-figures?type=BPO&unique=true").path("articles").asLong());
    }

    @Test
    void everyEndpointPassesUniqueToTheStoreAndLeavesItOffByDefault() throws Exception {
        for (String path : List.of("/search", "/facets", "/market-figures")) {
            store.queries.clear();
            get(path + "?type=BPO");
            get(path + "?type=BPO&unique=true");
            assertEquals(List.of(false, true), store.queries.stream().map(ArticleQuery::unique).toList(), path);
        }
    }

    private static Map<String, Long> counts(JsonNode buckets) {
        var counts = new TreeMap<String, Long>();
        IntStream.range(0, buckets.size())
                .forEach(i -> counts.put(buckets.get(i).path("key").asText(), buckets.get(i).path("count").asLong()));
        return counts;
    }
}
