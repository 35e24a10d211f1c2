package io.outsight.index.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to an {@link ArticleQuery}.
 *
 * @param total how many articles match (exact)
 * @param hits the best matches, best first
 */
public record SearchResults(long total, List<Hit> hits) {
    public SearchResults {
        hits = List.copyOf(hits);
    }

    /**
     * One matching article.
     *
     * @param document the indexed document as stored
     * @param highlights fragments of the text with the matched words in {@code <em>} tags
     */
    public record Hit(String id, double score, ObjectNode document, List<String> highlights) {
        public Hit {
            highlights = List.copyOf(highlights);
        }

        public String title() {
            return document.path("title").asText("");
        }

        public String url() {
            return document.path("url").asText("");
        }
    }
}
