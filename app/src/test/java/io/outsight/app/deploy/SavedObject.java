package io.outsight.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kibana saved object, one line of an export file ({@code .ndjson}).
 *
 * @param line the line of the file it was read from, 1-based, for messages
 * @param type {@code index-pattern} (a data view), {@code lens}, {@code visualization}, {@code search},
 *     {@code dashboard}, ...
 * @param attributes the type-specific content
 * @param references the other objects it points at; the attributes name them, never hold their ids
 */
record SavedObject(int line, String type, String id, JsonNode attributes, List<Reference> references) {

    /** A pointer from one saved object to another, by name (used in the attributes), type and id. */
    record Reference(String name, String type, String id) {
        Reference {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }
    }

    SavedObject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attributes, "attributes");
        references = List.copyOf(references);
    }

    Optional<Reference> reference(String name) {
        return references.stream().filter(reference -> reference.name().equals(name)).findFirst();
    }

    /** How messages name the object: {@code lens 'outsight-articles-by-country' (line 4)}. */
    String label() {
        return type + " '" + id + "' (line " + line + ")";
    }
}
