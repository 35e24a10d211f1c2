package io.outsight.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.Entity;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.index.search.Facet;
import io.outsight.index.search.StoredArticle;
import io.outsight.ingest.intake.DiscoveredUrl;
import io.outsight.ingest.intake.SitemapReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API's handlers on a real server at a free port, with plain fakes behind it. */
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_URLS = 3;
    private static final long MAX_BODY = 2_000;
    private static final int MAX_BODY_INT = (int) MAX_BODY;

    private final Fakes.Store store = new Fakes.Store();
    private final Fakes.Sink sink = new Fakes.Sink();
    private final JobRegistry jobs = new JobRegistry(100, Clock.systemUTC());
    private final ApiMetrics metrics = new ApiMetrics();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() {
        server = new ApiServer(new ApiServer.Settings(MAX_URLS, MAX_BODY, 100), store, sink, this::sitemap, jobs,
                metrics);
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A fake sitemap reader: "/big.xml" lists more URLs than allowed, others list two. */
    private SitemapReader.Result sitemap(String url) {
        int count = url.endsWith("/big.xml") ? MAX_URLS + 1 : 2;
        var urls = IntStream.range(0, count)
                .mapToObj(i -> new DiscoveredUrl("https://news.example/a" + i + ".html", null, null)).toList();
        return new SitemapReader.Result(urls, List.of());
    }

    record Answer(int status, JsonNode body, String text) {}

    private Answer get(String path) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer(response);
    }

    private Answer post(String path, String body) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return answer(response);
    }

    private static Answer answer(HttpResponse<String> response) throws IOException {
        boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Answer(response.statusCode(), json ? JSON.readTree(response.body()) : null, response.body());
    }

    @Test
    void aSubmittedListBecomesAJobWhoseUrlsAdvanceWithTheirFetchStatuses() throws Exception {
        var accepted = post("/jobs", "[\"https://News.Example/bpo.html#top\", \"https://news.example/gone.html\"]");
        assertEquals(202, accepted.status(), accepted.text());
        assertEquals(2, accepted.body().get("urls").asInt());
        assertEquals(2, sink.submitted.size());
        String id = accepted.body().get("id").asText();

        var pending = get("/jobs/" + id);
        assertEquals(200, pending.status(), pending.text());
        assertEquals("running", pending.body().get("state").asText());
        assertEquals(2, pending.body().at("/counts/pending").asInt(), pending.text());

        String bpoKey = pending.body().at("/urls/0/key").asText();
        String goneKey = pending.body().at("/urls/1/key").asText();
        assertEquals("https://news.example/bpo.html", bpoKey, "keys are normalised URLs");
        Instant now = Instant.now();
        jobs.observe(bpoKey, new FetchStatus(bpoKey, "article-1", FetchOutcome.OK, 200, "OK", now, "api"));
        jobs.observe(goneKey, new FetchStatus(goneKey, null, FetchOutcome.HTTP_4XX, 404, "HTTP 404 Not Found", now,
                "api"));

        var fetched = get("/jobs/" + id);
        assertEquals("running", fetched.body().get("state").asText(), "fetched but not yet indexed");
        assertEquals("fetched", fetched.body().at("/urls/0/state").asText());
        assertEquals("failed", fetched.body().at("/urls/1/state").asText());
        assertEquals("http_4xx", fetched.body().at("/urls/1/outcome").asText());
        assertEquals(404, fetched.body().at("/urls/1/http_status").asInt());

        store.indexed.add("article-1");
        var done = get("/jobs/" + id);
        assertEquals("done", done.body().get("state").asText(), done.text());
        assertEquals("indexed", done.body().at("/urls/0/state").asText());
        assertEquals("article-1", done.body().at("/urls/0/article_id").asText());
    }

    @Test
    void aStatusCheckedBeforeTheJobWasSubmittedDoesNotCount() throws Exception {
        var accepted = post("/jobs", "[\"https://news.example/old.html\"]");
        String id = accepted.body().get("id").asText();
        jobs.observe("https://news.example/old.html", new FetchStatus("https://news.example/old.html", null,
                FetchOutcome.HTTP_5XX, 500, "HTTP 500", Instant.now().minusSeconds(60), "run"));
        assertEquals("pending", get("/jobs/" + id).body().at("/urls/0/state").asText());
    }

    @Test
    void sitemapsAndFeedsAreReadIntoTheJob() throws Exception {
        var accepted = post("/jobs", "{\"sitemaps\": [\"https://news.example/sitemap.xml\"], "
                + "\"urls\": [\"https://news.example/z.html\"]}");
        assertEquals(202, accepted.status(), accepted.text());
        assertEquals(3, accepted.body().get("urls").asInt());
        assertEquals(3, sink.submitted.size());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"not a url\"]                                      | invalid URL",
        "[\"ftp://news.example/a\"]                           | invalid URL",
        "[\"https://a.example/1\",\"https://a.example/2\",\"https://a.example/3\",\"https://a.example/4\"] | too many URLs",
        "{\"sitemaps\": [\"https://news.example/big.xml\"]}   | too many URLs",
        "{\"links\": [\"https://news.example/a\"]}            | unknown field 'links'",
        "[]                                                   | no URLs",
        "[42]                                                 | strings only",
        "{not json                                            | not JSON",
        "\"https://news.example/a\"                           | JSON array"})
    void invalidSubmissionsGet400WithAClearMessage(String body, String message) throws Exception {
        var answer = post("/jobs", body);
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().contains(message), answer.text());
        assertTrue(sink.submitted.isEmpty(), "nothing may be submitted");
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        var urls = new ArrayList<String>();
        while (String.join(",", urls).length() <= MAX_BODY) {
            urls.add("\"https://news.example/" + "x".repeat(50) + urls.size() + "\"");
        }
        var answer = post("/jobs", "[" + String.join(",", urls) + "]");
        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().contains("api.max-body-size"), answer.text());
    }

    @Test
    void anOversizedChunkedBodyGets413Too() throws Exception {
        byte[] chunk = ("[\"https://news.example/" + "y".repeat(MAX_BODY_INT) + "\"]").getBytes();
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(sink.submitted.isEmpty());
    }

    @Test
    void searchTurnsItsParametersIntoFilters() throws Exception {
        var answer = get("/search?q=call+centres&type=BPO,KPO&country=PH&published-from=2026-01-01&size=5");
        assertEquals(200, answer.status(), answer.text());
        var query = store.queries.getLast();
        assertEquals("call centres", query.text());
        assertEquals(List.of("BPO", "KPO"), query.outsourcingTypes());
        assertEquals(List.of("PH"), query.countries());
        assertEquals("2026-01-01", String.valueOf(query.publishedFrom()));
        assertEquals(5, query.size());
        assertEquals(Set.of(), query.facets());
    }

    @Test
    void facetsDefaultToEveryFacetAndNoHits() throws Exception {
        assertEquals(200, get("/facets?type=BPO").status());
        assertEquals(EnumSet.allOf(Facet.class), store.queries.getLast().facets());
        assertEquals(0, store.queries.getLast().size());
        assertEquals(200, get("/facets?facet=countries").status());
        assertEquals(Set.of(Facet.COUNTRIES), store.queries.getLast().facets());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/search?kind=BPO                        | unknown filter",
        "/facets?facet=colours                   | unknown facet 'colours'",
        "/search?size=ten                        | 'size' must be an integer",
        "/search?published-from=yesterday        | 'published-from' must be a day",
        "/search?published-from=2026-02-01&published-to=2026-01-01 | publication range is empty",
        "/search?size=20000                      | from and size",
        "/fetch-status?state=failed              | unknown filter",
        "/fetch-status?failed=maybe              | 'failed' must be true or false",
        "/fetch-status?since=today               | 'since' must be an instant"})
    void invalidQueriesGet400WithAClearMessage(String path, String message) throws Exception {
        var answer = get(path);
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().contains(message), answer.text());
    }

    @Test
    void fetchStatusPassesItsFilters() throws Exception {
        var answer = get("/fetch-status?outcome=http_4xx&host=news.example&failed=true&size=7");
        assertEquals(200, answer.status(), answer.text());
        var query = store.statusQueries.getLast();
        assertEquals(List.of("http_4xx"), query.outcomes());
        assertEquals(List.of("news.example"), query.hosts());
        assertTrue(query.failedOnly());
        assertEquals(7, query.size());
    }

    @Test
    void anArticleComesWithItsEntityOffsets() throws Exception {
        String text = "Infosys opened a centre in Pune.";
        var raw = new RawArticle("a1", "https://news.example/a", "https://news.example/a", "https://news.example/a",
                Instant.parse("2026-01-01T00:00:00Z"), 200, "text/html", null, null, "Title", List.of(), null, null,
                null, null, "en", text, List.of(), "hash", "api");
        var article = new EnrichedArticle(raw, Instant.parse("2026-01-01T00:00:01Z"), "test", Tags.NONE,
                List.of(new Entity("organization", "Infosys", "Infosys", 0, 7, 0, 0.9, "gazetteer")), List.of(), 0.5);
        store.articles.put("a1", new StoredArticle("a1", 3, article, new RecordCodec().toTree(article)));

        var answer = get("/articles/a1");
        assertEquals(200, answer.status(), answer.text());
        assertEquals(3, answer.body().get("version").asInt());
        JsonNode entity = answer.body().at("/document/entities/0");
        String stored = answer.body().at("/document/article/text").isMissingNode()
                ? answer.body().at("/document/text").asText() : answer.body().at("/document/article/text").asText();
        assertEquals("Infosys", stored.substring(entity.get("start").asInt(), entity.get("end").asInt()));

        var missing = get("/articles/nope");
        assertEquals(404, missing.status());
        assertTrue(missing.body().get("error").asText().contains("nope"));
    }

    @Test
    void healthSaysWhichServerIsDown() throws Exception {
        var up = get("/health");
        assertEquals(200, up.status(), up.text());
        assertEquals("up", up.body().get("status").asText());
        sink.reachable = false;
        var down = get("/health");
        assertEquals(503, down.status());
        assertEquals("down", down.body().get("kafka").asText());
        assertEquals("up", down.body().get("elasticsearch").asText());
    }

    @Test
    void metricsCountSubmittedUrlsAndFetchOutcomes() throws Exception {
        post("/jobs", "[\"https://news.example/m.html\"]");
        post("/jobs", "[\"not a url\"]");
        metrics.fetchStatus(new FetchStatus("https://news.example/x", null, FetchOutcome.ROBOTS_DENIED, null,
                "robots.txt disallows /x", Instant.now(), "api"));
        var answer = get("/metrics");
        assertEquals(200, answer.status());
        assertTrue(answer.text().contains("outsight_api_urls_submitted_total 1.0"), answer.text());
        assertTrue(answer.text().contains("outsight_api_requests_rejected_total 1.0"), answer.text());
        assertTrue(answer.text().contains("outsight_fetches_total{failed=\"true\",outcome=\"robots_denied\"} 1.0"),
                answer.text());
    }

    @Test
    void theOpenApiDescriptionListsEveryRouteAndEverySearchParameter() throws Exception {
        var answer = get("/openapi.json");
        assertEquals(200, answer.status());
        JsonNode paths = answer.body().get("paths");
        var documented = new HashSet<String>();
        paths.fieldNames().forEachRemaining(documented::add);
        assertEquals(Set.of("/jobs", "/jobs/{id}", "/search", "/facets", "/market-figures", "/articles/{id}",
                "/fetch-status", "/health", "/metrics", "/openapi.json"), documented);
        for (String path : List.of("/search", "/facets")) {
            var names = new HashSet<String>();
            paths.get(path).get("get").get("parameters").forEach(p -> names.add(p.get("name").asText()));
            assertEquals(SearchParameters.NAMES, names, path);
        }
        for (String path : documented) {
            String concrete = path.replace("{id}", "x");
            var probe = paths.get(path).has("post") ? post(concrete, "[]") : get(concrete);
            assertTrue(probe.status() != 404 || !probe.text().contains("Endpoint"), path + " is not served: "
                    + probe.text());
        }
    }

    @Test
    void anUnknownRouteGetsAJson404() throws Exception {
        var answer = get("/nothing-here");
        assertEquals(404, answer.status());
        assertTrue(answer.body().get("error").asText().contains("/nothing-here"), answer.text());
    }
}
