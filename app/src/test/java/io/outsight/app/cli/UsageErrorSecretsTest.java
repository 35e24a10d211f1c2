package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A mistyped command line must not print a secret given next to the mistake. */
class UsageErrorSecretsTest {
    private static final String SECRET = "hunter2-Secret";

    @ParameterizedTest
    @ValueSource(strings = {"elasticsearch.password=" + SECRET, "elasticsearch.api-key=" + SECRET})
    void aUsageErrorMasksSecretsItQuotes(String setting) {
        var err = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));

        // eval extraction takes no configuration, so picocli quotes the --set argument back as unknown.
        int code = commandLine.execute("eval", "extraction", "--pages", "p", "--truth", "t", "--set", setting,
                "--elasticsearch.password", SECRET);

        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().startsWith("outsight: "), err.toString());
        assertFalse(err.toString().contains(SECRET), err.toString());
        assertTrue(err.toString().contains("******"), "the argument is quoted, masked: " + err);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Unknown options: '--elasticsearch.password', '" + SECRET + "'",
        "Unmatched arguments: 'elasticsearch.password=" + SECRET + "'",
        "Unmatched argument: '--elasticsearch.api-key=" + SECRET + "'"})
    void maskingCoversTheFormsPicocliQuotes(String message) {
        String masked = OutsightCommand.maskSecrets(message);
        assertFalse(masked.contains(SECRET), masked);
        assertTrue(masked.contains("******"), masked);
    }
}
