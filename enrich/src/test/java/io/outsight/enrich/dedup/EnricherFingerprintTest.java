package io.outsight.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.outsight.core.id.ArticleIds;
import io.outsight.core.record.RawArticle;
import io.outsight.enrich.Enricher;
import io.outsight.enrich.tag.ArticleTagger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnricherFingerprintTest {
    private static RawArticle raw(String url, String text) {
        return new RawArticle(ArticleIds.of(url), url, url, url, Instant.parse("2026-05-02T08:00:00Z"), 200,
                "text/html", null, null, "Headline", List.of(), null, null, null, null, "en", text, List.of(),
                ArticleIds.contentHash(text), "test");
    }

    @Test
    void enrichedArticlesCarryTheFingerprintOfTheirMainText() {
        var enricher = new Enricher(ArticleTagger.loadDefault(),
                Clock.fixed(Instant.parse("2026-05-02T09:00:00Z"), ZoneOffset.UTC));
        var enriched = enricher.enrich(raw("https://wire.example/a", TextFingerprinterTest.RELEASE));
        assertEquals(new TextFingerprinter().fingerprint(TextFingerprinterTest.RELEASE).orElseThrow(),
                enriched.fingerprint());
        assertNull(enricher.enrich(raw("https://wire.example/b", "Subscribe to read more.")).fingerprint());
    }
}
