package io.outsight.app;

import io.outsight.app.cli.OutsightCommand;
import java.util.Arrays;

/** Entry point of the {@code outsight} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Decided before the first logger exists: the log4j2 configuration reads it.
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
        System.setProperty("outsight.log.level", verbose ? "info" : "warn");
        System.exit(OutsightCommand.commandLine().execute(args));
    }
}
