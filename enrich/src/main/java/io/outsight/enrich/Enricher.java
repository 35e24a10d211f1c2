package io.outsight.enrich;

import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.enrich.dedup.TextFingerprinter;
import io.outsight.enrich.tag.ArticleTagger;
import java.time.Clock;
import java.util.Objects;

/** Turns a raw article into an enriched one with the outsourcing-domain taggers. Thread-safe. */
public final class Enricher {
    /** Written into every enriched article, so a re-enrichment can tell which articles an older version tagged. */
    public static final String VERSION = "0.2.0";

    private final ArticleTagger tagger;
    private final Clock clock;
    private final TextFingerprinter fingerprinter = new TextFingerprinter();

    /** @param tagger loaded once (models and taxonomy) and shared by every worker thread */
    public Enricher(ArticleTagger tagger, Clock clock) {
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EnrichedArticle enrich(RawArticle article) {
        Objects.requireNonNull(article, "article");
        var result = tagger.tag(article.title(), article.text());
        return new EnrichedArticle(article, clock.instant(), VERSION, result.tags(), result.entities(),
                result.marketFigures(), result.relevance(), fingerprinter.fingerprint(article.text()).orElse(null));
    }
}
