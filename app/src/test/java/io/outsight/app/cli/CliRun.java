package io.outsight.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of {@code outsight} as the launcher runs it (the same picocli set-up, exception handlers and
 * exit codes), with its standard output and error captured, for tests of whole commands.
 *
 * @param exitCode what the process would exit with
 * @param out everything printed on standard output
 * @param err everything printed on standard error
 */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        var commandLine = OutsightCommand.commandLine();
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new CliRun(commandLine.execute(args), out.toString(), err.toString());
    }
}
