package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Walks the picocli model of {@code outsight}: every command, however it was added, has a description, --help and
 * an example of itself in its usage help, and every option says what it does. A new command cannot land without
 * them. Also checks how errors and exit codes look to a user.
 */
class CommandLineConventionsTest {
    private static final Path OPERATIONS_DOC = Path.of("..", "docs", "operations.md");

    /** Every command and subcommand, except picocli's own {@code help}. */
    static Stream<CommandSpec> commands() {
        var all = new ArrayList<CommandSpec>();
        collect(OutsightCommand.commandLine(), all);
        return all.stream();
    }

    private static void collect(CommandLine commandLine, List<CommandSpec> into) {
        if (commandLine.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        into.add(commandLine.getCommandSpec());
        commandLine.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyCommandIsDescribedWithHelpAndAnExampleOfItself(CommandSpec command) {
        String name = command.qualifiedName();
        String description = String.join(" ", command.usageMessage().description()).strip();
        assertFalse(description.isEmpty(), name + " has no description");
        assertTrue(command.optionsMap().containsKey("--help"), name + " has no --help (mixinStandardHelpOptions)");
        List<String> footer = Arrays.asList(command.usageMessage().footer());
        assertTrue(footer.stream().anyMatch(line -> line.startsWith("Example")),
                name + " has no 'Example(s):' section in its footer: " + footer);
        assertTrue(footer.stream().anyMatch(line -> line.strip().contains(name + " ") || line.strip().equals(name)),
                name + " has no example that runs it: " + footer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyOptionSaysWhatItDoes(CommandSpec command) {
        for (OptionSpec option : command.options()) {
            String description = String.join(" ", option.description()).strip();
            assertFalse(description.isEmpty(), command.qualifiedName() + " " + option.longestName()
                    + " has no description");
        }
    }

    @Test
    void everyExitCodeIsInTheHelpAndInTheOperationsGuide() throws Exception {
        String footer = String.join("\n", OutsightCommand.commandLine().getCommandSpec().usageMessage().footer());
        String guide = Files.readString(OPERATIONS_DOC);
        for (Field field : ExitCodes.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != int.class) {
                continue;
            }
            field.setAccessible(true);
            int code = field.getInt(null);
            assertTrue(footer.contains(code + " "), "the --help footer does not explain exit code " + code
                    + " (" + field.getName() + "): " + footer);
            assertTrue(guide.lines().anyMatch(line -> line.startsWith("| " + code + " |")),
                    "docs/operations.md has no row '| " + code + " |' for exit code " + field.getName());
        }
    }

    @Test
    void badUsageIsOneLineWithAHintAndExitCodeTwo() {
        var run = run("search", "--no-such-option");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(List.of("outsight: Unknown option: '--no-such-option' (see 'outsight search --help')"),
                run.errLines());
    }

    @Test
    void aMistypedCommandGetsASuggestionOnTheSameLine() {
        var run = run("serach", "kpo");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        String line = run.errLines().getFirst();
        assertTrue(line.matches("outsight: .*'serach'.* \\(did you mean [^?]*\\bsearch\\b[^?]*\\? "
                + "see 'outsight --help'\\)"), line);
    }

    @Test
    void aConfigurationErrorIsOneLineNamingTheKeyWithAHintAndVerbose() {
        var run = run("config", "--set", "ingest.fetch.timeout=soon");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.errLines().size(), "one line: " + run.errLines());
        String line = run.errLines().getFirst();
        assertTrue(line.startsWith("outsight: ") && line.contains("ingest.fetch.timeout"), line);
        assertTrue(line.endsWith(" (hint: 'outsight config' shows every setting and where it comes from; "
                + "--verbose for the stack trace)"), line);
    }

    @Test
    void aFailureWithoutAHintStillSaysHowToGetTheStackTrace() {
        assertEquals("outsight: index missing (--verbose for the stack trace)",
                OutsightCommand.runtimeError(new IllegalStateException("index missing")));
        assertEquals("outsight: search failed (hint: is the server running? 'outsight stack status' tells about the "
                + "local stack; --verbose for the stack trace)", OutsightCommand.runtimeError(
                        new IllegalStateException("search failed", new java.net.ConnectException("refused"))));
    }

    @Test
    void aMessageOfSeveralLinesBecomesOne() {
        assertEquals("invalid configuration: a is bad; b is worse",
                OutsightCommand.oneLine("invalid configuration:\n  - a is bad\n  - b is worse"));
        assertEquals("first; second", OutsightCommand.oneLine("first\n\nsecond\n"));
    }

    @Test
    void verbosePrintsTheStackTrace() {
        var run = run("config", "--set", "ingest.fetch.timeout=soon", "--verbose");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.errLines().getFirst().startsWith("outsight: "), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void networkFailuresGetAHintWhereverTheCauseIsWrapped() {
        var wrapped = new IllegalStateException("search failed",
                new java.io.UncheckedIOException(new java.net.ConnectException("Connection refused")));
        assertTrue(OutsightCommand.hint(wrapped).contains("outsight stack status"), OutsightCommand.hint(wrapped));
        assertTrue(OutsightCommand.hint(new RuntimeException(new java.net.UnknownHostException("kafak")))
                .contains("unknown host"));
        assertEquals("", OutsightCommand.hint(new IllegalStateException("a bug")));
    }

    @Test
    void kafkaFailuresGetAHintNamingTheKafkaKeys() {
        var timeout = new java.util.concurrent.ExecutionException(new org.apache.kafka.common.errors.TimeoutException(
                "Topic outsight.urls not present in metadata after 60000 ms."));
        assertTrue(OutsightCommand.hint(timeout).contains("kafka.security-protocol"), OutsightCommand.hint(timeout));
        var credentials = new org.apache.kafka.common.errors.SaslAuthenticationException("Authentication failed");
        assertTrue(OutsightCommand.hint(credentials).contains("kafka.sasl.password"),
                OutsightCommand.hint(credentials));
        var tls = new org.apache.kafka.common.errors.SslAuthenticationException("SSL handshake failed",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));
        assertTrue(OutsightCommand.hint(tls).contains("kafka.ca-file"), OutsightCommand.hint(tls));
    }

    private record Run(int exitCode, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        var commandLine = OutsightCommand.commandLine();
        var err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        int exit = commandLine.execute(args);
        return new Run(exit, err.toString());
    }
}
