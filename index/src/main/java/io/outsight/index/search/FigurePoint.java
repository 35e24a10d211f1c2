package io.outsight.index.search;

import io.outsight.core.record.MarketFigure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One market figure with the article that states it: a point on a chart that can show its sentence
 * ({@code figure.text()}) and link to its article.
 *
 * @param articleId the article's id (for {@code GET /articles/{id}})
 * @param title the article's title, empty when it has none
 * @param url the article's URL
 * @param publishedAt the article's publication time as indexed (ISO-8601), or null when unknown
 * @param figure the figure as extracted, with its offsets into the article's text
 */
public record FigurePoint(String articleId, String title, String url, @Nullable String publishedAt,
        MarketFigure figure) {
    public FigurePoint {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(figure, "figure");
    }
}
