package io.outsight.core.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A raw article plus what enrichment found in it, as produced to {@code outsight.articles.enriched}.
 * In JSON the raw article's fields sit at the top level next to the enrichment fields (one flat document).
 *
 * @param relevance 0..1: how much the article is about outsourcing
 * @param fingerprint the similarity fingerprint of the main text, for near-duplicate clustering; absent when the
 *     text is too short to tell a story from boilerplate, or in records enriched before fingerprints existed
 */
public record EnrichedArticle(
        RawArticle article,
        Instant enrichedAt,
        String enricherVersion,
        Tags tags,
        List<Entity> entities,
        List<MarketFigure> marketFigures,
        double relevance,
        @Nullable TextFingerprint fingerprint) {

    public EnrichedArticle {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(enrichedAt, "enrichedAt");
        Objects.requireNonNull(enricherVersion, "enricherVersion");
        tags = tags == null ? Tags.NONE : tags;
        entities = entities == null ? List.of() : List.copyOf(entities);
        marketFigures = marketFigures == null ? List.of() : List.copyOf(marketFigures);
        if (relevance < 0 || relevance > 1) {
            throw new IllegalArgumentException("relevance " + relevance + " outside 0..1 for article " + article.id());
        }
    }

    /** An enriched article without a fingerprint. */
    public EnrichedArticle(RawArticle article, Instant enrichedAt, String enricherVersion, Tags tags,
            List<Entity> entities, List<MarketFigure> marketFigures, double relevance) {
        this(article, enrichedAt, enricherVersion, tags, entities, marketFigures, relevance, null);
    }

    /** This article with {@code value} as its fingerprint. */
    public EnrichedArticle withFingerprint(@Nullable TextFingerprint value) {
        return new EnrichedArticle(article, enrichedAt, enricherVersion, tags, entities, marketFigures, relevance,
                value);
    }

    public String id() {
        return article.id();
    }
}
