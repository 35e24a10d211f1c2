package io.outsight.core.record;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A market figure stated in an article ("USD 343.2 billion by 2025 at a 7.4% CAGR").
 *
 * @param kind market_size, growth_rate, market_share, revenue, headcount, …
 * @param value the normalised value (units expanded: 343.2 billion is 3.432E11)
 * @param unit currency, percent, people, …
 * @param currency ISO 4217 code when the value is money
 * @param segment the outsourcing type the sentence is about
 * @param country ISO 3166-1 alpha-2 code of the market
 * @param attributedTo the organisation cited as the source
 * @param text the sentence or clause that states it
 * @param start character offset of the figure in the article text
 * @param end exclusive end offset
 */
public record MarketFigure(
        String kind,
        @Nullable Double value,
        @Nullable String unit,
        @Nullable String currency,
        @Nullable Integer year,
        @Nullable Integer periodStart,
        @Nullable Integer periodEnd,
        @Nullable Double cagrPercent,
        @Nullable String segment,
        @Nullable String country,
        @Nullable String attributedTo,
        String text,
        int start,
        int end) {

    public MarketFigure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for figure '" + text + "'");
        }
    }
}
