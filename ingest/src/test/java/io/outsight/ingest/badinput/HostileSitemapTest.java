package io.outsight.ingest.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import io.outsight.ingest.intake.SitemapReader;
import io.outsight.ingest.intake.UrlIntake;
import io.outsight.ingest.intake.UrlSource;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sitemaps and feeds that attack the XML parser (external entities, entity expansion) or are simply broken, read as
 * URL intake reads them. No external entity is resolved, no expansion bomb goes off, and a broken file becomes a
 * problem with a reason.
 */
@Timeout(60)
class HostileSitemapTest {
    private static final String SECRET = "TOP-SECRET-7f3a";
    private static final String URLSET = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";

    private static TestSite site;
    private static PageFetcher fetcher;
    private static SitemapReader reader;
    @TempDir
    static Path folder;
    private static Path secretFile;

    @BeforeAll
    static void start() throws IOException {
        site = new TestSite();
        site.page("/secret.txt", "text/plain", SECRET);
        site.page("/evil.dtd", "application/xml-dtd", "<!ENTITY % all \"<!ENTITY leak SYSTEM '"
                + "http://127.0.0.1/secret.txt'>\">%all;");
        fetcher = new PageFetcher(FetchSettings.defaults(true));
        reader = new SitemapReader(fetcher, 10, 1000);
        secretFile = Files.writeString(folder.resolve("secret.txt"), SECRET);
    }

