package io.outsight.ingest.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.TestSite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pages that are broken or hostile, generated here, served by a loopback server and handed to the ingest stage as a
 * worker runs it. Each yields one status record with a reason that names the problem; none throws out of the stage
 * or sends a record to the dead-letter topic.
 */
@Timeout(120) // a guard against a hang; the whole class takes a few seconds
class HostilePageTest {
    private static final String PARAGRAPH = "The outsourcing market keeps growing as firms move back-office work to "
            + "specialised providers in India, the Philippines and Poland, analysts said on Monday.";

    private static TestSite site;
    private static Stage stage;

    @BeforeAll
    static void start() {
        site = new TestSite();
        stage = new Stage();
    }

    @AfterAll
    static void stop() {
        stage.close();
        site.close();
    }

    static String article(String title, String words) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
                + "<nav><a href=\"/\">Home</a></nav><article><h1>" + title + "</h1>"
                + "<p>" + words + " " + PARAGRAPH + "</p><p>Second paragraph. " + PARAGRAPH + "</p>"
                + "<p class=\"third\">Third paragraph. " + PARAGRAPH + "</p></article><footer>© Example</footer></body></html>";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extractsWhatATruncatedDocumentHolds() throws Exception {
        String whole = article("Cut short", "Hiring rose.");
        // Cut inside the attribute of the third paragraph: no closing tags at all.
        String cut = whole.substring(0, whole.indexOf("<p class=\"third") + "<p class=\"thi".length());
        site.respond("/truncated.html", 200, "text/html; charset=utf-8", utf8(cut));

        var outcome = stage.ingest(site.url("/truncated.html"));

        assertEquals(FetchOutcome.OK, outcome.status().outcome(), outcome.status().reason());
        String text = outcome.article().orElseThrow().text();
        assertTrue(text.contains("Hiring rose.") && text.contains("Second paragraph."), text);
        assertFalse(text.contains("Third paragraph"), text);
    }

    @Test
    void reportsABodyCutShortOnTheWireAsALostConnection() throws Exception {
        byte[] whole = utf8(article("Cut on the wire", "Hiring rose."));
        site.route("/cut-transfer.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, whole.length);
            exchange.getResponseBody().write(whole, 0, whole.length / 2);
            exchange.getResponseBody().flush();
            exchange.close(); // fewer bytes than the Content-Length: the server drops the connection
        });

        var outcome = stage.ingest(site.url("/cut-transfer.html"));

