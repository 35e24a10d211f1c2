package io.outsight.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.app.demo.DemoSite;
import io.outsight.app.pipeline.Connection;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.run.StatusWatcher;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.UrlRequest;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.search.ArticleSearch;
import io.outsight.ingest.intake.UrlSubmitter;
import io.outsight.ingest.url.InvalidUrlException;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight run [URL…]}: the whole pipeline in this process, until every URL is indexed or has a status. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Fetch, enrich and index URLs end to end (with none: the bundled demo articles), wait until "
                + "each one is searchable or has a fetch status, and print a summary.",
        footer = {"", "Examples:", "  outsight run", "  outsight run https://example.com/bpo-news.html",
                "  outsight run --file urls.txt --feed https://example.com/rss",
                "  outsight run --keep-running --kafka localhost:9092 --elasticsearch http://localhost:9200 URL"})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    /** URLs, files, sitemaps and feeds; none: the bundled demo. */
    @Mixin
    IngestCommand.Sources sources;

    @Option(names = "--keep-running", description = "Leave the local stack running after the run (see 'outsight stack').")
    boolean keepRunning;

    @Option(names = "--allow-private-addresses",
            description = "Allow fetching loopback and private addresses (always on for the demo).")
    boolean allowPrivateAddresses;

    @Option(names = "--json", description = "Print one JSON line per URL: its status and indexed document.")
    boolean json;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean demo = sources.isEmpty();
        if (demo || allowPrivateAddresses) {
            options.flag(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES.name(), "true");
        }
        Config config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<UrlRequest> requests = List.of();
        if (!demo) {
            // Sitemaps and feeds are read before any server starts: a typo fails fast.
            requests = sources.collect(config, err).requests();
            if (requests.isEmpty()) {
                progress(err, "no URLs to run");
                return ExitCodes.USAGE;
            }
        }
        var whenNoStack = keepRunning ? Connection.WhenNoStack.START_AND_KEEP_RUNNING
                : Connection.WhenNoStack.START_FOR_THIS_COMMAND;
        try (DemoSite site = demo ? DemoSite.start() : null;
                Connection connection = Connection.open(config, whenNoStack, m -> progress(err, m))) {
            if (site != null) {
                requests = site.urls().stream().map(u -> new UrlRequest(u, "demo", Instant.now(), 0)).toList();
            }
            progress(err, "using " + connection.description() + ": Kafka " + connection.endpoints().kafkaBootstrapServers()
                    + ", Elasticsearch " + connection.endpoints().elasticsearchUrl());
            var outcome = runPipeline(config, connection.endpoints(), requests, err);
            new RunReport(outcome, json).print(out);
            return outcome.complete() ? 0 : ExitCodes.INCOMPLETE;
        }
    }

    private RunReport.Outcome runPipeline(Config config, Endpoints endpoints, List<UrlRequest> requests,
            PrintWriter err) throws Exception {
        var kafka = KafkaClients.of(endpoints.kafkaBootstrapServers(), config);
        var codec = new RecordCodec();
        var normalizer = new UrlNormalizer();
        Map<String, String> keyByUrl = new LinkedHashMap<>();
        for (UrlRequest request : requests) {
            keyByUrl.put(request.url(), keyOf(normalizer, request.url()));
        }
        try (var pipeline = Pipeline.start(config, endpoints, EnumSet.allOf(Stage.class));
                var watcher = new StatusWatcher(kafka);
                var producer = kafka.producer("outsight-run");
                ElasticsearchClient es = ElasticsearchClients.create(endpoints.elasticsearchUrl(), config)) {
            if (!pipeline.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the stages did not join their Kafka consumer groups within 60 s");
            }
            UrlSubmitter.submit(producer, codec, requests, request -> keyByUrl.get(request.url()));
            progress(err, "submitted " + requests.size() + " URL(s); waiting for them to be fetched, enriched and indexed");
            var search = new ArticleSearch(es, config.get(ConfigKeys.INDEX_ALIAS));
            long deadline = System.nanoTime() + config.get(ConfigKeys.RUN_TIMEOUT).toNanos();
            Map<String, FetchStatus> statuses = Map.of();
            Map<String, ObjectNode> indexed = Map.of();
            var keys = Set.copyOf(keyByUrl.values());
            try (var bar = progressOptions.start("run", keys.size(), json, err)) {
                while (System.nanoTime() < deadline) {
                    statuses = watcher.poll(Duration.ofMillis(300));
                    var ids = keyByUrl.values().stream().map(statuses::get)
                            .filter(s -> s != null && s.articleId() != null).map(FetchStatus::articleId).toList();
                    indexed = search.byIds(ids);
                    bar.set(finished(keys, statuses, indexed));
                    boolean allStatuses = keyByUrl.values().stream().allMatch(statuses::containsKey);
                    if (allStatuses && indexed.size() == ids.stream().distinct().count()) {
                        search.refresh();
                        return new RunReport.Outcome(keyByUrl, statuses, indexed, true);
                    }
                }
            }
            return new RunReport.Outcome(keyByUrl, statuses, indexed, false);
        }
    }

    /** URLs that are done: a status that gave no article, or an article that is indexed. */
    static long finished(Set<String> keys, Map<String, FetchStatus> statuses, Map<String, ObjectNode> indexed) {
        return keys.stream().map(statuses::get)
                .filter(s -> s != null && (s.articleId() == null || indexed.containsKey(s.articleId())))
                .count();
    }

    private static String keyOf(UrlNormalizer normalizer, String url) {
        try {
            return normalizer.normalize(url);
        } catch (InvalidUrlException e) {
            return url; // the ingest stage reports it under the URL as given
        }
    }

    private static void progress(@Nullable PrintWriter err, String message) {
        if (err != null) {
            err.println("outsight: " + message);
            err.flush();
        }
    }
}
