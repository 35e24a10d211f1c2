package io.outsight.ingest.extract.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    private static final Map<String, TruthEntry> TRUTH = Map.of(
            "good", new TruthEntry(null, "one two three four five six"),
            "half", new TruthEntry(null, "a b c d e"),
            "bad", new TruthEntry(null, "p q r s t"));

    @Test
    void listsTheWorstPagesFirst() {
        EvaluationReport report = ExtractionEvaluation.score(TRUTH,
                Map.of("good", "one two three four five six", "half", "a b c d x", "bad", "nothing like it"));
        assertEquals(3, report.pageCount());
        assertEquals(List.of("bad", "half"), report.worstPages(2).stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void formatsScoresAndWorstPages() {
        String text = ExtractionEvaluation.score(TRUTH, Map.of("good", "one two three four five six")).format(1);
        assertTrue(text.contains("pages      3"), text);
        assertTrue(text.contains("precision  1.0000"), text);
        assertTrue(text.contains("recall     0.3333"), text);
        assertTrue(text.contains("F1         0.5000"), text);
        assertTrue(text.contains("worst pages"), text);
    }

    @Test
    void scoresAPredictionFile(@TempDir Path dir) throws IOException {
        Path truth = dir.resolve("truth.json");
        Files.writeString(truth, "{\"p\": {\"url\": \"https://x.example/\", \"articleBody\": \"a b c d e\"}}");
        Path predictions = dir.resolve("pred.json");
        Files.writeString(predictions, "{\"p\": {\"articleBody\": \"a b c d e\", \"title\": \"T\", \"published_at\": null}}");
        assertEquals(1.0, ExtractionEvaluation.evaluateFile(predictions, truth).score().f1(), 1e-9);
    }
}