    @AfterAll
    static void stop() throws IOException {
        fetcher.close();
        site.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String page(String path) {
        return site.url(path);
    }

    /** Reads the XML as a sitemap served at the path and checks that nothing reached the secret. */
    private static SitemapReader.Result readAttack(String path, String contentType, String xml) {
        site.respond(path, 200, contentType, utf8(xml));
        var result = reader.read(site.url(path));
        assertEquals(List.of(), site.requests("/secret.txt"), "the secret was requested");
        assertEquals(List.of(), site.requests("/evil.dtd"), "the external DTD was requested");
        for (var url : result.urls()) {
            assertFalse(url.url().contains(SECRET) || String.valueOf(url.newsTitle()).contains(SECRET),
                    "the secret leaked into " + url);
        }
        assertFalse(result.problems().toString().contains(SECRET), "the secret leaked into " + result.problems());
        return result;
    }

    @Test
    void resolvesNoExternalEntityOverHttp() {
        readAttack("/xxe-http.xml", "application/xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"" + page("/secret.txt") + "\">]>" + URLSET
                + "<url><loc>" + page("/a.html") + "?s=&xxe;</loc></url></urlset>");
    }

    @Test
    void resolvesNoExternalEntityFromAFile() {
        readAttack("/xxe-file.xml", "application/xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>" + URLSET
                + "<url><loc>" + page("/a.html") + "?s=&xxe;</loc></url></urlset>");
    }

    @Test
    void loadsNoExternalDtdOrParameterEntity() {
        readAttack("/xxe-dtd.xml", "application/xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE urlset SYSTEM \"" + page("/evil.dtd") + "\">" + URLSET
                + "<url><loc>" + page("/a.html") + "</loc></url></urlset>");
        readAttack("/xxe-parameter.xml", "application/xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE urlset [<!ENTITY % remote SYSTEM \"" + page("/evil.dtd") + "\">%remote;]>" + URLSET
                + "<url><loc>" + page("/a.html") + "?s=&leak;</loc></url></urlset>");
    }

    @Test
    void resolvesNoExternalEntityInFeeds() {
        readAttack("/xxe-rss.xml", "application/rss+xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + page("/secret.txt") + "\">]>"
                + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title><link>"
                + page("/b.html") + "?s=&xxe;</link></item></channel></rss>");
        readAttack("/xxe-atom.xml", "application/atom+xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&xxe;</title><entry><title>&xxe;</title>"
                + "<link href=\"" + page("/c.html") + "?s=&xxe;\"/></entry></feed>");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/xml", "application/rss+xml"})
    void refusesABillionLaughs(String contentType) {
        var dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String previous = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        dtd.append("]>");
        String body = contentType.contains("rss")
                ? "<rss version=\"2.0\"><channel><item><title>&lol9;</title><link>" + page("/d.html")
                        + "</link></item></channel></rss>"
                : URLSET + "<url><loc>" + page("/d.html") + "?&lol9;</loc></url></urlset>";
        long before = allocatedByThisThread();

        var result = readAttack("/lol-" + contentType.replace('/', '-'), contentType,
                "<?xml version=\"1.0\"?>" + dtd + body);

        long allocated = allocatedByThisThread() - before;
        // Expanded, &lol9; is 3 GB of text; refused, the file costs a few megabytes to read.
        assertTrue(allocated < 256L * 1024 * 1024, "reading the file allocated " + allocated + " bytes");
        for (var url : result.urls()) {
            assertTrue(url.url().length() < 10_000 && String.valueOf(url.newsTitle()).length() < 10_000,
                    "an entity was expanded: " + url.url().length() + " characters");
        }
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().getFirst().contains("DOCTYPE"), result.problems().toString());
    }

    @Test
    void boundsAGzippedSitemapThatExpandsWithoutEnd() throws IOException {
        // A .xml.gz sitemap (the gzip is the file, not the transfer encoding) whose <loc> never ends: 1 GiB of text
        // from about 1 MiB.
        var start = utf8("<?xml version=\"1.0\"?>" + URLSET + "<url><loc>" + page("/e.html") + "?q=");
        var filler = new byte[16 * 1024 * 1024];
        Arrays.fill(filler, (byte) 'a');
        var member = gzip(filler);
        var bomb = new ByteArrayOutputStream();
        bomb.writeBytes(gzip(start));
        for (int i = 0; i < 64; i++) {
            bomb.writeBytes(member);
        }
        site.respond("/bomb.xml.gz", 200, "application/x-gzip", bomb.toByteArray());
        long before = allocatedByThisThread();

        var result = reader.read(site.url("/bomb.xml.gz"));

        long allocated = allocatedByThisThread() - before;
        assertTrue(allocated < 512L * 1024 * 1024, "reading the sitemap allocated " + allocated + " bytes");
        assertTrue(result.urls().isEmpty(), "no URL from a sitemap that never ends");
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().getFirst().contains("too_large, larger than 52428800 bytes once decompressed"),
                result.problems().toString());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void turnsBrokenFeedsIntoProblemsWithReasons() {
        String item = "<item><title>Manila hiring</title><link>" + page("/f.html") + "</link></item>";
        site.respond("/truncated.rss", 200, "application/rss+xml",
                utf8("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" + item + "<item><title>Cut sh"));
        site.respond("/html-as-feed.rss", 200, "application/rss+xml",
                utf8("<!DOCTYPE html><html><body><p>Feed moved<br></body></html>"));
        site.respond("/empty.rss", 200, "application/rss+xml", new byte[0]);
        site.respond("/binary.xml", 200, "application/xml", new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 0, 0});
        site.respond("/unknown-type.feed", 200, "application/octet-stream", utf8("\u0001\u0002not a feed"));
        site.respond("/garbage-links.rss", 200, "application/rss+xml", utf8("<?xml version=\"1.0\"?>"
                + "<rss version=\"2.0\"><channel><item><link>javascript:alert(1)</link></item>"
                + "<item><link>   </link></item><item><link>http://[::1</link></item>"
                + "<item><link>ftp://example.com/file</link></item>" + item
                + "<item><pubDate>not a date</pubDate><link>" + page("/g.html") + "</link></item></channel></rss>"));
        site.respond("/bad-dates.atom", 200, "application/atom+xml", utf8("<?xml version=\"1.0\"?>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><updated>yesterday-ish</updated>"
                + "<link href=\"" + page("/h.html") + "\"/></entry></feed>"));
        var intake = new UrlIntake(new UrlNormalizer(), reader::read, Clock.systemUTC());

        for (String path : List.of("/html-as-feed.rss", "/empty.rss", "/binary.xml", "/unknown-type.feed")) {
            var result = reader.read(site.url(path));
            assertTrue(result.urls().isEmpty(), path + ": " + result.urls());
            assertEquals(1, result.problems().size(), path + ": " + result.problems());
            assertTrue(result.problems().getFirst().contains("not a sitemap or feed"), result.problems().toString());
        }
        var truncated = reader.read(site.url("/truncated.rss"));
        assertFalse(truncated.problems().isEmpty() && truncated.urls().isEmpty(), "a truncated feed says why");
        var garbage = intake.collect(List.of(new UrlSource.Feed(site.url("/garbage-links.rss"))));
        var wanted = List.of(page("/f.html"), page("/g.html"));
        assertEquals(wanted, garbage.requests().stream().map(r -> r.url()).toList());
        var dates = reader.read(site.url("/bad-dates.atom"));
        assertEquals(List.of(page("/h.html")), dates.urls().stream().map(u -> u.url()).toList());
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }
}
