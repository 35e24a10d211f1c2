package io.outsight.app.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.id.ArticleIds;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.core.record.TextFingerprint;
import io.outsight.enrich.dedup.TextFingerprinter;
import io.outsight.index.dedup.ClusterAssignment;
import io.outsight.index.dedup.ClusterMember;
import io.outsight.index.dedup.ClusterRule;
import io.outsight.ingest.extract.MainContentExtractor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path of a syndicated story through the project's own pieces, without servers: raw HTML of different
 * sites through ingest's {@link MainContentExtractor}, enrich's {@link TextFingerprinter}, and the index stage's
 * {@link ClusterRule}. The sites wrap the same release in their own headline, navigation, bylines, share buttons,
 * related links and footers; what the extractor keeps of that must not stop the copies from matching.
 */
class SyndicatedPagesTest {
    private static final String[] RELEASE = {
        "Globex Services said on Tuesday it will open a second delivery centre in Cebu, adding 1,200 seats for "
                + "customer care, finance and accounting work by the end of 2026.",
        "The company, which already employs 4,000 people in Manila, expects the Philippine business process "
                + "outsourcing market to grow 7 percent this year, helped by demand from banks and insurers.",
        "\u201cClients want nearshore and offshore capacity that can scale quickly,\u201d said Jane Doe, chief "
                + "operating officer of Globex. The new site will serve clients in the United States and Australia.",
        "Globex will train graduates from local universities in analytics and automation, and plans to hire "
                + "another 800 people for a third site in Davao if demand holds through next year.",
        "The IT and Business Process Association of the Philippines estimates that the industry earned USD 38 "
                + "billion in revenue last year and employs 1.7 million people across the country."};

    private static MainContentExtractor extractor;
    private final TextFingerprinter fingerprinter = new TextFingerprinter();

    @BeforeAll
    static void loadExtractor() {
        extractor = MainContentExtractor.create();
    }

    private static String paragraphs(String... texts) {
        var html = new StringBuilder();
        for (String text : texts) {
            html.append("<p>").append(text).append("</p>\n");
        }
        return html.toString();
    }

    private static String wirePage() {
        return """
                <!doctype html><html lang="en"><head><title>Globex to add 1,200 seats in Cebu | Wire</title>
                <meta property="og:site_name" content="Business Wire Example"></head><body>
                <header><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/tech">Tech</a>
                <a href="/login">Sign in</a></nav></header>
                <main><article><h1>Globex to add 1,200 seats in Cebu</h1>
                <p class="byline">By Wire Staff, 2 May 2026</p>
                """ + paragraphs(RELEASE) + """
                </article></main>
                <footer><p>© 2026 Business Wire Example. All rights reserved.</p>
                <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>""";
    }

    private static String portalPage() {
        return """
                <!doctype html><html lang="en"><head>
                <title>Outsourcing firm Globex expands Philippine footprint with new Cebu hub - BPO Portal</title>
                </head><body>
                <div id="top"><ul class="menu"><li><a href="/">BPO Portal</a></li><li><a href="/news">News</a></li>
                <li><a href="/events">Events</a></li><li><a href="/jobs">Jobs</a></li></ul>
                <div class="cookie">We use cookies to improve your experience. <button>Accept</button></div></div>
                <div class="layout"><div class="content"><div class="post">
                <h1>Outsourcing firm Globex expands Philippine footprint with new Cebu hub</h1>
                <div class="share">Share: <a href="#">Twitter</a> <a href="#">LinkedIn</a></div>
                """ + paragraphs(RELEASE) + """
                <p><em>This article first appeared on Business Wire Example.</em></p>
                </div><div class="related"><h3>Related</h3><ul>
                <li><a href="/a">Top 10 BPO trends to watch in 2026</a></li>
                <li><a href="/b">Why nearshoring is back</a></li><li><a href="/c">Contact centre pay survey</a></li>
                </ul></div></div>
                <aside><h3>Newsletter</h3><p>Get the week's outsourcing news in your inbox.</p></aside></div>
                <div class="footer">BPO Portal · About · Advertise · Contact</div></body></html>""";
    }

    private static String analysisPage() {
        String[] analysis = new String[12];
        for (int i = 0; i < analysis.length; i++) {
            analysis[i] = "Analysts at Acme Research expect pricing pressure in section " + (i + 1) + " of the market, "
                    + "as clients in healthcare, retail and telecoms renegotiate contracts, consolidate vendors and "
                    + "ask providers to share the savings from automation, generative AI and cheaper delivery "
                    + "locations outside the big cities, which changes how deals number " + (i * 7 + 3) + " are priced.";
        }
        return "<html lang=\"en\"><head><title>What Globex's Cebu bet says about the BPO market</title></head><body>"
                + "<article><h1>What Globex's Cebu bet says about the BPO market</h1>"
                + paragraphs(java.util.Arrays.copyOfRange(analysis, 0, 6))
                + "<blockquote>" + paragraphs(RELEASE) + "</blockquote>"
                + paragraphs(java.util.Arrays.copyOfRange(analysis, 6, 12)) + "</article></body></html>";
    }

    private EnrichedArticle article(String html, String url, String published) {
        var page = extractor.extract(html, url);
        String id = ArticleIds.of(url);
        var raw = new RawArticle(id, url, url, url, Instant.parse(published), 200, "text/html", null, null,
                page.title(), page.authors(), Instant.parse(published), null, page.siteName(), page.description(),
                page.language(), page.text(), page.headings(), ArticleIds.contentHash(page.text()), "test");
        TextFingerprint fingerprint = fingerprinter.fingerprint(page.text())
                .orElseThrow(() -> new AssertionError("no fingerprint; extracted text: " + page.text()));
        return new EnrichedArticle(raw, Instant.parse(published), "test", Tags.NONE, List.of(), List.of(), 0.5,
                fingerprint);
    }

    @Test
    void theSameReleaseOnTwoSitesIsOneStoryAndAQuotingAnalysisIsAnother() {
        var wire = article(wirePage(), "https://wire.example/globex-cebu", "2026-05-02T08:00:00Z");
        var portal = article(portalPage(), "https://portal.example/news/globex", "2026-05-02T10:00:00Z");
        var analysis = article(analysisPage(), "https://blog.example/globex-analysis", "2026-05-03T10:00:00Z");
        assertTrue(wire.article().text().contains("Globex Services said on Tuesday"), wire.article().text());
        assertNotEquals(wire.article().text(), portal.article().text(), "the sites' texts differ around the story");

        double copy = wire.fingerprint().estimatedJaccard(portal.fingerprint());
        assertTrue(copy >= ClusterRule.THRESHOLD, "wire vs portal " + copy);
        double quoting = wire.fingerprint().estimatedJaccard(analysis.fingerprint());
        assertTrue(quoting < 0.5, "wire vs analysis " + quoting);

        var wirePlaced = ClusterMember.of(ClusterAssignment.canonical(wire.id()), wire.fingerprint());
        assertEquals(ClusterAssignment.duplicate(portal.id(), wire.id()),
                ClusterRule.decide(EnrichedSummary.of(portal), null, List.of(wirePlaced)));
        var placedPortal = ClusterMember.of(ClusterAssignment.duplicate(portal.id(), wire.id()),
                portal.fingerprint());
        var decided = ClusterRule.decide(EnrichedSummary.of(analysis), null, List.of(wirePlaced, placedPortal));
        assertEquals(ClusterAssignment.canonical(analysis.id()), decided);
        assertFalse(decided.duplicateOf() != null);
    }
}
