package io.outsight.ingest.extract.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsTruthOrderedById() throws IOException {
        Path truth = dir.resolve("truth.json");
        Files.writeString(truth, """
                {"b": {"url": "https://b.example/x", "articleBody": "Second"},
                 "a": {"articleBody": "First"}}
                """);
        var entries = ExtractionFiles.readTruth(truth);
        assertEquals(List.of("a", "b"), List.copyOf(entries.keySet()));
        assertNull(entries.get("a").url());
        assertEquals("https://b.example/x", entries.get("b").url());
        assertEquals("Second", entries.get("b").articleBody());
    }

    @Test
    void rejectsATruthFileThatIsNotAnObjectOfPages() throws IOException {
        Path truth = dir.resolve("truth.json");
        Files.writeString(truth, "[1, 2]");
        assertThrows(IOException.class, () -> ExtractionFiles.readTruth(truth));
    }

    @Test
    void writesPredictionsWithSnakeCaseDateAndNullWhenAbsent() throws IOException {
        var results = new LinkedHashMap<String, ExtractionResult>();
        results.put("p1", new ExtractionResult("Text one.", "Title one", Instant.parse("2024-03-05T15:30:00Z")));
        results.put("p2", new ExtractionResult("", "", null));
        Path out = dir.resolve("sub/out.json");
        ExtractionFiles.writePredictions(results, out);

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals("Text one.", json.get("p1").get("articleBody").asText());
        assertEquals("Title one", json.get("p1").get("title").asText());
        assertEquals("2024-03-05T15:30:00Z", json.get("p1").get("published_at").asText());
        assertEquals(true, json.get("p2").get("published_at").isNull());
        assertEquals("Text one.", ExtractionFiles.readPredictedBodies(out).get("p1"));
    }

    @Test
    void decodesUtf8WhenNothingIsDeclared() {
        byte[] bytes = "<p>Zürich – 東京</p>".getBytes(StandardCharsets.UTF_8);
        assertEquals("<p>Zürich – 東京</p>", ExtractionFiles.decodeHtml(bytes));
    }

    @Test
    void honoursADeclaredCharsetWhenTheBytesAreNotUtf8() {
        Charset cp1251 = Charset.forName("windows-1251");
        String html = "<meta charset=\"windows-1251\"><p>Привет, мир</p>";
        assertEquals(html, ExtractionFiles.decodeHtml(html.getBytes(cp1251)));
    }

    @Test
    void trustsValidUtf8OverAStaleDeclaration() {
        String html = "<meta charset=\"iso-8859-1\"><p>Ærøskøbing</p>";
        assertEquals(html, ExtractionFiles.decodeHtml(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aByteOrderMarkWins() throws IOException {
        var bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("<meta charset=\"windows-1252\"><p>naïve</p>".getBytes(StandardCharsets.UTF_8));
        assertEquals("<meta charset=\"windows-1252\"><p>naïve</p>", ExtractionFiles.decodeHtml(bytes.toByteArray()));
    }
}
