package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accuracy gate of {@code .ci/run} end to end through the command line: {@code outsight eval … --floors} prints
 * one {@code ok}/{@code LOW} line per floor and exits with {@link ExitCodes#BELOW_FLOOR} when a score is under its
 * floor. Extraction is scored from a small predictions file (no extraction, no server); tagging runs the real tagger
 * on the repository's development set, as CI does.
 */
class EvalCommandFloorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two pages: one predicted exactly, one with about half its words, so precision is 1 and recall below 1. */
    private static final String TRUTH = """
            {"p1": {"url": "https://news.example/1", "articleBody": "Manila call centres hired ten thousand agents \
            in the first quarter of the year according to the industry association"},
             "p2": {"url": "https://news.example/2", "articleBody": "Kraków shared service centres grew again as \
            banks moved finance and accounting work from Frankfurt and London to Poland"}}
            """;
    private static final String PREDICTIONS = """
            {"p1": {"articleBody": "Manila call centres hired ten thousand agents in the first quarter of the year \
            according to the industry association"},
             "p2": {"articleBody": "Kraków shared service centres grew again as banks moved finance"}}
            """;
    /** A floor line: verdict, score key, score, floor. */
    private static final Pattern LINE =
            Pattern.compile("(?m)^\\s+(ok|LOW)\\s+(\\S+)\\s+(\\d\\.\\d{4}) \\(floor (\\d\\.\\d{4})\\)$");

    @TempDir
    Path dir;

    /** The floor lines of a run's output as {@code ok key} / {@code LOW key}, in order. */
    private static List<String> verdicts(String text) {
        var matcher = LINE.matcher(text);
        var verdicts = new ArrayList<String>();
        while (matcher.find()) {
            verdicts.add(matcher.group(1) + " " + matcher.group(2));
        }
        return verdicts;
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private CliRun extraction(String floors) throws IOException {
        return run("eval", "extraction", "--pages", dir.toString(), "--truth", write("truth.json", TRUTH).toString(),
                "--predictions", write("predictions.json", PREDICTIONS).toString(),
                "--floors", write("floors.properties", floors).toString());
    }

    @Test
    void extractionAboveEveryFloorPassesAndPrintsEachScore() throws IOException {
        var run = extraction("extraction.precision = 0.99\nextraction.recall = 0.5\ntagging.entities.all.f1 = 1\n");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("accuracy floors ("), run.out());
        assertEquals(List.of("ok extraction.precision", "ok extraction.recall"), verdicts(run.out()),
                "only the extraction floors are checked, each on its own line: " + run.out());
    }

    @Test
    void extractionBelowAFloorFailsWithExitCodeFiveAndSaysWhichScore() throws IOException {
        var run = extraction("extraction.precision = 0.99\nextraction.recall = 0.99\n");
        assertEquals(ExitCodes.BELOW_FLOOR, run.exitCode(), run.out() + run.err());
        assertEquals(5, run.exitCode(), ".ci/run and the README document exit code 5 for a missed floor");
        assertEquals(List.of("ok extraction.precision", "LOW extraction.recall"), verdicts(run.out()));
        assertTrue(run.err().contains("1 extraction score(s) below the floor"), run.err());
    }

    @Test
    void aFloorsFileWithNothingForThisEvaluationIsAUsageErrorNotAPass() throws IOException {
        var run = extraction("tagging.entities.all.f1 = 0.5\n");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out());
        assertTrue(run.err().contains("has no floor for extraction scores"), run.err());
        assertTrue(verdicts(run.out()).isEmpty(), run.out());
    }

    @Test
    void aFloorNamingNoScoreIsAUsageError() throws IOException {
        var run = extraction("extraction.f2 = 0.5\n");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out());
        assertTrue(run.err().contains("extraction.f2") && run.err().contains("extraction.f1"), run.err());
    }

    @Test
    void underJsonTheFloorLinesGoToStderrSoStdoutStaysOneObject() throws IOException {
        var run = run("eval", "extraction", "--json", "--pages", dir.toString(),
                "--truth", write("truth.json", TRUTH).toString(),
                "--predictions", write("predictions.json", PREDICTIONS).toString(),
                "--floors", write("floors.properties", "extraction.recall = 0.99\n").toString());
        assertEquals(ExitCodes.BELOW_FLOOR, run.exitCode());
        var tree = JSON.readTree(run.out());
        assertEquals(2, tree.path("pages").asInt());
        assertTrue(tree.path("recall").asDouble() < 0.99, run.out());
        assertEquals(List.of("LOW extraction.recall"), verdicts(run.err()));
    }

    /**
     * The tagging gate as CI runs it, on eval/tagging/dev.json: a floor of 0 passes and a floor of 1 on a score
     * that is not perfect fails, whatever today's scores are.
     */
    @Test
    void taggingOnTheDevelopmentSetFailsWhenAScoreIsBelowItsFloor() throws IOException {
        Path gold = Path.of("..", "eval", "tagging", "dev.json");
        Assumptions.assumeTrue(Files.isRegularFile(gold), "no " + gold.toAbsolutePath() + ": run from the app module");
        var run = run("eval", "tagging", "--gold", gold.toString(), "--floors", write("floors.properties",
                "tagging.entities.all.f1 = 0\ntagging.entities.person.f1 = 1\nextraction.f1 = 1\n").toString());
        var scores = new java.util.HashMap<String, String>();
        for (var line = LINE.matcher(run.out()); line.find(); ) {
            scores.put(line.group(2), line.group(3));
        }
        assertTrue(scores.containsKey("tagging.entities.person.f1"), run.out());
        Assumptions.assumeFalse("1.0000".equals(scores.get("tagging.entities.person.f1")),
                "person tagging is perfect on the development set: no score below a floor of 1 to fail on");
        assertEquals(ExitCodes.BELOW_FLOOR, run.exitCode(), run.out() + run.err());
        assertEquals(List.of("ok tagging.entities.all.f1", "LOW tagging.entities.person.f1"),
                verdicts(run.out()));
        assertTrue(run.err().contains("1 tagging score(s) below the floor"), run.err());
    }

    /** The floors kept in the repository pass on the development set today, so CI's tagging gate is green. */
    @Test
    void theRepositoryFloorsHoldForTaggingOnTheDevelopmentSet() {
        Path gold = Path.of("..", "eval", "tagging", "dev.json");
        Path floors = Path.of("..", "eval", "floors.properties");
        Assumptions.assumeTrue(Files.isRegularFile(gold) && Files.isRegularFile(floors), "run from the app module");
        var run = run("eval", "tagging", "--gold", gold.toString(), "--floors", floors.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertFalse(verdicts(run.out()).isEmpty(), run.out());
        assertTrue(verdicts(run.out()).stream().allMatch(v -> v.startsWith("ok ")), run.out());
    }
}
