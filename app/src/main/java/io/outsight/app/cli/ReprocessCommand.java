package io.outsight.app.cli;

import io.outsight.app.pipeline.Connection;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.enrich.Enricher;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.rebuild.RebuildReport;
import io.outsight.index.rebuild.Reprocessor;
import io.outsight.index.sink.BulkSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight reprocess}: re-tag every article with the current enricher into a new index version. */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = "Re-tag every article: replay " + "outsight.articles.raw through the current enricher into a "
                + "new index version, then move the alias to it atomically. Searches keep answering from the "
                + "current version until the new one is complete; the previous version is kept for a rollback.",
        footer = {"", "Examples:", "  outsight reprocess", "  outsight reprocess --delete-previous",
                "  outsight reprocess --kafka host:9092 --elasticsearch https://host:9200"})
final class ReprocessCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--delete-previous", description = "Delete the previous index version after the swap.")
    boolean deletePrevious;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (var connection = Connection.open(config, Connection.WhenNoStack.FAIL, message -> { });
                var es = ElasticsearchClients.create(connection.endpoints().elasticsearchUrl(), config)) {
            var layout = new IndexLayout(es, config.get(ConfigKeys.INDEX_ALIAS));
            var reprocessor = new Reprocessor(es, new KafkaClients(connection.endpoints().kafkaBootstrapServers()),
                    layout, BulkSettings.from(config), new RecordCodec());
            var enricher = new Enricher(Pipeline.tagger(config), Clock.systemUTC());
            RebuildReport report = reprocessor.run(enricher::enrich, line -> {
                err.println("outsight: " + line);
                err.flush();
            });
            out.printf("%s now serves %s: %d raw records, %d articles indexed, %d skipped, %d replayed after the "
                    + "swap, in %d s%n", layout.alias(), report.newIndex(), report.records(), report.indexed(),
                    report.skipped(), report.caughtUp(), report.took().toSeconds());
            if (report.previousIndex() != null) {
                if (deletePrevious) {
                    es.indices().delete(d -> d.index(report.previousIndex()));
                    out.printf("deleted the previous version %s%n", report.previousIndex());
                } else {
                    out.printf("the previous version %s is kept; delete it when the new one is fine%n",
                            report.previousIndex());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
