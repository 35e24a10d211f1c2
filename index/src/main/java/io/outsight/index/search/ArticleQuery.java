package io.outsight.index.search;

import java.util.List;
import java.util.Objects;

/**
 * A search over articles: free text over title, description, headings and text, narrowed by tag filters.
 *
 * @param text free text; blank matches every article
 * @param outsourcingTypes keep articles tagged with any of these codes (BPO, KPO, …); empty: no filter
 * @param countries keep articles tagged with any of these ISO alpha-2 codes; empty: no filter
 * @param size how many hits to return
 */
public record ArticleQuery(String text, List<String> outsourcingTypes, List<String> countries, int size) {
    public ArticleQuery {
        Objects.requireNonNull(text, "text");
        outsourcingTypes = List.copyOf(outsourcingTypes);
        countries = List.copyOf(countries);
        if (size < 0 || size > 10_000) {
            throw new IllegalArgumentException("size must be 0..10000, was " + size);
        }
    }

    public static ArticleQuery text(String text) {
        return new ArticleQuery(text, List.of(), List.of(), 10);
    }
}
