package io.outsight.app.bench;

import java.util.Objects;

/**
 * A market figure the generator wrote into an article.
 *
 * @param text the figure as it reads in the text ("USD 343.2 billion", "Rs 42,500 crore", "7.4%")
 * @param kind the {@code market_figures[].kind} the enricher should give it (market_size, revenue, exports, …)
 * @param value the normalised value the enricher should find (343.2 billion is 3.432E11)
 */
public record PlantedFigure(String text, String kind, double value) {
    public PlantedFigure {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
