package io.outsight.app.cli;

import io.outsight.core.config.ConfigException;
import io.outsight.stack.StackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code outsight} command. */
@Command(name = "outsight", mixinStandardHelpOptions = true, version = "outsight 0.1.0",
        description = "Turns web articles about the outsourcing industry into a tagged, searchable Elasticsearch index.",
        subcommands = {RunCommand.class, IngestCommand.class, SearchCommand.class, CrawlStatusCommand.class, ReprocessCommand.class,
                StackCommand.class, WorkerCommand.class, ServeCommand.class,
                ConfigCommand.class, EvalCommand.class, ExtractCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done; 1 failure; 2 bad usage or configuration; 3 local stack not running or not "
                + "startable; 4 run timed out; 5 a score below its floor (eval --floors).", "", "Examples:", "  outsight run", "  outsight search kpo",
                "  outsight stack up", "  outsight worker enrich --kafka host:9092 --elasticsearch http://host:9200"})
public final class OutsightCommand implements Runnable {
    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with Outsight's error handling: one clear line per error, stack traces with --verbose. */
    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new OutsightCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            boolean verbose = parseResult.originalArgs().contains("--verbose") || parseResult.originalArgs().contains("-v");
            err.println("outsight: " + message(e));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for details)");
            }
            err.flush();
            return exitCode(e);
        });
        return commandLine;
    }

    static int exitCode(Exception e) {
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof StackException) {
            return ExitCodes.STACK;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
            message += " (is the server running? 'outsight stack status' tells about the local stack)";
        }
        return message;
    }
}
