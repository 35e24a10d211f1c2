package io.outsight.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.app.api.ApiMetrics;
import io.outsight.app.api.ApiServer;
import io.outsight.app.api.ArticleStore;
import io.outsight.app.api.JobRegistry;
import io.outsight.app.api.UrlSink;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.UrlRequest;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.FigurePoint;
import io.outsight.index.search.FigurePoints;
import io.outsight.index.search.SearchResults;
import io.outsight.index.search.StoredArticle;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.index.status.FetchStatusResults;
import io.outsight.ingest.intake.SitemapReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's routes and the market-figures route on the real API server, with a recording store behind it. */
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IMPORT = Pattern.compile("(?m)^import .* from '([^']+)';");

    private final RecordingStore store = new RecordingStore();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Follows redirects, as a browser does when a module import is redirected. */
    private final HttpClient browserLike = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() {
        server = new ApiServer(new ApiServer.Settings(10, 10_000, 10), store, new NoSink(),
                url -> new SitemapReader.Result(List.of(), List.of()), new JobRegistry(10, Clock.systemUTC()),
                new ApiMetrics());
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootServesThePageWithAPolicyThatForbidsForeignScripts() throws Exception {
        var page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/static/app.js\"></script>"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find(),
                "the page loads nothing from elsewhere");
    }

    @Test
    void echartsIsServedFromItsWebJarBehindAStablePath() throws Exception {
        var redirect = get(Dashboard.ECHARTS_ALIAS);
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        var echarts = WebJar.find(getClass().getClassLoader(), "org.webjars.npm", "echarts").orElseThrow();
        assertEquals("/webjars/echarts/" + echarts.version() + "/dist/echarts.esm.min.js", location);
        var module = get(location);
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                module.headers().toString());
        assertTrue(module.body().contains("export{"), "an ES module");
    }

    @Test
    void everyModuleThePageImportsIsServed() throws Exception {
        var pending = new LinkedHashSet<>(List.of("/static/app.js"));
        var seen = new LinkedHashSet<String>();
        while (!pending.isEmpty()) {
            String path = pending.removeFirst();
            if (!seen.add(path)) {
                continue;
            }
            var module = browserLike.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, module.statusCode(), path);
            if (path.startsWith("/static/")) {
                assertTrue(module.headers().firstValue("Content-Type").orElse("").contains("javascript"), path);
                var imports = IMPORT.matcher(module.body());
                while (imports.find()) {
                    String target = imports.group(1);
                    pending.add(target.startsWith("./") ? "/static/" + target.substring(2) : target);
                }
            }
        }
        assertTrue(seen.containsAll(List.of("/static/api.js", "/static/charts.js", "/static/text.js",
                Dashboard.ECHARTS_ALIAS)), seen.toString());
        assertEquals(200, get("/static/style.css").statusCode());
    }

    @Test
    void marketFiguresDefaultToMarketSizesAndCarryTheirSentenceAndArticle() throws Exception {
        var answer = get("/market-figures?type=BPO&figure-year-from=2024");
        assertEquals(200, answer.statusCode(), answer.body());
        ArticleQuery query = store.queries.getLast();
        assertEquals(List.of("market_size"), query.figureKinds());
        assertEquals(List.of("BPO"), query.outsourcingTypes());
        assertEquals(2024, query.figureYearFrom());
        assertTrue(query.facets().isEmpty());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("a1", body.at("/points/0/article_id").asText(), body.toString());
        assertEquals("The BPO market reached USD 2.5 billion in 2024.", body.at("/points/0/figure/text").asText());

        get("/market-figures?figure-kind=growth_rate");
        assertEquals(List.of("growth_rate"), store.queries.getLast().figureKinds(), "an explicit kind is kept");
    }

    @Test
    void marketFiguresRejectFacetsAndUnknownFilters() throws Exception {
        for (String path : List.of("/market-figures?facet=types", "/market-figures?colour=red")) {
            var answer = get(path);
            assertEquals(400, answer.statusCode(), path);
            assertTrue(JSON.readTree(answer.body()).path("error").asText().contains("unknown filter"), answer.body());
        }
    }

    /** Answers one market figure and records the queries it was asked. */
    private static final class RecordingStore implements ArticleStore {
        final List<ArticleQuery> queries = new CopyOnWriteArrayList<>();

        @Override
        public SearchResults search(ArticleQuery query) {
            queries.add(query);
            return new SearchResults(0, List.of());
        }

        @Override
        public FigurePoints marketFigures(ArticleQuery query) {
            queries.add(query);
            var figure = new MarketFigure("market_size", 2.5E9, "currency", "USD", 2024, null, null, null, "BPO",
                    null, null, "The BPO market reached USD 2.5 billion in 2024.", 0, 47);
            return new FigurePoints(1, List.of(new FigurePoint("a1", "BPO market", "https://news.example/a1", null,
                    figure)));
        }

        @Override
        public Optional<StoredArticle> article(String id) {
            return Optional.empty();
        }

        @Override
        public Set<String> indexedIds(Collection<String> ids) {
            return Set.of();
        }

        @Override
        public FetchStatusResults fetchStatuses(FetchStatusQuery query) {
            return new FetchStatusResults(0, List.of(), Map.of(), Map.of());
        }

        @Override
        public boolean reachable() {
            return true;
        }
    }

    private static final class NoSink implements UrlSink {
        @Override
        public void submit(List<UrlRequest> requests) {
            throw new UnsupportedOperationException("the dashboard submits nothing");
        }

        @Override
        public boolean reachable() {
            return true;
        }
    }
}
