package io.outsight.app.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.app.metrics.ConsumerLag;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.intake.SitemapReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP API wired to a Kafka and an Elasticsearch: the server, the fetch-status follower, the URL sink and the
 * sitemap reader, closed together. Thread-safe once started.
 */
public final class ApiService implements AutoCloseable {
    /** Jobs remembered in memory; older ones are forgotten. */
    static final int MAX_JOBS = 10_000;

    private final ApiMetrics metrics;
    private final List<AutoCloseable> closeables;
    private final int port;

    private ApiService(ApiMetrics metrics, List<AutoCloseable> closeables, int port) {
        this.metrics = metrics;
        this.closeables = closeables;
        this.port = port;
    }

    /**
     * Starts the API on {@code host} and the port of {@code api.port} (0: a free one).
     *
     * @param stageLoops stage loops running in this process, whose counters become metrics
     */
    public static ApiService start(Config config, Endpoints endpoints, String host, List<StageLoop> stageLoops) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(endpoints, "endpoints");
        var closeables = new ArrayList<AutoCloseable>();
        try {
            var metrics = new ApiMetrics();
            stageLoops.forEach(loop -> metrics.stageLoop(loop.stage(), loop));
            var kafka = KafkaClients.of(endpoints.kafkaBootstrapServers(), config);
            ElasticsearchClient es = ElasticsearchClients.create(endpoints.elasticsearchUrl(), config);
            closeables.add(es);
            var sink = new KafkaUrlSink(kafka);
            closeables.add(sink);
            var lag = new ConsumerLag(sink.admin());
            for (Stage stage : Stage.values()) {
                metrics.consumerLag(stage.cliName(), stage.groupId(), lag);
            }
            var fetcher = new PageFetcher(FetchSettings.from(config));
            closeables.add(fetcher);
            int maxUrls = config.get(ConfigKeys.API_MAX_URLS);
            // One more than allowed, so an oversized sitemap is read only as far as needed to refuse it.
            var sitemaps = new SitemapReader(fetcher, 1_000, maxUrls + 1);
            var jobs = new JobRegistry(MAX_JOBS, Clock.systemUTC());
            var follower = new StatusFollower(kafka, jobs, metrics);
            closeables.add(follower);
            var store = new ElasticsearchArticleStore(es, config.get(ConfigKeys.INDEX_ALIAS),
                    config.get(ConfigKeys.INDEX_FETCH_STATUS_INDEX));
            var server = new ApiServer(new ApiServer.Settings(maxUrls, config.get(ConfigKeys.API_MAX_BODY_SIZE),
                    MAX_JOBS), store, sink, sitemaps::read, jobs, metrics);
            closeables.add(server);
            int port = server.start(host, config.get(ConfigKeys.API_PORT));
            return new ApiService(metrics, closeables, port);
        } catch (RuntimeException e) {
            closeAll(closeables, e);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public ApiMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        closeAll(closeables, null);
    }

    private static void closeAll(List<AutoCloseable> closeables, @Nullable RuntimeException failure) {
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
        closeables.clear();
    }
}
