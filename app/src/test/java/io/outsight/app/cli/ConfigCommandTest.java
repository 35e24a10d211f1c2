package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code outsight config} prints every key with its origin, and never a secret, whether it succeeds or fails. */
class ConfigCommandTest {
    private static final String SECRET = "Zq7-LEAK-CANARY-p4ss";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var commandLine = OutsightCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void masksASecretReadFromAFileAndShowsTheFile() throws IOException {
        Path password = Files.writeString(dir.resolve("es_password"), SECRET + "\n");
        int exit = run("config", "--set", "elasticsearch.username=outsight",
                "--set", "elasticsearch.password-file=" + password);
        assertEquals(ExitCodes.OK, exit, err.toString());
        assertTrue(out.toString().contains("elasticsearch.password = ******  (file " + password
                + " (elasticsearch.password-file from flag --elasticsearch.password-file))"), out.toString());
        assertTrue(out.toString().contains("elasticsearch.password-file = " + password), out.toString());
        assertFalse(out.toString().contains(SECRET), out.toString());
    }

    @Test
    void masksASecretGivenDirectly() {
        int exit = run("config", "--set", "elasticsearch.api-key=" + SECRET);
        assertEquals(ExitCodes.OK, exit, err.toString());
        assertTrue(out.toString().contains("elasticsearch.api-key = ******  (flag --elasticsearch.api-key)"),
                out.toString());
        assertFalse(out.toString().contains(SECRET), out.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aConfigurationErrorNamesTheKeysButNotTheSecret(boolean verbose) throws IOException {
        Path apiKey = Files.writeString(dir.resolve("es_api_key"), SECRET + "\n");
        int exit = verbose
                ? run("config", "--verbose", "--set", "elasticsearch.api-key=" + SECRET,
                        "--set", "elasticsearch.api-key-file=" + apiKey)
                : run("config", "--set", "elasticsearch.api-key=" + SECRET,
                        "--set", "elasticsearch.api-key-file=" + apiKey);
        assertEquals(ExitCodes.USAGE, exit);
        assertTrue(err.toString().contains("set either elasticsearch.api-key (from flag --elasticsearch.api-key) or "
                + "elasticsearch.api-key-file (from flag --elasticsearch.api-key-file), not both"), err.toString());
        assertFalse(err.toString().contains(SECRET) || out.toString().contains(SECRET), err.toString());
    }
}
