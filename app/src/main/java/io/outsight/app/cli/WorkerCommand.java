package io.outsight.app.cli;

import io.outsight.app.pipeline.Connection;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.config.Config;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight worker ingest|enrich|index}: one stage, until stopped; run more of them to scale out. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run one stage as a long-lived worker (a Kafka consumer group member) until stopped with "
                + "SIGTERM or Ctrl-C. Start more workers of a stage, on any machine, to scale it out.",
        footer = {"", "Examples:", "  outsight worker enrich --kafka kafka:9092 --elasticsearch http://es:9200",
                "  OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 OUTSIGHT_ELASTICSEARCH_URL=http://es:9200 outsight worker index"})
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "STAGE", description = "ingest, enrich or index",
            converter = StageConverter.class)
    Stage stage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = options.load();
        try (var connection = Connection.open(config, Connection.WhenNoStack.FAIL, m -> {});
                var pipeline = Pipeline.start(config, connection.endpoints(), EnumSet.of(stage))) {
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "outsight-worker-shutdown"));
            spec.commandLine().getErr().println("outsight: " + stage.cliName() + " worker running on "
                    + connection.description() + "; stop with Ctrl-C");
            spec.commandLine().getErr().flush();
            pipeline.join();
        }
        return ExitCodes.OK;
    }

    static final class StageConverter implements picocli.CommandLine.ITypeConverter<Stage> {
        @Override
        public Stage convert(String value) {
            for (Stage s : Stage.values()) {
                if (s.cliName().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "unknown stage '" + value + "': expected ingest, enrich or index");
        }
    }
}
