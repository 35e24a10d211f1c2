package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outsight extract --json}: one JSON object per page on stdout, in page order, and nothing else there. */
class ExtractJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ARTICLE = """
            <!doctype html><html lang="en"><head><title>Manila call centres hire | Example News</title>
            <meta property="article:published_time" content="2024-03-05T08:30:00Z">
            <meta name="author" content="Ana Reyes"></head>
            <body><nav><a href="/">Home</a> <a href="/bpo">BPO</a></nav><article><h1>Manila call centres hire</h1>
            <p>Philippine business process outsourcing firms added twenty thousand seats in Manila this year, as
            clients in the United States moved more customer care and back-office work offshore.</p>
            <p>The industry association expects revenue to grow again next year, driven by healthcare and
            financial services accounts that need agents who speak English and Spanish.</p>
            <p>Several providers opened new sites outside the capital, where rents and wages are lower and
            universities supply graduates trained for contact centre work.</p></article>
            <footer>Copyright Example News</footer></body></html>
            """;

    @Test
    void printsOnePageObjectPerLineWithTitleTextUrlLanguageAndDates(@TempDir Path dir) throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("a-manila.html"), ARTICLE);
        Files.writeString(pages.resolve("b-empty.html"), "<html><body></body></html>");

        var run = CliRun.of("extract", "--pages", pages.toString(), "--json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<JsonNode> lines = lines(run);
        assertEquals(2, lines.size(), "one object per page: " + run.out());
        JsonNode article = lines.getFirst();
        assertEquals("a-manila", article.path("id").asText());
        assertEquals(pages.resolve("a-manila.html").toUri().toString(), article.path("url").asText());
        assertTrue(article.path("title").asText().startsWith("Manila call centres hire"), article.toString());
        assertTrue(article.path("text").asText().contains("twenty thousand seats in Manila"), article.toString());
        assertFalse(article.path("text").asText().contains("Copyright"), "boilerplate is not text: " + article);
        assertEquals("en", article.path("language").asText(), article.toString());
        assertEquals("2024-03-05T08:30:00Z", article.path("published_at").asText(), article.toString());
        assertEquals("b-empty", lines.get(1).path("id").asText());
        assertEquals("", lines.get(1).path("text").asText("missing"), lines.get(1).toString());
    }

    @Test
    void takesThePageUrlFromTheTruthFileAndStillWritesTheBenchmarkFileWithOut(@TempDir Path dir) throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("p1.html"), ARTICLE);
        Path truth = Files.writeString(dir.resolve("truth.json"),
                "{\"p1\": {\"url\": \"https://news.example/2024/manila\", \"articleBody\": \"x\"}}");
        Path out = dir.resolve("extracted.json");

        var run = CliRun.of("extract", "--pages", pages.toString(), "--truth", truth.toString(), "--json",
                "--out", out.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals("https://news.example/2024/manila", lines(run).getFirst().path("url").asText());
        JsonNode written = JSON.readTree(Files.readString(out));
        assertTrue(written.path("p1").path("articleBody").asText().contains("twenty thousand seats"),
                written.toString());
    }

    @Test
    void withNeitherOutNorJsonItIsAUsageError(@TempDir Path dir) throws IOException {
        var run = CliRun.of("extract", "--pages", Files.createDirectories(dir.resolve("pages")).toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("--out FILE or --json"), run.err());
    }

    /** The objects printed on stdout, one per line. */
    private static List<JsonNode> lines(CliRun run) throws IOException {
        var nodes = new ArrayList<JsonNode>();
        for (String line : run.out().lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
