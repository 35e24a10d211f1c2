package io.outsight.core.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A raw article plus what enrichment found in it, as produced to {@code outsight.articles.enriched}.
 * In JSON the raw article's fields sit at the top level next to the enrichment fields (one flat document).
 *
 * @param relevance 0..1: how much the article is about outsourcing
 */
public record EnrichedArticle(
        RawArticle article,
        Instant enrichedAt,
        String enricherVersion,
        Tags tags,
        List<Entity> entities,
        List<MarketFigure> marketFigures,
        double relevance) {

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

    public String id() {
        return article.id();
    }
}
