package io.outsight.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitemapReaderTest {
    private final TestSite site = new TestSite();
    private final PageFetcher http = new PageFetcher(FetchSettings.defaults(true));
    private final SitemapReader reader = new SitemapReader(http, 10, 1000);

    @BeforeEach
    void serveFixtures() {
        for (String name : List.of("sitemap-index.xml", "news.xml", "pages.xml", "rss.xml", "atom.xml")) {
            site.respond("/sitemaps/" + name, 200, name.contains("rss") ? "application/rss+xml"
                    : name.contains("atom") ? "application/atom+xml" : "application/xml", fixture(name));
        }
        site.respond("/sitemaps/pages.xml.gz", 200, "application/x-gzip", gzip(fixture("pages.xml")));
        site.respond("/sitemaps/plain.txt", 200, "text/plain",
                (site.url("/a.html") + "\n" + site.url("/b.html") + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        site.close();
    }

    private byte[] fixture(String name) {
        try (InputStream in = getClass().getResourceAsStream("/fetch/sitemaps/" + name)) {
            String base = "http://127.0.0.1:" + site.port();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{base}", base)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private List<String> urls(SitemapReader.Result result) {
        String base = "http://127.0.0.1:" + site.port();
        return result.urls().stream().map(u -> u.url().replace(base, "")).toList();
    }

    @Test
    void followsAnIndexToItsPlainAndGzippedSitemapsOnce() {
        var result = reader.read(site.url("/sitemaps/sitemap-index.xml"));
        assertEquals(List.of("/news/manila-contact-centres.html", "/news/krakow-nearshore.html?utm_source=sitemap",
                "/reports/kpo-2026.html", "/news/manila-contact-centres.html"), urls(result));
        assertEquals(1, site.requests("/sitemaps/news.xml").size(), "a child listed twice is read once");
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().getFirst().contains("missing.xml: http_4xx"), result.problems().toString());
    }

    @Test
    void readsTheGoogleNewsExtension() {
        var first = reader.read(site.url("/sitemaps/news.xml")).urls().getFirst();
        assertEquals("Manila contact centres add 20,000 seats", first.newsTitle());
        assertEquals(Instant.parse("2026-01-04T02:30:00Z"), first.lastModified());
    }

    @Test
    void readsRssAndAtomFeeds() {
        assertEquals(List.of("/news/india-bpo.html", "/news/vendors.html"), urls(reader.read(site.url("/sitemaps/rss.xml"))));
        assertEquals(List.of("/notes/poland-it.html"), urls(reader.read(site.url("/sitemaps/atom.xml"))));
    }

    @Test
    void readsATextSitemap() {
        assertEquals(List.of("/a.html", "/b.html"), urls(reader.read(site.url("/sitemaps/plain.txt"))));
    }

    @Test
    void reportsWhatIsNotASitemap() {
        site.page("/page.html", "text/html", "<html><body>hello</body></html>");
        var result = reader.read(site.url("/page.html"));
        assertEquals(List.of(), result.urls());
        assertEquals(1, result.problems().size());
    }

    @Test
    void stopsAtTheUrlLimit() {
        var small = new SitemapReader(http, 10, 1);
        var result = small.read(site.url("/sitemaps/rss.xml"));
        assertEquals(1, result.urls().size());
        assertTrue(result.problems().getFirst().contains("stopped after 1 URLs"), result.problems().toString());
    }
}
