package io.outsight.app.cli;

import io.outsight.app.metrics.WorkerMetrics;
import io.outsight.app.pipeline.Connection;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.HeapWatch;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.kafka.KafkaClients;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code outsight worker ingest|enrich|index...}: one stage, or several in one process, until stopped; run more of them
 * to scale out.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a stage (or several, in one process) as a long-lived worker (a Kafka consumer group "
                + "member) until stopped with "
                + "SIGTERM or Ctrl-C. Start more workers of a stage, on any machine, to scale it out. With "
                + "--metrics-port it serves its Prometheus metrics at /metrics (records consumed; succeeded: URLs "
                + "fetched, articles enriched, documents indexed; sent to the DLQ; fetch outcomes by reason; consumer "
                + "lag; JVM).",
        footer = {"", "Examples:", "  outsight worker enrich --kafka kafka:9092 --elasticsearch http://es:9200",
                "  outsight worker ingest --metrics-port 9400 --metrics-host 0.0.0.0 --kafka kafka:9092 "
                        + "--elasticsearch http://es:9200",
                "  OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 OUTSIGHT_ELASTICSEARCH_URL=http://es:9200 outsight worker index"})
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "STAGE", converter = StageConverter.class,
            description = "ingest, enrich or index; several run in one process, each on its own thread and still "
                    + "joined by Kafka (e.g. 'ingest enrich index', as outsight run does)")
    List<Stage> stages;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (worker.metrics-port; default: none).")
    @Nullable Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS",
            description = "Address of the metrics server (worker.metrics-host, default 127.0.0.1; 0.0.0.0 for every "
                    + "interface).")
    @Nullable String metricsHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HeapWatch.startIfRequested(); // heap peaks for outsight bench, when started with -Doutsight.worker.stats-file
        if (metricsPort != null) {
            options.flag(ConfigKeys.WORKER_METRICS_PORT.name(), Integer.toString(metricsPort));
        }
        if (metricsHost != null) {
            options.flag(ConfigKeys.WORKER_METRICS_HOST.name(), metricsHost);
        }
        Config config = options.load();
        int port = config.get(ConfigKeys.WORKER_METRICS_PORT);
        String metricsAt = "";
        try (var connection = Connection.open(config, Connection.WhenNoStack.FAIL, m -> {});
                WorkerMetrics metrics = port == 0 ? null : new WorkerMetrics();
                var pipeline = Pipeline.start(config, connection.endpoints(), EnumSet.copyOf(stages),
                        metrics == null ? null : metrics.meters())) {
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "outsight-worker-shutdown"));
            if (metrics != null) {
                metrics.expose(pipeline.loops(), pipeline.consumerGroups(),
                        KafkaClients.of(connection.endpoints().kafkaBootstrapServers(), config));
                String host = config.get(ConfigKeys.WORKER_METRICS_HOST);
                metricsAt = "; metrics at http://" + host + ":" + metrics.serve(host, port) + "/metrics";
            }
            String names = EnumSet.copyOf(stages).stream().map(Stage::cliName).collect(Collectors.joining("+"));
            var err = spec.commandLine().getErr();
            err.println("outsight: " + names + " worker running on " + connection.description() + " as "
                    + String.join(", ", pipeline.instanceIds().values()) + metricsAt + "; stop with Ctrl-C");
            err.flush();
            // Said once every stage's consumer has joined its group and been given its share of the partitions (none
            // for a worker beyond their count): what WorkerProcess.awaitAssigned waits for.
            Thread.ofPlatform().daemon().name("outsight-worker-ready").start(() -> {
                try {
                    if (pipeline.awaitReady(Duration.ofDays(365))) {
                        err.println("outsight: " + names + " " + WorkerProcess.READY);
                        err.flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
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
