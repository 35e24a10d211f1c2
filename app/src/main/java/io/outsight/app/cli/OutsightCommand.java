package io.outsight.app.cli;

import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKey;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackException;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code outsight} command. */
@Command(name = "outsight", mixinStandardHelpOptions = true, version = "outsight 0.1.0",
        description = "Turns web articles about the outsourcing industry into a tagged, searchable Elasticsearch index.",
        subcommands = {RunCommand.class, IngestCommand.class, SearchCommand.class, CrawlStatusCommand.class, ReprocessCommand.class,
                StackCommand.class, WorkerCommand.class, ServeCommand.class,
                ConfigCommand.class, EvalCommand.class, ExtractCommand.class, BenchCommand.class,
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
        // Bad usage: the message, a suggestion for a mistyped option or command, and where to read more; not the
        // whole usage help, which would bury the message.
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("outsight: " + maskSecrets(String.valueOf(e.getMessage())));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("(see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
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

    /**
     * Picocli's usage errors quote the arguments they could not match, which may include a secret given as
     * {@code --set elasticsearch.password=…} or {@code --elasticsearch-password …}: those values are masked.
     */
    static String maskSecrets(String message) {
        String masked = message;
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.isSecret()) {
                masked = masked.replaceAll("(" + Pattern.quote(key.name()) + "\\s*=\\s*)[^'\"\\s,]+", "$1******")
                        .replaceAll("(" + Pattern.quote(key.flagName()) + "(?:=|'?,?\\s*'?))[^'\"\\s,]+", "$1******");
            }
        }
        return masked;
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
        return message + hint(e);
    }

    /** A hint for failures whose cause is the network, wherever the cause sits in the chain (clients wrap it). */
    static String hint(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return " (is the server running? 'outsight stack status' tells about the local stack)";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return " (unknown host: check --kafka, --elasticsearch or the addresses in 'outsight config')";
            }
            if (cause instanceof javax.net.ssl.SSLException) {
                return " (TLS failed: for a private CA set elasticsearch.ca-file, see docs/operations.md)";
            }
        }
        return "";
    }
}
