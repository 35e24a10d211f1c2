package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} output of the commands that need no server: one parseable object on stdout, nothing else. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void configGivesEveryKeyWithValueOriginAndVariableAndMasksSecrets() throws Exception {
        var run = run("config", "--json", "--set", "elasticsearch.api-key=s3cret", "--set", "index.batch-size=500");
        assertEquals(ExitCodes.OK, run.exitCode());
        JsonNode tree = JSON.readTree(run.out());
        assertEquals("20s", tree.path("ingest.fetch.timeout").path("value").asText());
        assertEquals("default", tree.path("ingest.fetch.timeout").path("origin").asText());
        assertEquals("OUTSIGHT_INGEST_FETCH_TIMEOUT", tree.path("ingest.fetch.timeout").path("env").asText());
        assertEquals("500", tree.path("index.batch-size").path("value").asText());
        assertEquals("******", tree.path("elasticsearch.api-key").path("value").asText());
        assertFalse(run.out().contains("s3cret"), "a secret leaked: " + run.out());
        assertFalse(tree.path("enrich.taxonomy-dir").has("value"), "an unset key has no value");
    }

    @Test
    void stackStatusWithoutAStackSaysDownAndExitsThree(@TempDir Path dataDir) throws Exception {
        var run = run("stack", "status", "--json", "--data-dir", dataDir.toString());
        assertEquals(ExitCodes.STACK, run.exitCode());
        JsonNode tree = JSON.readTree(run.out());
        assertFalse(tree.path("up").asBoolean(true));
        assertEquals(dataDir.toString(), tree.path("data_dir").asText());
    }

    private record Run(int exitCode, String out) {}

    private static Run run(String... args) {
        var commandLine = OutsightCommand.commandLine();
        var out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        return new Run(commandLine.execute(args), out.toString());
    }
}
