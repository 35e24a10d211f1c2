package io.outsight.app.cli;

import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKey;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackException;
import java.io.PrintWriter;
import java.util.List;
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
            err.println(usageError(e));
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            boolean verbose = parseResult.originalArgs().contains("--verbose") || parseResult.originalArgs().contains("-v");
            err.println(runtimeError(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return exitCode(e);
        });
        return commandLine;
    }

    /**
     * The one line of a usage error: the message, a suggestion for a mistyped option or command, and where to
     * read more: {@code outsight: Unknown option: '--jsn' (did you mean --json? see 'outsight search --help')}.
     */
    static String usageError(CommandLine.ParameterException e) {
        String help = "see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
        List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException unmatched
                ? unmatched.getSuggestions() : List.of();
        String hint = suggestions.isEmpty() ? help : "did you mean " + either(suggestions) + "? " + help;
        return "outsight: " + oneLine(maskSecrets(String.valueOf(e.getMessage()))) + " (" + hint + ")";
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}: the first three. */
    private static String either(List<String> words) {
        List<String> first = words.stream().limit(3).toList();
        return first.size() == 1 ? first.getFirst()
                : String.join(", ", first.subList(0, first.size() - 1)) + " or " + first.getLast();
    }

    /**
     * The one line of a failure: {@code outsight: <message> (hint: <what to check>; --verbose for the stack
     * trace)}, or without the hint when there is none to give.
     */
    static String runtimeError(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        String hint = hint(e);
        return "outsight: " + oneLine(message) + " ("
                + (hint.isEmpty() ? "" : "hint: " + hint + "; ") + "--verbose for the stack trace)";
    }

    /**
     * A message on one line: a list ({@code invalid configuration:\n  - a\n  - b}) becomes
     * {@code invalid configuration: a; b}, so that the error stays one line a script can grep.
     */
    static String oneLine(String message) {
        var line = new StringBuilder();
        for (String part : message.lines().map(String::strip).toList()) {
            String item = part.startsWith("- ") ? part.substring(2).strip() : part;
            if (item.isEmpty()) {
                continue;
            }
            if (!line.isEmpty()) {
                line.append(line.charAt(line.length() - 1) == ':' ? " " : "; ");
            }
            line.append(item);
        }
        return line.toString();
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

    /**
     * What to check for a failure, or "" when there is nothing better to say than the message: for network
     * failures, wherever the cause sits in the chain (clients wrap it), and for configuration errors.
     */
    static String hint(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // Kafka's own first: its TLS failure wraps the JDK's, and its clients retry a refused connection until
            // they time out, so a wrong address or a plain-text client at a TLS listener ends as a timeout.
            if (cause instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
                return "Kafka refused the credentials: check kafka.sasl.username, kafka.sasl.password and"
                        + " kafka.sasl.mechanism";
            }
            if (cause instanceof org.apache.kafka.common.errors.SslAuthenticationException) {
                return "TLS with Kafka failed: for a private CA set kafka.ca-file, see docs/operations.md";
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return "Kafka did not answer: check the address, and whether its listener needs"
                        + " kafka.security-protocol (SSL, SASL_SSL)";
            }
            if (cause instanceof java.net.ConnectException) {
                return "is the server running? 'outsight stack status' tells about the local stack";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "unknown host: check --kafka, --elasticsearch or the addresses in 'outsight config'";
            }
            if (cause instanceof javax.net.ssl.SSLException) {
                return "TLS failed: for a private CA set elasticsearch.ca-file, see docs/operations.md";
            }
        }
        if (e instanceof ConfigException) {
            return "'outsight config' shows every setting and where it comes from";
        }
        return "";
    }
}
