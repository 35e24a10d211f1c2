package io.outsight.app.cli;

import io.outsight.app.pipeline.Connection;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.core.Topics;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--json", description = "Print the outcome as one JSON object instead of sentences.")
    boolean json;

    @Mixin
    ProgressOptions progressOptions;

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
            var kafka = KafkaClients.of(connection.endpoints().kafkaBootstrapServers(), config);
            var reprocessor = new Reprocessor(es, kafka, layout, BulkSettings.from(config), new RecordCodec());
            var enricher = new Enricher(Pipeline.tagger(config), Clock.systemUTC());
            RebuildReport report;
            // The total is the raw topic's offset span: an upper bound (compaction, transaction markers), so the
            // ETA errs on the long side.
            try (var bar = progressOptions.start("reprocess", rawRecords(kafka), json, err)) {
                report = reprocessor.run(raw -> {
                    try {
                        return enricher.enrich(raw);
                    } finally {
                        bar.advance(1);
                    }
                }, line -> bar.println("outsight: " + line));
            }
            boolean deleted = false;
            if (report.previousIndex() != null && deletePrevious) {
                es.indices().delete(d -> d.index(report.previousIndex()));
                deleted = true;
            }
            if (json) {
                var tree = new RecordCodec().mapper().createObjectNode().put("alias", layout.alias())
                        .put("new_index", report.newIndex()).put("previous_index", report.previousIndex())
                        .put("previous_deleted", deleted).put("records", report.records())
                        .put("indexed", report.indexed()).put("skipped", report.skipped())
                        .put("caught_up", report.caughtUp()).put("took_ms", report.took().toMillis());
                out.println(tree);
                out.flush();
                return ExitCodes.OK;
            }
            out.printf("%s now serves %s: %d raw records, %d articles indexed, %d skipped, %d replayed after the "
                    + "swap, in %d s%n", layout.alias(), report.newIndex(), report.records(), report.indexed(),
                    report.skipped(), report.caughtUp(), report.took().toSeconds());
            if (report.previousIndex() != null) {
                if (deleted) {
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

    /** Records on the raw topic (sum of offset spans over its partitions), the work a rebuild replays. */
    private static long rawRecords(KafkaClients kafka) {
        try (var consumer = kafka.consumer("outsight-reprocess-unused", "outsight-reprocess-count", 1)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARTICLES_RAW).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions); // a read_committed consumer asks offsets only of partitions it holds
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long records = 0;
            for (var end : consumer.endOffsets(partitions).entrySet()) {
                records += end.getValue() - begin.getOrDefault(end.getKey(), 0L);
            }
            return records;
        }
    }
}
