package io.outsight.index.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the live mapping of an index falls short of the template's mappings: the fields it lacks (which Elasticsearch
 * adds in place), the fields whose parameters changed in a way Elasticsearch updates in place ({@code ignore_above},
 * {@code dynamic}, ...), and the fields that differ in a way it cannot change ({@code type}, {@code index},
 * {@code doc_values}, ...), which only a new index version fixes.
 *
 * <p>Only what the template states is compared: Elasticsearch echoes a mapping in its own form (an object field
 * gains {@code "type": "object"}, {@code false} becomes {@code "false"}, a number may come back as {@code 100.0}),
 * and an index may carry parameters the template leaves at their defaults. So a template parameter counts as
 * different only when the index has no value for it, or a value that is not equivalent (same text, same number,
 * a one-element array equal to a scalar). A parameter the index has and the template does not state is ignored.
 *
 * <p>Besides the lists, the diff gives two put-mapping bodies: {@link #additions()} (only the missing fields) and
 * {@link #updates()} (only the updatable parameters). In both, every field on the way to a change restates its
 * definition as the index has it, because Elasticsearch merges a field's parameters as given: a multi-field added
 * to {@code title} must come with {@code title}'s type and analyzer, a property added to a nested object with
 * {@code "type": "nested"}. Sending the two separately keeps the additions safe even if an update is refused.
 *
 * <p>Immutable and thread-safe; the put bodies are returned as copies.
 */
public final class MappingDiff {
    /** Parameters of a field Elasticsearch updates on an existing field (put mapping), by the mapping docs. */
    static final Set<String> UPDATABLE_FIELD_PARAMETERS = Set.of("ignore_above", "ignore_malformed",
            "eager_global_ordinals", "meta", "dynamic", "search_analyzer", "search_quote_analyzer");
    /** Parameters of the mapping root Elasticsearch updates in place. */
    static final Set<String> UPDATABLE_ROOT_PARAMETERS = Set.of("dynamic", "_meta", "date_detection",
            "numeric_detection", "dynamic_date_formats", "dynamic_templates");
    private static final String PROPERTIES = "properties";
    private static final String FIELDS = "fields";
    private static final String ROOT = "(mapping root)";

    private final List<String> missing;
    private final List<String> updated;
    private final List<Difference> differing;
    private final ObjectNode additions;
    private final ObjectNode updates;

    /**
     * A field that exists in both mappings with definitions Elasticsearch cannot reconcile in place.
     *
     * @param path the field's path ({@code market_figures.value}, {@code title.keyword} for a multi-field), or
     *     {@code (mapping root)} for a parameter of the whole mapping
     * @param template the template's definition, without sub-fields, as compact JSON
     * @param index the index's definition, without sub-fields, as compact JSON
     */
    public record Difference(String path, String template, String index) {
        public Difference {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(index, "index");
        }

        @Override
        public String toString() {
            return path + " (template " + template + ", index " + index + ")";
        }
    }

    private MappingDiff(List<String> missing, List<String> updated, List<Difference> differing, ObjectNode additions,
            ObjectNode updates) {
        this.missing = List.copyOf(missing);
        this.updated = List.copyOf(updated);
        this.differing = List.copyOf(differing);
        this.additions = additions;
        this.updates = updates;
    }

    /**
     * Compares two mappings as Elasticsearch writes them ({@code {"dynamic": ..., "properties": {...}}}).
     *
     * @param template the mappings the index should have (the template's {@code mappings} object)
     * @param index the mappings the index has ({@code GET <index>/_mapping}, the index's {@code mappings} object)
     */
    public static MappingDiff between(JsonNode template, JsonNode index) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(index, "index");
        var walk = new Walk();
        walk.compareRoot(template, index);
        return new MappingDiff(walk.missing, List.copyOf(walk.updated), walk.differing, walk.additions,
                walk.updates);
    }

    /** Paths of the template's fields the index lacks, parents before their sub-fields. */
    public List<String> missing() {
        return missing;
    }

    /** Paths of the fields (or {@code (mapping root)}) whose updatable parameters differ from the template's. */
    public List<String> updated() {
        return updated;
    }

    /** Fields that differ in a way Elasticsearch cannot change in place. */
    public List<Difference> differing() {
        return differing;
    }

    /** The put-mapping body adding the missing fields, or empty when none is missing. */
    public Optional<ObjectNode> additions() {
        return missing.isEmpty() ? Optional.empty() : Optional.of(additions.deepCopy());
    }

    /** The put-mapping body setting the updatable parameters to the template's values, or empty. */
    public Optional<ObjectNode> updates() {
        return updated.isEmpty() ? Optional.empty() : Optional.of(updates.deepCopy());
    }

    /** True when the index already has everything the template states. */
    public boolean isEmpty() {
        return missing.isEmpty() && updated.isEmpty() && differing.isEmpty();
    }

    @Override
    public String toString() {
        return "MappingDiff[missing=" + missing + ", updated=" + updated + ", differing=" + differing + "]";
    }

    /** One field on the way from the root to a change: where it sits in its parent, and its live definition. */
    private record Step(String container, String name, JsonNode live) {}

    /** The state of one comparison. Not thread-safe; confined to {@link #between}. */
    private static final class Walk {
        final List<String> missing = new ArrayList<>();
        final Set<String> updated = new LinkedHashSet<>();
        final List<Difference> differing = new ArrayList<>();
        final ObjectNode additions = JsonNodeFactory.instance.objectNode();
        final ObjectNode updates = JsonNodeFactory.instance.objectNode();

        void compareRoot(JsonNode template, JsonNode index) {
            var conflicting = new ArrayList<String>();
            for (var parameter : parameters(template)) {
                String name = parameter.getKey();
                if (name.equals(PROPERTIES) || equivalent(parameter.getValue(), index.get(name))) {
                    continue;
                }
                if (UPDATABLE_ROOT_PARAMETERS.contains(name)) {
                    updates.set(name, parameter.getValue().deepCopy());
                    updated.add(ROOT);
                } else {
                    conflicting.add(name);
                }
            }
            if (!conflicting.isEmpty()) {
                differing.add(new Difference(ROOT, shortForm(template, conflicting), shortForm(index, conflicting)));
            }
            compareChildren("", template.path(PROPERTIES), index.path(PROPERTIES), PROPERTIES, List.of());
        }

        void compareChildren(String prefix, JsonNode template, JsonNode index, String container, List<Step> way) {
            for (var child : parameters(template)) {
                String path = prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey();
                JsonNode live = index.get(child.getKey());
                if (live == null || !live.isObject()) {
                    missing.add(path);
                    nodeAt(additions, way).withObjectProperty(container).set(child.getKey(), child.getValue().deepCopy());
                    addMissingDescendants(path, child.getValue());
                    continue;
                }
                var deeper = new ArrayList<>(way);
                deeper.add(new Step(container, child.getKey(), live));
                compareField(path, child.getValue(), live, deeper);
            }
        }

        void compareField(String path, JsonNode template, JsonNode index, List<Step> way) {
            if (!typeOf(template).equals(typeOf(index))) {
                // Nothing below a field of another type can be compared or added.
                differing.add(new Difference(path, shortForm(template, List.of()), shortForm(index, List.of())));
                return;
            }
            var conflicting = new ArrayList<String>();
            for (var parameter : parameters(template)) {
                String name = parameter.getKey();
                if (name.equals("type") || name.equals(PROPERTIES) || name.equals(FIELDS)
                        || equivalent(parameter.getValue(), index.get(name))) {
                    continue;
                }
                if (UPDATABLE_FIELD_PARAMETERS.contains(name)) {
                    nodeAt(updates, way).set(name, parameter.getValue().deepCopy());
                    updated.add(path);
                } else {
                    conflicting.add(name);
                }
            }
            if (!conflicting.isEmpty()) {
                differing.add(new Difference(path, shortForm(template, List.of()), shortForm(index, List.of())));
            }
            compareChildren(path, template.path(PROPERTIES), index.path(PROPERTIES), PROPERTIES, way);
            compareChildren(path, template.path(FIELDS), index.path(FIELDS), FIELDS, way);
        }

        /** Lists the sub-fields of a missing field too, so the report names every field that becomes searchable. */
        void addMissingDescendants(String path, JsonNode definition) {
            for (String container : List.of(PROPERTIES, FIELDS)) {
                for (var child : parameters(definition.path(container))) {
                    String childPath = path + "." + child.getKey();
                    missing.add(childPath);
                    addMissingDescendants(childPath, child.getValue());
                }
            }
        }

        /**
         * The node of a put body for the field at the end of {@code way}, creating each field on the way with its
         * live definition (its sub-fields left out: Elasticsearch keeps the ones a put does not mention).
         */
        static ObjectNode nodeAt(ObjectNode root, List<Step> way) {
            ObjectNode node = root;
            for (Step step : way) {
                ObjectNode children = node.withObjectProperty(step.container());
                JsonNode existing = children.get(step.name());
                if (existing instanceof ObjectNode object) {
                    node = object;
                } else {
                    ObjectNode restated = children.putObject(step.name());
                    for (var parameter : parameters(step.live())) {
                        if (!parameter.getKey().equals(PROPERTIES) && !parameter.getKey().equals(FIELDS)) {
                            restated.set(parameter.getKey(), parameter.getValue().deepCopy());
                        }
                    }
                    node = restated;
                }
            }
            return node;
        }
    }

    /** A field's type; a definition without one is an object, as Elasticsearch reads it. */
    static String typeOf(JsonNode definition) {
        JsonNode type = definition.get("type");
        return type == null || type.isNull() ? "object" : type.asText();
    }

    /**
     * Whether the index's value says what the template's says: objects compare on the template's keys only, arrays
     * element by element (a one-element array equals its element), scalars by text or, when both are numbers, by
     * value, since Elasticsearch echoes {@code false} as {@code "false"} and may echo {@code 100} as {@code 100.0}.
     */
    static boolean equivalent(JsonNode template, @Nullable JsonNode index) {
        if (index == null || index.isMissingNode()) {
            return false;
        }
        if (template.isObject()) {
            if (!index.isObject()) {
                return false;
            }
            for (var entry : parameters(template)) {
                if (!equivalent(entry.getValue(), index.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (template.isArray() || index.isArray()) {
            if (template.isArray() && index.isArray()) {
                if (template.size() != index.size()) {
                    return false;
                }
                for (int i = 0; i < template.size(); i++) {
                    if (!equivalent(template.get(i), index.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return template.isArray()
                    ? template.size() == 1 && equivalent(template.get(0), index)
                    : index.size() == 1 && equivalent(template, index.get(0));
        }
        if (index.isObject()) {
            return false;
        }
        String expected = template.asText();
        String actual = index.asText();
        if (expected.equals(actual)) {
            return true;
        }
        BigDecimal expectedNumber = number(expected);
        BigDecimal actualNumber = number(actual);
        return expectedNumber != null && actualNumber != null && expectedNumber.compareTo(actualNumber) == 0;
    }

    private static @Nullable BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A definition without its sub-fields, as compact JSON; with {@code only} non-empty, just those parameters (for
     * the mapping root, whose full form would list every field).
     */
    private static String shortForm(JsonNode definition, List<String> only) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (var parameter : parameters(definition)) {
            String name = parameter.getKey();
            boolean wanted = only.isEmpty() ? !name.equals(PROPERTIES) && !name.equals(FIELDS) : only.contains(name);
            if (wanted) {
                copy.set(name, parameter.getValue());
            }
        }
        return copy.toString();
    }

    private static Set<Map.Entry<String, JsonNode>> parameters(JsonNode node) {
        return node.isObject() ? node.properties() : Set.of();
    }
}
