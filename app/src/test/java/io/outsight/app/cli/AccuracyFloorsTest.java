package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.enrich.tag.eval.TaggingEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyFloorsTest {
    @TempDir
    Path dir;

    private AccuracyFloors floors(String text) throws IOException {
        Path file = dir.resolve("floors.properties");
        Files.writeString(file, text);
        return AccuracyFloors.read(file);
    }

    @Test
    void aScoreUnderItsFloorFailsAndOneAtItsFloorPasses() throws IOException {
        var checks = floors("extraction.f1 = 0.98\nextraction.recall = 0.90\n")
                .check("extraction", Map.of("extraction.f1", 0.979, "extraction.recall", 0.90));
        assertEquals(2, checks.size());
        var byKey = new TreeMap<String, AccuracyFloors.Check>();
        checks.forEach(c -> byKey.put(c.key(), c));
        assertFalse(byKey.get("extraction.f1").passed());
        assertTrue(byKey.get("extraction.recall").passed());
        assertTrue(byKey.get("extraction.f1").line().startsWith("LOW"), byKey.get("extraction.f1").line());
    }

    @Test
    void onlyTheFloorsOfTheEvaluatedPartAreChecked() throws IOException {
        var checks = floors("extraction.f1 = 0.98\ntagging.entities.country.f1 = 0.99\n")
                .check("tagging", Map.of("tagging.entities.country.f1", 1.0));
        assertEquals(List.of("tagging.entities.country.f1"), checks.stream().map(AccuracyFloors.Check::key).toList());
    }

    @Test
    void aFloorNamingNoScoreIsAnErrorSoATypoCannotDisableAGate() throws IOException {
        var floors = floors("tagging.entities.cuntry.f1 = 0.99\n");
        var e = assertThrows(IllegalArgumentException.class,
                () -> floors.check("tagging", Map.of("tagging.entities.country.f1", 1.0)));
        assertTrue(e.getMessage().contains("cuntry") && e.getMessage().contains("tagging.entities.country.f1"),
                e.getMessage());
    }

    @Test
    void floorsOutsideZeroToOneOrNotNumbersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> floors("extraction.f1 = 98\n"));
        assertThrows(IllegalArgumentException.class, () -> floors("extraction.f1 = high\n"));
    }

    @Test
    void taggingScoresAreKeyedByPartTypeAndMeasure() {
        var report = new TaggingEvaluation.Report(1,
                Map.of("country", new TaggingEvaluation.Counts(3, 4, 3)),
                Map.of("money", new TaggingEvaluation.Counts(1, 1, 2)),
                Map.of("segment", new TaggingEvaluation.Accuracy(1, 2)), List.of());
        var scores = AccuracyFloors.scores(report);
        assertEquals(0.75, scores.get("tagging.entities.country.precision"), 1e-9);
        assertEquals(1.0, scores.get("tagging.entities.country.recall"), 1e-9);
        assertEquals(0.5, scores.get("tagging.figures.money.recall"), 1e-9);
        assertEquals(0.5, scores.get("tagging.fields.segment.accuracy"), 1e-9);
    }

    @Test
    void theFloorsInTheRepositoryAreReadable() throws IOException {
        Path repo = Path.of("..", "eval", "floors.properties");
        var floors = AccuracyFloors.read(repo);
        assertFalse(floors.check("extraction", Map.of("extraction.precision", 1.0, "extraction.recall", 1.0,
                "extraction.f1", 1.0)).isEmpty());
    }
}
