package io.outsight.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MainContentExtractorTest {

    private final MainContentExtractor extractor = TestExtractors.extractor();

    @Test
    void extractsTextAndMetadataOfANewsPage() {
        ExtractedPage page = extractor.extract(TestExtractors.fixture("news-article.html"),
                "https://news.example.com/2024/03/nearshore-mexico?utm_source=x");
        assertEquals("Nearshore centres gain ground in Mexico", page.title());
        assertEquals(List.of("Ana Torres", "Mark Hill"), page.authors());
        assertEquals(Instant.parse("2024-03-05T15:30:00Z"), page.publishedAt());
        assertEquals(Instant.parse("2024-03-06T08:00:00Z"), page.modifiedAt());
        assertEquals("https://news.example.com/2024/03/nearshore-mexico", page.canonicalUrl());
        assertEquals("The Sourcing Times", page.siteName());
        assertEquals("en", page.language());
        assertEquals(TestExtractors.fixture("news-article.txt").strip(), page.text());
        assertEquals(List.of("Why Mexico, why now"), page.headings());
    }

    @Test
    void identifiesTheLanguageOfTheText() {
        ExtractedPage page = extractor.extract(TestExtractors.fixture("german-microdata.html"),
                "https://wirtschaft.example.de/outsourcing");
        assertEquals("de", page.language());
        assertTrue(page.text().startsWith("Der Markt für IT-Outsourcing in Deutschland"), page.text());
    }

    @Test
    void usesTheDeclaredBodyOfAPageRenderedByScripts() {
        ExtractedPage page = extractor.extract(TestExtractors.fixture("script-rendered.html"),
                "https://app.example.com/p/1");
        assertEquals(3, page.text().split("\n\n").length);
        assertEquals("en", page.language());
        assertEquals(List.of("Kim Novak"), page.authors());
    }

    @Test
    void resolvesARelativeCanonicalLinkAgainstThePageUrl() {
        ExtractedPage page = extractor.extract(
                "<html><head><link rel='canonical' href='/story/42'></head><body><p>Short.</p></body></html>",
                "https://site.example.com/story/42?ref=home");
        assertEquals("https://site.example.com/story/42", page.canonicalUrl());
    }

    @Test
    void givesAnEmptyPageForEmptyHtml() {
        ExtractedPage page = extractor.extract("", "https://site.example.com/");
        assertEquals("", page.title());
        assertEquals("", page.text());
        assertNull(page.publishedAt());
        assertNull(page.language());
    }

    @Test
    void rejectsNullArguments() {
        assertThrows(NullPointerException.class, () -> extractor.extract(null, "https://x.example/"));
        assertThrows(NullPointerException.class, () -> extractor.extract("<p>x</p>", null));
    }

    @Test
    void givesTheSameResultFromManyThreads() throws Exception {
        String html = TestExtractors.fixture("news-article.html");
        ExtractedPage expected = extractor.extract(html, "https://news.example.com/a");
        var tasks = new ArrayList<Callable<ExtractedPage>>();
        for (int i = 0; i < 40; i++) {
            tasks.add(() -> extractor.extract(html, "https://news.example.com/a"));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<ExtractedPage> result : pool.invokeAll(tasks)) {
                assertEquals(expected, result.get());
            }
        }
    }
}
