package io.outsight.app.cli;

import io.outsight.app.pipeline.LocalStackSettings;
import io.outsight.core.config.Config;
import io.outsight.stack.LocalStack;
import io.outsight.stack.StackStatus;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight stack up | down | status}: a long-lived local Kafka and Elasticsearch under the data folder. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start, stop or inspect the local stack (a Kafka broker and an Elasticsearch node) that other "
                + "commands use when no --kafka/--elasticsearch is given.",
        footer = {"", "Examples:", "  outsight stack up", "  outsight stack status", "  outsight stack down"})
final class StackCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the local stack in the background and record its addresses in the data folder.")
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

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local stack recorded in the data folder.")
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
            description = "Say whether the local stack runs and answers; exit code 0 when up, 3 otherwise.")
    int status(@Mixin ConfigOptions options) {
        var settings = LocalStackSettings.from(options.load());
        Optional<StackStatus> status = LocalStack.status(settings.dataDir());
        PrintWriter out = spec.commandLine().getOut();
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

    private static String describe(StackStatus.ServerStatus server) {
        return "pid " + server.pid() + (server.running() ? " running" : " not running")
                + (server.responding() ? ", answering" : ", not answering");
    }
}
