package io.outsight.index.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to an {@link ArticleQuery}. Immutable apart from the documents' JSON trees, which callers must not
 * change.
 *
 * @param total how many articles match (exact)
 * @param hits the best matches, best first
 * @param facets the buckets of each facet asked for, in {@link Facet} order
 */
public record SearchResults(long total, List<Hit> hits, Map<Facet, List<FacetBucket>> facets) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SearchResults {
        hits = List.copyOf(hits);
        var ordered = new LinkedHashMap<Facet, List<FacetBucket>>();
        for (Facet facet : Facet.values()) {
            if (facets.containsKey(facet)) {
                ordered.put(facet, List.copyOf(facets.get(facet)));
            }
        }
        facets = java.util.Collections.unmodifiableMap(ordered);
    }

    public SearchResults(long total, List<Hit> hits) {
        this(total, hits, Map.of());
    }

    /**
     * The whole answer as one JSON object, the shape the command line's {@code --json} and the HTTP API print:
     * {@code {"total":n,"hits":[{"id","score","highlight":{field:[…]},"document":{…}}],"facets":{"types":[{"key",
     * "count","children":[…],"stats":{…}}]}}}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("total", total);
        ArrayNode hitArray = root.putArray("hits");
        for (Hit hit : hits) {
            hitArray.add(hit.toJson());
        }
        ObjectNode facetObject = root.putObject("facets");
        facets.forEach((facet, buckets) -> facetObject.set(facet.wireName(), bucketsJson(buckets)));
        return root;
    }

    private static ArrayNode bucketsJson(List<FacetBucket> buckets) {
        ArrayNode array = JSON.createArrayNode();
        for (FacetBucket bucket : buckets) {
            ObjectNode node = array.addObject().put("key", bucket.key()).put("count", bucket.count());
            if (!bucket.children().isEmpty()) {
                node.set("children", bucketsJson(bucket.children()));
            }
            if (bucket.stats() != null) {
                var s = bucket.stats();
                node.putObject("stats").put("count", s.count()).put("min", s.min()).put("max", s.max())
                        .put("avg", s.avg()).put("sum", s.sum());
            }
        }
        return array;
    }

    /**
     * One matching article.
     *
     * @param document the indexed document as stored
     * @param highlight per field ({@code title}, {@code text}), fragments with the matched words in {@code <em>} tags
     */
    public record Hit(String id, double score, ObjectNode document, Map<String, List<String>> highlight) {
        public Hit {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(document, "document");
            var copy = new LinkedHashMap<String, List<String>>();
            highlight.forEach((field, fragments) -> copy.put(field, List.copyOf(fragments)));
            highlight = java.util.Collections.unmodifiableMap(copy);
        }

        /** The highlighted fragments of the text. */
        public List<String> highlights() {
            return highlight.getOrDefault("text", List.of());
        }

        public String title() {
            return document.path("title").asText("");
        }

        public String url() {
            return document.path("url").asText("");
        }

        public ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode().put("id", id).put("score", score);
            ObjectNode fields = node.putObject("highlight");
            highlight.forEach((field, fragments) -> {
                ArrayNode array = fields.putArray(field);
                fragments.forEach(array::add);
            });
            node.set("document", document);
            return node;
        }
    }
}
