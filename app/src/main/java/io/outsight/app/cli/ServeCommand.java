package io.outsight.app.cli;

import io.outsight.app.api.ApiService;
import io.outsight.app.pipeline.Connection;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.kafka.StageLoop;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight serve}: the HTTP API until interrupted, optionally with the stages in the same process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API: submit URLs as jobs and follow them, search, facets, articles, fetch "
                + "statuses, /health, /metrics (Prometheus) and /openapi.json. Runs until interrupted (Ctrl-C).",
        footer = {"", "Examples:", "  outsight serve --stages", "  outsight serve --port 8080 --host 0.0.0.0 "
                + "--kafka kafka:9092 --elasticsearch http://es:9200"})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (api.port, default 8080); 0: any.")
    @Nullable Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host = "127.0.0.1";

    @Option(names = "--stages", description = "Also run the ingest, enrich and index stages in this process.")
    boolean stages;

    @Option(names = "--allow-private-addresses",
            description = "Allow fetching loopback and private addresses (for local testing).")
    boolean allowPrivateAddresses;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port != null) {
            options.flag(ConfigKeys.API_PORT.name(), Integer.toString(port));
        }
        if (allowPrivateAddresses) {
            options.flag(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES.name(), "true");
        }
        var config = options.load();
        PrintWriter err = spec.commandLine().getErr();
        var stopped = new CountDownLatch(1);
        var closed = new CountDownLatch(1);
        try (var connection = Connection.open(config, Connection.WhenNoStack.FAIL, m -> progress(err, m));
                Pipeline pipeline = stages ? Pipeline.start(config, connection.endpoints(), EnumSet.allOf(Stage.class))
                        : null;
                var api = ApiService.start(config, connection.endpoints(), host,
                        pipeline == null ? List.<StageLoop>of() : pipeline.loops())) {
            progress(err, "dashboard and HTTP API on http://" + host + ":" + api.port() + "/ (OpenAPI at "
                    + "/openapi.json) using Kafka "
                    + connection.endpoints().kafkaBootstrapServers() + " and Elasticsearch "
                    + connection.endpoints().elasticsearchUrl() + (stages ? ", with the stages" : ""));
            // On Ctrl-C the JVM halts once its hooks return: the hook waits for this thread to close everything.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "outsight-serve-shutdown"));
            stopped.await();
            progress(err, "stopping");
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private static void progress(PrintWriter err, String message) {
        err.println("outsight: " + message);
        err.flush();
    }
}
