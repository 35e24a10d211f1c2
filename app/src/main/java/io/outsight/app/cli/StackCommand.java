package io.outsight.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.app.pipeline.LocalStackSettings;
import io.outsight.core.config.Config;
import io.outsight.core.json.RecordCodec;
import io.outsight.stack.LocalStack;
import io.outsight.stack.StackStatus;
import java.io.PrintWriter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code outsight stack up | down | status}: a long-lived local Kafka and Elasticsearch under the data folder. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start, stop or inspect the local stack (a Kafka broker and an Elasticsearch node) that other "
                + "commands use when no --kafka/--elasticsearch is given.",
        footer = {"", "Examples:", "  outsight stack up", "  outsight stack status", "  outsight stack down"})
final class StackCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the local stack in the background and record its addresses in the data folder.",
            footer = {"", "Examples:", "  outsight stack up", "  outsight stack up --data-dir /var/lib/outsight"})
    int up(@Mixin ConfigOptions options) {
        Config config = options.load();
        var settings = LocalStackSettings.from(config);
        spec.commandLine().getErr().println("outsight: starting the local stack in " + settings.dataDir() + " …");
        var state = LocalStack.up(settings);
        PrintWriter out = spec.commandLine().getOut();
        out.println("local stack running (data in " + settings.dataDir() + ")");
        out.println("  kafka          " + state.kafkaBootstrapServers());
        out.println("  elasticsearch  " + state.elasticsearchUrl());
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local stack recorded in the data folder.",
            footer = {"", "Example:", "  outsight stack down"})
    int down(@Mixin ConfigOptions options) {
        var settings = LocalStackSettings.from(options.load());
        boolean wasRunning = LocalStack.status(settings.dataDir()).isPresent();
        LocalStack.down(settings.dataDir());
        PrintWriter out = spec.commandLine().getOut();
        out.println(wasRunning ? "local stack stopped" : "no local stack recorded in " + settings.dataDir());
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the local stack runs and answers; exit code 0 when up, 3 otherwise.",
            footer = {"", "Examples:", "  outsight stack status", "  outsight stack status --data-dir /var/lib/outsight",
                    "  outsight stack status --json | jq .up"})
    int status(@Mixin ConfigOptions options,
            @Option(names = "--json", description = "Print one JSON object: up, data_dir, started_at, and pid, "
                    + "running and answering for kafka and elasticsearch.") boolean json) {
        var settings = LocalStackSettings.from(options.load());
        Optional<StackStatus> status = LocalStack.status(settings.dataDir());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(statusJson(settings.dataDir().toString(), status.orElse(null)));
            out.flush();
            return status.isPresent() && status.get().up() ? ExitCodes.OK : ExitCodes.STACK;
        }
        if (status.isEmpty()) {
            out.println("no local stack recorded in " + settings.dataDir() + " (start one with 'outsight stack up')");
            out.flush();
            return ExitCodes.STACK;
        }
        var s = status.get();
        out.println("local stack " + (s.up() ? "up" : "DOWN") + " (data in " + settings.dataDir() + ", started "
                + s.state().startedAt() + ")");
        out.println("  kafka          " + s.state().kafkaBootstrapServers() + "  " + describe(s.kafka()));
        out.println("  elasticsearch  " + s.state().elasticsearchUrl() + "  " + describe(s.elasticsearch()));
        out.flush();
        return s.up() ? ExitCodes.OK : ExitCodes.STACK;
    }

    private static ObjectNode statusJson(String dataDir, @Nullable StackStatus status) {
        ObjectNode tree = new RecordCodec().mapper().createObjectNode();
        tree.put("up", status != null && status.up()).put("data_dir", dataDir);
        if (status != null) {
            tree.put("started_at", status.state().startedAt().toString());
            server(tree.putObject("kafka"), status.state().kafkaBootstrapServers(), status.kafka());
            server(tree.putObject("elasticsearch"), status.state().elasticsearchUrl(), status.elasticsearch());
        }
        return tree;
    }

    private static void server(ObjectNode node, String address, StackStatus.ServerStatus server) {
        node.put("address", address).put("pid", server.pid()).put("running", server.running())
                .put("answering", server.responding());
    }

    private static String describe(StackStatus.ServerStatus server) {
        return "pid " + server.pid() + (server.running() ? " running" : " not running")
                + (server.responding() ? ", answering" : ", not answering");
    }
}
