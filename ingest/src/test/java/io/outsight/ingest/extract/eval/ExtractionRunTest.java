package io.outsight.ingest.extract.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.ingest.extract.TestExtractors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionRunTest {

    @TempDir
    Path dir;

    private Path pages;
    private Path truth;

    @BeforeEach
    void savePages() throws IOException {
        pages = Files.createDirectories(dir.resolve("html"));
        Files.writeString(pages.resolve("news.html"), TestExtractors.fixture("news-article.html"));
        Files.writeString(pages.resolve("table.html"), TestExtractors.fixture("table-layout.html"));
        Files.writeString(pages.resolve("notes.txt"), "not a page");
        truth = dir.resolve("truth.json");
        Files.writeString(truth, """
                {"news": {"url": "https://news.example.com/2024/03/nearshore-mexico",
                          "articleBody": "%s"},
                 "table": {"url": "https://old.example.com/rates.html", "articleBody": "%s"}}
                """.formatted(json(TestExtractors.fixture("news-article.txt")),
                json(TestExtractors.fixture("table-layout.txt"))), StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        return text.strip().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Test
    void extractsEveryHtmlPageOfTheFolderById() throws IOException {
        var results = new ExtractionRun(TestExtractors.extractor(), 1).run(pages, null);
        assertEquals(List.of("news", "table"), List.copyOf(results.keySet()));
        assertEquals("Nearshore centres gain ground in Mexico", results.get("news").title());
        assertEquals(Instant.parse("2024-03-05T15:30:00Z"), results.get("news").publishedAt());
        assertEquals(TestExtractors.fixture("news-article.txt").strip(), results.get("news").articleBody());
    }

    @Test
    void writesTheRunAsJson() throws IOException {
        Path out = dir.resolve("out/predictions.json");
        new ExtractionRun(TestExtractors.extractor(), 2).runAndWrite(pages, truth, out);
        var bodies = ExtractionFiles.readPredictedBodies(out);
        assertEquals(TestExtractors.fixture("table-layout.txt").strip(), bodies.get("table"));
        assertTrue(Files.readString(out).contains("\"published_at\" : \"2023-07-14T00:00:00Z\""));
    }

    @Test
    void evaluatesTheFolderAgainstTheTruth() throws IOException {
        EvaluationReport report = new ExtractionEvaluation(TestExtractors.extractor(), 2).evaluate(pages, truth);
        assertEquals(2, report.pageCount());
        assertEquals(1.0, report.score().f1(), 1e-9);
        assertEquals(1.0, report.score().exact(), 1e-9);
        assertTrue(report.format(5).contains("F1         1.0000"));
    }

    @Test
    void reportsEachExtractedPageForProgress() throws IOException {
        var pagesDone = new java.util.concurrent.atomic.AtomicInteger();
        new ExtractionRun(TestExtractors.extractor(), 2).onEachPage(pagesDone::incrementAndGet).run(pages, null);
        assertEquals(2, pagesDone.get());
    }

    @Test
    void rejectsAMissingPagesFolder() {
        var run = new ExtractionRun(TestExtractors.extractor(), 1);
        assertThrows(IOException.class, () -> run.run(dir.resolve("nope"), null));
    }

    @Test
    void rejectsLessThanOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new ExtractionRun(TestExtractors.extractor(), 0));
    }
}
