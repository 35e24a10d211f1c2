package io.outsight.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fields an Elasticsearch mapping defines, flattened to the dotted names Kibana shows: object properties become
 * {@code tags.countries}, multi-fields {@code title.keyword}, and the fields of a nested object keep the path of
 * that object ({@code market_figures.value}, nested path {@code market_figures}). Immutable and thread-safe.
 */
final class IndexFields {
    private static final Set<String> DATE_TYPES = Set.of("date", "date_nanos");
    private static final Set<String> NUMERIC_TYPES = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float", "unsigned_long");
    /** Types without doc values by default: Elasticsearch cannot aggregate or sort on them. */
    private static final Set<String> NOT_AGGREGATABLE_TYPES = Set.of("text", "match_only_text", "annotated_text",
            "binary", "nested", "object");

    /**
     * One leaf field.
     *
     * @param name the dotted name
     * @param type the mapping type ({@code keyword}, {@code date}, ...)
     * @param nestedPath the path of the innermost nested object holding the field, null at the document's root
     * @param searchable whether the field is indexed (a query can use it)
     * @param aggregatable whether the field has doc values (aggregations and sorting can use it)
     */
    record Field(String name, String type, @Nullable String nestedPath, boolean searchable, boolean aggregatable) {
        boolean isDate() {
            return DATE_TYPES.contains(type);
        }

        boolean isNumeric() {
            return NUMERIC_TYPES.contains(type);
        }
    }

    private final String index;
    private final Map<String, Field> fields;
    private final Set<String> nestedPaths;

    private IndexFields(String index, Map<String, Field> fields, Set<String> nestedPaths) {
        this.index = index;
        this.fields = Collections.unmodifiableMap(fields);
        this.nestedPaths = Collections.unmodifiableSet(nestedPaths);
    }

    /**
     * Reads a {@code mappings} object: the one of an index, or {@code template.mappings} of an index template.
     *
     * @param index the name clients read the index by (an alias, a pattern), for messages
     */
    static IndexFields of(String index, JsonNode mappings) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(mappings, "mappings");
        JsonNode properties = mappings.path("properties");
        if (!properties.isObject()) {
            throw new IllegalArgumentException("a mappings object must have properties, got " + mappings);
        }
        var fields = new LinkedHashMap<String, Field>();
        var nestedPaths = new LinkedHashSet<String>();
        collect("", properties, null, fields, nestedPaths);
        return new IndexFields(index, fields, nestedPaths);
    }

    private static void collect(String prefix, JsonNode properties, @Nullable String nestedPath,
            Map<String, Field> fields, Set<String> nestedPaths) {
        properties.properties().forEach(entry -> {
            String name = prefix + entry.getKey();
            JsonNode definition = entry.getValue();
            String type = definition.path("type").asText(definition.has("properties") ? "object" : "");
            if (definition.has("properties")) {
                // An object or nested field is a container: Kibana lists its leaves, not the container itself.
                String innerPath = nestedPath;
                if (type.equals("nested")) {
                    nestedPaths.add(name);
                    innerPath = name;
                }
                collect(name + ".", definition.path("properties"), innerPath, fields, nestedPaths);
                return;
            }
            fields.put(name, leaf(name, type, definition, nestedPath));
            // Multi-fields (title.keyword) are fields of their own, with their own type.
            definition.path("fields").properties().forEach(sub -> {
                String subName = name + "." + sub.getKey();
                fields.put(subName, leaf(subName, sub.getValue().path("type").asText(""), sub.getValue(), nestedPath));
            });
        });
    }

    private static Field leaf(String name, String type, JsonNode definition, @Nullable String nestedPath) {
        boolean searchable = definition.path("index").asBoolean(true);
        boolean aggregatable = !NOT_AGGREGATABLE_TYPES.contains(type) && definition.path("doc_values").asBoolean(true);
        return new Field(name, type, nestedPath, searchable, aggregatable);
    }

    /** The name clients read the index by. */
    String index() {
        return index;
    }

    Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** Whether {@code pattern} names a field, or, with {@code *} wildcards as Kibana allows, matches one. */
    boolean matchesAny(String pattern) {
        if (!pattern.contains("*")) {
            return fields.containsKey(pattern);
        }
        Pattern regex = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        return fields.keySet().stream().anyMatch(name -> regex.matcher(name).matches());
    }

    boolean isNestedPath(String path) {
        return nestedPaths.contains(path);
    }

    Set<String> names() {
        return fields.keySet();
    }
}
