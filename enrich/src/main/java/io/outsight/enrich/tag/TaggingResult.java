package io.outsight.enrich.tag;

import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.Tags;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ArticleTagger#tag} found in one article.
 *
 * @param tags the distinct canonical values per type, title included, in order of first mention
 * @param entities the mentions in the text, with character offsets into it, in text order
 * @param marketFigures the market figures stated in the text, with offsets into it
 * @param relevance 0..1: how much the article is about outsourcing
 */
public record TaggingResult(Tags tags, List<Entity> entities, List<MarketFigure> marketFigures, double relevance) {

    public TaggingResult {
        Objects.requireNonNull(tags, "tags");
        entities = List.copyOf(entities);
        marketFigures = List.copyOf(marketFigures);
        if (!(relevance >= 0 && relevance <= 1)) {
            throw new IllegalArgumentException("relevance " + relevance + " outside 0..1");
        }
    }
}
