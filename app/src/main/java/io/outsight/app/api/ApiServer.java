package io.outsight.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.outsight.app.web.Dashboard;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.UrlRequest;
import io.outsight.index.search.Facet;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.ingest.intake.SitemapReader;
import io.outsight.ingest.intake.UrlIntake;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on an embedded Javalin (Jetty) server. Routes: {@code POST /jobs}, {@code GET /jobs/{id}},
 * {@code GET /search}, {@code GET /facets}, {@code GET /market-figures}, {@code GET /articles/{id}}, {@code GET
 * /fetch-status}, {@code GET /health}, {@code GET /metrics}, {@code GET /openapi.json}; and the web {@link Dashboard}
 * at {@code GET /}. Errors are JSON {@code {"error": "..."}} with a 4xx for bad input and 503 when Kafka or
 * Elasticsearch fails. Thread-safe once started; {@link #close()} stops it.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Set<String> FETCH_STATUS_PARAMS = Set.of("outcome", "host", "failed", "since", "size");
    /** Articles read by {@code GET /market-figures} unless {@code size} says otherwise: enough for a chart. */
    static final int FIGURE_ARTICLES = 200;

    /**
     * @param maxUrls most URLs one job may hold
     * @param maxBodySize largest request body in bytes
     * @param maxJobs how many jobs are remembered
     */
    public record Settings(int maxUrls, long maxBodySize, int maxJobs) {
        public Settings {
            if (maxUrls < 1 || maxBodySize < 1 || maxJobs < 1) {
                throw new IllegalArgumentException("limits must be positive: " + maxUrls + ", " + maxBodySize + ", "
                        + maxJobs);
            }
        }
    }

    private final Settings settings;
    private final ArticleStore store;
    private final UrlSink sink;
    private final Function<String, SitemapReader.Result> sitemaps;
    private final JobRegistry jobs;
    private final ApiMetrics metrics;
    private final RecordCodec codec = new RecordCodec();
    private final ObjectMapper mapper = codec.mapper();
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final Javalin app;

    /**
     * @param sitemaps reads a sitemap or feed URL (usually {@link SitemapReader#read(String)}); must be thread-safe
     * @param jobs fed with fetch statuses by a {@link StatusFollower}
     */
    public ApiServer(Settings settings, ArticleStore store, UrlSink sink,
            Function<String, SitemapReader.Result> sitemaps, JobRegistry jobs, ApiMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.sitemaps = Objects.requireNonNull(sitemaps, "sitemaps");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        var dashboard = Dashboard.load();
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodySize();
            dashboard.configure(config);
        });
        dashboard.routes(app);
        app.post("/jobs", this::submit);
        app.get("/jobs/{id}", this::job);
        app.get("/search", ctx -> search(ctx, Set.of(), 10));
        app.get("/facets", ctx -> search(ctx, EnumSet.allOf(Facet.class), 0));
        app.get("/market-figures", this::marketFigures);
        app.get("/articles/{id}", this::article);
        app.get("/fetch-status", this::fetchStatus);
        app.get("/health", this::health);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> {
            metrics.rejected();
            error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
        });
        app.exception(IOException.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.toString());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch failed: " + e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                metrics.rejected();
                error(ctx, HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than "
                        + settings.maxBodySize() + " bytes (api.max-body-size)");
            } else {
                error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage());
            }
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, HttpStatus.NOT_FOUND, "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    /** Starts listening; port 0 takes a free port. Returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    private void submit(Context ctx) throws Exception {
        if (ctx.contentLength() > settings.maxBodySize()) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "too large");
        }
        // Read at most one byte past the limit ourselves: a chunked body has no Content-Length to check up front.
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBodySize() + 1));
        }
        if (bytes.length > settings.maxBodySize()) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "too large");
        }
        JsonNode body;
        try {
            body = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || body.isMissingNode()) {
            throw new IllegalArgumentException("the body is empty: send a JSON array of URLs");
        }
        var sources = SubmitRequest.parse(body, settings.maxUrls(), normalizer);
        var intake = new UrlIntake(normalizer, sitemaps, Clock.systemUTC()).collect(sources);
        if (intake.requests().size() > settings.maxUrls()) {
            throw new IllegalArgumentException("too many URLs: the sitemaps and feeds hold " + intake.requests().size()
                    + ", at most " + settings.maxUrls() + " per request");
        }
        if (intake.requests().isEmpty()) {
            throw new IllegalArgumentException("no URLs to fetch: " + String.join("; ", intake.problems()));
        }
        var urls = new ArrayList<Job.Url>();
        var requests = new ArrayList<UrlRequest>();
        for (UrlRequest r : intake.requests()) {
            // UrlIntake hands back normalised URLs: the key of their fetch status.
            urls.add(new Job.Url(r.url(), normalizer.normalize(r.url())));
            requests.add(new UrlRequest(r.url(), "api", r.requestedAt(), r.priority()));
        }
        Job job = jobs.create(urls);
        try {
            sink.submit(requests);
        } catch (Exception e) {
            log.warn("submitting job {} failed: {}", job.id(), e.toString());
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not accept the URLs: " + e.getMessage());
            return;
        }
        metrics.submitted(requests.size());
        ObjectNode answer = mapper.createObjectNode();
        answer.put("id", job.id());
        answer.put("urls", urls.size());
        answer.put("duplicates", intake.duplicates());
        var problems = answer.putArray("problems");
        intake.problems().forEach(problems::add);
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/jobs/" + job.id());
        json(ctx, answer);
    }

    private void job(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        var job = jobs.job(id);
        if (job.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "no job " + id + " (jobs live in memory: a restart forgets them)");
            return;
        }
        Map<String, FetchStatus> statuses = jobs.statuses(job.get());
        var articleIds = statuses.values().stream().map(FetchStatus::articleId).filter(Objects::nonNull).toList();
        Set<String> indexed = articleIds.isEmpty() ? Set.of() : store.indexedIds(articleIds);
        json(ctx, JobView.render(mapper, job.get(), statuses, indexed));
    }

    private void search(Context ctx, Set<Facet> defaultFacets, int defaultSize) throws IOException {
        var query = SearchParameters.parse(ctx.queryParamMap(), defaultFacets, defaultSize);
        json(ctx, store.search(query).toJson());
    }

    private void marketFigures(Context ctx) throws IOException {
        var query = SearchParameters.parseFigures(ctx.queryParamMap(), FIGURE_ARTICLES);
        json(ctx, store.marketFigures(query).toJson(codec));
    }

    private void article(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        var stored = store.article(id);
        if (stored.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "no article " + id);
            return;
        }
        ObjectNode answer = mapper.createObjectNode();
        answer.put("id", stored.get().id());
        answer.put("version", stored.get().version());
        // The document as indexed; its "entities" carry start/end offsets into "text" for highlighting.
        answer.set("document", stored.get().document());
        json(ctx, answer);
    }

    private void fetchStatus(Context ctx) throws IOException {
        var params = ctx.queryParamMap();
        var unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(FETCH_STATUS_PARAMS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown filter(s) " + unknown + "; known: "
                    + new TreeSet<>(FETCH_STATUS_PARAMS));
        }
        String failed = SearchParameters.single(params, "failed");
        if (failed != null && !failed.equals("true") && !failed.equals("false")) {
            throw new IllegalArgumentException("'failed' must be true or false, was '" + failed + "'");
        }
        String since = SearchParameters.single(params, "since");
        Instant sinceInstant;
        try {
            sinceInstant = since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'since' must be an instant such as 2026-01-31T00:00:00Z, was '"
                    + since + "'");
        }
        Integer size = SearchParameters.integer(params, "size");
        var query = new FetchStatusQuery(SearchParameters.list(params, "outcome"), SearchParameters.list(params, "host"),
                "true".equals(failed), sinceInstant, size == null ? 20 : size);
        json(ctx, store.fetchStatuses(query).toJson(codec));
    }

    private void health(Context ctx) {
        boolean kafka = sink.reachable();
        boolean elasticsearch = store.reachable();
        ObjectNode answer = mapper.createObjectNode();
        answer.put("status", kafka && elasticsearch ? "up" : "down");
        answer.put("kafka", kafka ? "up" : "down");
        answer.put("elasticsearch", elasticsearch ? "up" : "down");
        ctx.status(kafka && elasticsearch ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
        json(ctx, answer);
    }

    private static String openApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            return new String(Objects.requireNonNull(in, "openapi.json resource").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void json(Context ctx, JsonNode node) {
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree did not serialize", e);
        }
    }

    private void error(Context ctx, HttpStatus status, @Nullable String message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message == null ? status.getMessage() : message);
        ctx.status(status);
        json(ctx, node);
    }

    @Override
    public void close() {
        app.stop();
    }
}
