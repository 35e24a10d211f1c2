package io.outsight.app.cli;

import io.outsight.app.pipeline.Connection;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.intake.SitemapReader;
import io.outsight.ingest.intake.UrlIntake;
import io.outsight.ingest.intake.UrlSource;
import io.outsight.ingest.intake.UrlSubmitter;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code outsight ingest URL… [--file F] [--sitemap URL] [--feed URL]}: puts URL requests on {@code outsight.urls},
 * normalised and without duplicates, for the ingest workers to fetch.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Submit URLs for fetching: given as arguments, in files (one per line, # comments), or listed "
                + "by sitemaps (XML, index, gzip, Google News) and RSS/Atom feeds. URLs are normalised and duplicates "
                + "dropped, then put on the outsight.urls topic, where the ingest workers ('outsight worker "
                + "ingest') fetch them.",
        footer = {"", "Examples:", "  outsight ingest https://example.com/bpo-news.html",
                "  outsight ingest --file urls.txt --sitemap https://example.com/news-sitemap.xml",
                "  outsight ingest --feed https://example.com/rss --dry-run",
                "  outsight ingest --file urls.txt --json | jq .submitted"})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    Sources sources;

    @Option(names = "--allow-private-addresses",
            description = "Allow fetching sitemaps and pages on loopback and private addresses (local use).")
    boolean allowPrivateAddresses;

    @Option(names = "--dry-run", description = "Print the normalised URLs, one per line, and submit nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print one JSON object: submitted, duplicates, skipped sources, topic.")
    boolean json;

    @Mixin
    ProgressOptions progressOptions;

    /** URLs put on the topic per flush: large enough for batching, small enough for a moving progress bar. */
    static final int CHUNK = 500;

    @Spec
    CommandSpec spec;

    /** Where URLs come from; shared with {@code outsight run}. */
    static final class Sources {
        @Parameters(arity = "0..*", paramLabel = "URL", description = "Pages to ingest.")
        List<String> urls = new ArrayList<>();

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "A file of URLs, one per line; blank lines and # comments are skipped. Repeatable.")
        List<Path> files = new ArrayList<>();

        @Option(names = "--sitemap", paramLabel = "URL",
                description = "A sitemap, sitemap index or Google News sitemap (plain or gzip). Repeatable.")
        List<String> sitemaps = new ArrayList<>();

        @Option(names = "--feed", paramLabel = "URL", description = "An RSS or Atom feed. Repeatable.")
        List<String> feeds = new ArrayList<>();

        boolean isEmpty() {
            return urls.isEmpty() && files.isEmpty() && sitemaps.isEmpty() && feeds.isEmpty();
        }

        List<UrlSource> list() {
            var out = new ArrayList<UrlSource>();
            urls.forEach(u -> out.add(new UrlSource.Given(u)));
            files.forEach(f -> out.add(new UrlSource.ListFile(f)));
            sitemaps.forEach(s -> out.add(new UrlSource.Sitemap(s)));
            feeds.forEach(f -> out.add(new UrlSource.Feed(f)));
            return out;
        }

        /** Reads every source (sitemaps and feeds with the configured fetch rules) and reports problems on err. */
        UrlIntake.Result collect(Config config, PrintWriter err) {
            UrlIntake.Result result;
            try (var fetcher = new PageFetcher(FetchSettings.from(config))) {
                var reader = new SitemapReader(fetcher, 1_000, 1_000_000);
                result = new UrlIntake(new UrlNormalizer(), reader::read, Clock.systemUTC()).collect(list());
            } catch (IOException e) {
                throw new UncheckedIOException("closing the sitemap fetcher", e);
            }
            for (String problem : result.problems()) {
                err.println("outsight: skipped " + problem);
            }
            if (result.duplicates() > 0) {
                err.println("outsight: dropped " + result.duplicates() + " duplicate URL(s)");
            }
            err.flush();
            return result;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (sources.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one URL, --file, --sitemap or --feed");
        }
        if (allowPrivateAddresses) {
            options.flag(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES.name(), "true");
        }
        Config config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var intake = sources.collect(config, err);
        if (intake.requests().isEmpty()) {
            err.println("outsight: no URLs to submit");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (dryRun) {
            intake.requests().forEach(r -> out.println(r.url()));
            out.flush();
            return ExitCodes.OK;
        }
        var codec = new RecordCodec();
        var kafkaAddress = config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
        if (kafkaAddress.isPresent()) {
            submit(KafkaClients.of(kafkaAddress.get(), config), codec, intake, err);
        } else {
            try (var connection = Connection.open(config, Connection.WhenNoStack.FAIL, m -> {})) {
                submit(KafkaClients.of(connection.endpoints().kafkaBootstrapServers(), config), codec, intake, err);
            }
        }
        if (json) {
            var tree = codec.mapper().createObjectNode().put("submitted", intake.requests().size())
                    .put("duplicates", intake.duplicates()).put("topic", Topics.URLS);
            intake.problems().forEach(tree.putArray("skipped")::add);
            out.println(tree);
        } else {
            out.println("submitted " + intake.requests().size() + " URL(s) to " + Topics.URLS);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void submit(KafkaClients kafka, RecordCodec codec, UrlIntake.Result intake, PrintWriter err)
            throws Exception {
        var requests = intake.requests();
        try (var producer = kafka.producer("outsight-ingest-cli");
                var bar = progressOptions.start("submitting", requests.size(), json, err)) {
            for (int from = 0; from < requests.size(); from += CHUNK) {
                var chunk = requests.subList(from, Math.min(requests.size(), from + CHUNK));
                UrlSubmitter.submit(producer, codec, chunk);
                bar.advance(chunk.size());
            }
        }
    }
}