        assertEquals(FetchOutcome.FAILED, outcome.status().outcome(), outcome.status().reason());
        assertTrue(outcome.status().reason().contains("lost"), outcome.status().reason());
        assertTrue(outcome.article().isEmpty());
    }

    @Test
    void refusesBinaryServedAsHtml() throws Exception {
        var random = new Random(42);
        byte[] png = new byte[200_000];
        random.nextBytes(png);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(magic, 0, png, 0, magic.length);
        site.respond("/image.html", 200, "text/html", png);

        var outcome = stage.ingest(site.url("/image.html"));

        assertEquals(FetchOutcome.NOT_HTML, outcome.status().outcome(), outcome.status().reason());
        assertTrue(outcome.status().reason().contains("binary"), outcome.status().reason());
        assertTrue(outcome.article().isEmpty());
    }

    @Test
    void survivesMarkupNestedAHundredThousandDeep() throws Exception {
        int depth = 100_000;
        String[] tags = {"div", "span", "b", "section", "i", "table", "a", "li", "font", "p"};
        var mixed = new StringBuilder("<!DOCTYPE html><html><head><title>Deep</title></head><body>");
        var divs = new StringBuilder(mixed);
        for (int i = 0; i < depth; i++) {
            mixed.append('<').append(tags[i % tags.length]).append('>');
            divs.append("<div>");
        }
        mixed.append(PARAGRAPH);
        divs.append("<p>").append(PARAGRAPH).append(' ').append(PARAGRAPH).append("</p>");
        for (int i = depth - 1; i >= 0; i--) {
            mixed.append("</").append(tags[i % tags.length]).append('>');
            divs.append("</div>");
        }
        site.respond("/deep-divs.html", 200, "text/html", utf8(divs.append("</body></html>").toString()));
        site.respond("/deep-mixed.html", 200, "text/html", utf8(mixed.append("</body></html>").toString()));

        var outcomes = stage.ingestAll(List.of(site.url("/deep-divs.html"), site.url("/deep-mixed.html")));

        for (var outcome : outcomes.values()) {
            var status = outcome.status();
            assertTrue(Set.of(FetchOutcome.OK, FetchOutcome.EXTRACTION_EMPTY).contains(status.outcome()),
                    status.url() + ": " + status.outcome() + " " + status.reason());
            assertFalse(status.reason().startsWith("internal error"), status.url() + ": " + status.reason());
        }
        // The parser keeps 512 levels, as browsers do, and hangs the rest side by side: the text is still found.
        var deepDivs = outcomes.get(site.url("/deep-divs.html"));
        assertEquals(FetchOutcome.OK, deepDivs.status().outcome(), deepDivs.status().reason());
        assertTrue(deepDivs.article().orElseThrow().text().contains(PARAGRAPH));
    }

    @Test
    void decodesInvalidUtf8WithReplacementCharacters() throws Exception {
        var body = new ByteArrayOutputStream();
        String page = article("Bad bytes", "Hiring rose BROKEN in Cebu.");
        int broken = page.indexOf("BROKEN");
        body.writeBytes(utf8(page.substring(0, broken)));
        // a lone continuation byte, 0xFF, an encoded surrogate, an overlong '/', a sequence cut short
        body.writeBytes(new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC0,
            (byte) 0xAF, (byte) 0xE2, (byte) 0x82});
        body.writeBytes(utf8(page.substring(broken + "BROKEN".length())));
        site.respond("/invalid-utf8-declared.html", 200, "text/html; charset=utf-8", body.toByteArray());
        site.respond("/invalid-utf8-undeclared.html", 200, "text/html", withoutMetaCharset(body.toByteArray()));

        for (String path : List.of("/invalid-utf8-declared.html", "/invalid-utf8-undeclared.html")) {
            var outcome = stage.ingest(site.url(path));

            assertEquals(FetchOutcome.OK, outcome.status().outcome(), path + ": " + outcome.status().reason());
            String text = outcome.article().orElseThrow().text();
            assertTrue(text.contains("Hiring rose") && text.contains("in Cebu."), text);
            assertTrue(text.contains("Second paragraph."), text);
        }
    }

    private static byte[] withoutMetaCharset(byte[] page) {
        // Latin-1 maps bytes to chars one to one, so the invalid bytes survive the round trip.
        String asLatin1 = new String(page, StandardCharsets.ISO_8859_1).replace("<meta charset=\"utf-8\">", "");
        return asLatin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void extractsOneGiantLineOfText() throws Exception {
        // About 5 MB on one line: words in one paragraph, and the same without a single space or tag.
        var words = new StringBuilder(5_200_000);
        while (words.length() < 5_000_000) {
            words.append(PARAGRAPH).append(' ');
        }
        site.respond("/giant-paragraph.html", 200, "text/html; charset=utf-8",
                utf8("<html><head><title>Giant</title></head><body><article><p>" + words + "</p></article></body></html>"));
        site.respond("/giant-word.html", 200, "text/html; charset=utf-8",
                utf8("<html><body>" + "outsourcing".repeat(450_000) + "</body></html>"));
        site.respond("/giant-bare-text.html", 200, "text/html; charset=utf-8", utf8(words.toString()));

        var outcomes = stage.ingestAll(List.of(site.url("/giant-paragraph.html"), site.url("/giant-word.html"),
                site.url("/giant-bare-text.html")));

        for (var outcome : outcomes.values()) {
            var status = outcome.status();
            assertTrue(Set.of(FetchOutcome.OK, FetchOutcome.EXTRACTION_EMPTY).contains(status.outcome()),
                    status.url() + ": " + status.outcome() + " " + status.reason());
            assertFalse(status.reason().startsWith("internal error"), status.url() + ": " + status.reason());
        }
        var paragraph = outcomes.get(site.url("/giant-paragraph.html")).article().orElseThrow();
        assertTrue(paragraph.text().length() > 4_000_000, "the giant paragraph is the article");
    }

    @Test
    void oneBatchOfBadPagesYieldsAStatusForEachAndNothingElseBreaks() throws Exception {
        var urls = new ArrayList<String>();
        byte[] nul = new byte[4096];
        site.respond("/nul.html", 200, "text/html", nul);
        site.respond("/empty.html", 200, "text/html", new byte[0]);
        site.respond("/only-tags.html", 200, "text/html", utf8("<html><body><div><span></span></div></body></html>"));
        site.respond("/script-only.html", 200, "text/html", utf8("<script>" + "x=1;".repeat(10_000) + "</script>"));
        site.respond("/bad-charset.html", 200, "text/html; charset=no-such-charset", utf8(article("Charset", "Words.")));
        site.respond("/good.html", 200, "text/html", utf8(article("Fine", "Hiring rose.")));
        for (String path : List.of("/nul.html", "/empty.html", "/only-tags.html", "/script-only.html",
                "/bad-charset.html", "/good.html")) {
            urls.add(site.url(path));
        }

        var outcomes = stage.ingestAll(urls);

        assertEquals(FetchOutcome.NOT_HTML, outcomes.get(site.url("/nul.html")).status().outcome(),
                outcomes.get(site.url("/nul.html")).status().reason());
        assertEquals(FetchOutcome.EXTRACTION_EMPTY, outcomes.get(site.url("/empty.html")).status().outcome());
        assertEquals("empty page", outcomes.get(site.url("/empty.html")).status().reason());
        assertEquals(FetchOutcome.EXTRACTION_EMPTY, outcomes.get(site.url("/only-tags.html")).status().outcome());
        assertEquals(FetchOutcome.EXTRACTION_EMPTY, outcomes.get(site.url("/script-only.html")).status().outcome());
        assertEquals(FetchOutcome.OK, outcomes.get(site.url("/bad-charset.html")).status().outcome(),
                outcomes.get(site.url("/bad-charset.html")).status().reason());
        assertEquals(FetchOutcome.OK, outcomes.get(site.url("/good.html")).status().outcome());
    }
}
