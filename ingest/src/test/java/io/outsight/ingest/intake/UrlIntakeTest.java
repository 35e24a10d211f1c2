package io.outsight.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlIntakeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    private final Map<String, SitemapReader.Result> sitemaps = Map.of(
            "https://news.example/sitemap.xml", new SitemapReader.Result(List.of(
                    new DiscoveredUrl("https://news.example/a?utm_campaign=x", null, null),
                    new DiscoveredUrl("https://news.example/c", null, null)), List.of("child.xml: http_5xx")),
            "https://news.example/feed", new SitemapReader.Result(List.of(
                    new DiscoveredUrl("https://NEWS.example:443/d", null, null)), List.of()));
    private final UrlIntake intake = new UrlIntake(new UrlNormalizer(), sitemaps::get, CLOCK);

    @Test
    void normalisesEveryUrlAndDropsDuplicatesAcrossSources(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("urls.txt");
        Files.writeString(file, "# list\nhttps://news.example/b\nHTTPS://news.example/a#top\nmailto:x@example.com\n");
        var result = intake.collect(List.of(
                new UrlSource.Given("https://news.example/a"),
                new UrlSource.ListFile(file),
                new UrlSource.Sitemap("https://news.example/sitemap.xml"),
                new UrlSource.Feed("https://news.example/feed")));
        assertEquals(List.of(
                new UrlRequest("https://news.example/a", "cli", CLOCK.instant(), 0),
                new UrlRequest("https://news.example/b", "file:" + file, CLOCK.instant(), 0),
                new UrlRequest("https://news.example/c", "sitemap:https://news.example/sitemap.xml", CLOCK.instant(), 0),
                new UrlRequest("https://news.example/d", "feed:https://news.example/feed", CLOCK.instant(), 0)),
                result.requests());
        assertEquals(2, result.duplicates());
        assertEquals(2, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).contains("only http and https"), result.problems().toString());
        assertEquals("child.xml: http_5xx", result.problems().get(1));
    }

    @Test
    void reportsAnUnreadableFile(@TempDir Path dir) {
        var result = intake.collect(List.of(new UrlSource.ListFile(dir.resolve("none.txt"))));
        assertEquals(List.of(), result.requests());
        assertTrue(result.problems().getFirst().contains("cannot read"), result.problems().toString());
    }
}
