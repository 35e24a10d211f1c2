package io.outsight.index.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import java.util.List;
import java.util.Objects;

/**
 * The answer of a {@link MarketFigureSearch}. Immutable.
 *
 * @param articles how many articles hold a matching figure (the points come from the first of them)
 * @param points the matching figures, ordered by segment, year, article and offset
 */
public record FigurePoints(long articles, List<FigurePoint> points) {
    public FigurePoints {
        points = List.copyOf(points);
    }

    /**
     * {@code {"articles": n, "points": [{"article_id", "title", "url", "published_at", "figure": {kind, value, unit,
     * currency, year, segment, country, text, start, end, …}}]}}, the figure written as the record codec writes it.
     */
    public ObjectNode toJson(RecordCodec codec) {
        Objects.requireNonNull(codec, "codec");
        ObjectNode root = codec.mapper().createObjectNode().put("articles", articles);
        ArrayNode array = root.putArray("points");
        for (FigurePoint point : points) {
            ObjectNode node = array.addObject().put("article_id", point.articleId()).put("title", point.title())
                    .put("url", point.url());
            if (point.publishedAt() != null) {
                node.put("published_at", point.publishedAt());
            }
            node.set("figure", codec.mapper().valueToTree(point.figure()));
        }
        return root;
    }
}
