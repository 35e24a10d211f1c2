package io.outsight.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the fields an Elasticsearch request body uses (aggregations and queries, as in a Vega spec), and the
 * nested path each use is under: a field of a nested object only matches inside a {@code nested} aggregation or
 * query on its path, and Elasticsearch answers with empty buckets, not an error, when it is used outside one.
 * Stateless and thread-safe.
 */
final class QueryDslFields {
    /** Leaf queries whose keys are field names: {@code {"term": {"market_figures.kind": "market_size"}}}. */
    private static final Set<String> FIELD_KEYED_QUERIES = Set.of("term", "terms", "match", "match_phrase",
            "match_phrase_prefix", "match_bool_prefix", "prefix", "wildcard", "regexp", "fuzzy", "range");
    /** Options of those queries that are not field names. */
    private static final Set<String> QUERY_OPTIONS = Set.of("boost", "_name");

    /**
     * One use of a field.
     *
     * @param name the field, or the path of a {@code nested} clause
     * @param nestedPath the nested path the use is under, null at the document's root
     * @param isNestedClause whether {@code name} is the path of a {@code nested} or {@code reverse_nested} clause
     */
    record Use(String name, @Nullable String nestedPath, boolean isNestedClause) {}

    private QueryDslFields() {}

    static List<Use> of(JsonNode body) {
        Objects.requireNonNull(body, "body");
        var uses = new ArrayList<Use>();
        walk(body, null, uses);
        return uses;
    }

    private static void walk(JsonNode node, @Nullable String nestedPath, List<Use> uses) {
        if (node.isArray()) {
            node.forEach(element -> walk(element, nestedPath, uses));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        // {"nested": {"path": p, "query": ...}, "aggs": ...}: the nested clause's query and the sibling
        // sub-aggregations run on the nested documents at p; reverse_nested goes back to the root (or to its path).
        String inner = nestedPath;
        JsonNode nested = node.path("nested");
        JsonNode reverse = node.path("reverse_nested");
        if (nested.isObject() && nested.path("path").isTextual()) {
            inner = nested.path("path").asText();
            uses.add(new Use(inner, nestedPath, true));
        } else if (reverse.isObject()) {
            inner = reverse.path("path").isTextual() ? reverse.path("path").asText() : null;
            if (inner != null) {
                uses.add(new Use(inner, nestedPath, true));
            }
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "nested" -> walk(value.path("query"), inner, uses);
                case "reverse_nested" -> { }
                case "aggs", "aggregations" -> walk(value, inner, uses);
                case "field" -> {
                    if (value.isTextual()) {
                        uses.add(new Use(value.asText(), nestedPath, false));
                    }
                }
                default -> {
                    if (FIELD_KEYED_QUERIES.contains(key) && value.isObject() && !value.has("field")) {
                        value.properties().forEach(query -> {
                            if (!QUERY_OPTIONS.contains(query.getKey())) {
                                uses.add(new Use(query.getKey(), nestedPath, false));
                            }
                        });
                    } else {
                        // Aggregations ({"terms": {"field": ...}}) and compound queries (bool) hold more of the same.
                        walk(value, nestedPath, uses);
                    }
                }
            }
        }
    }
}
