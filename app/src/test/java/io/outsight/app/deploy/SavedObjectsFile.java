package io.outsight.app.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a Kibana saved-objects export (NDJSON: one JSON object a line), keeping what is wrong with each line instead
 * of stopping at the first problem. Thread-safe.
 *
 * @param objects the objects read
 * @param problems what could not be read, one message a line
 */
record SavedObjectsFile(List<SavedObject> objects, List<String> problems) {
    /** Kibana rejects a key given twice in one object only sometimes; the check always does. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    SavedObjectsFile {
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
    }

    static SavedObjectsFile parse(String ndjson) {
        Objects.requireNonNull(ndjson, "ndjson");
        var objects = new ArrayList<SavedObject>();
        var problems = new ArrayList<String>();
        String[] lines = ndjson.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty()) {
                continue; // Kibana's import skips blank lines too.
            }
            int line = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                problems.add("line " + line + ": not a JSON object: " + e.getOriginalMessage());
                continue;
            }
            if (node.has("exportedCount")) {
                continue; // The summary line that Kibana's export appends: not an object.
            }
            String type = node.path("type").asText("");
            String id = node.path("id").asText("");
            JsonNode attributes = node.path("attributes");
            if (type.isBlank() || id.isBlank() || !attributes.isObject()) {
                problems.add("line " + line + ": a saved object needs a type, an id and an attributes object, got"
                        + " type '" + type + "', id '" + id + "'" + (attributes.isObject() ? "" : ", no attributes"));
                continue;
            }
            var references = new ArrayList<SavedObject.Reference>();
            JsonNode declared = node.path("references");
            if (!declared.isMissingNode() && !declared.isArray()) {
                problems.add("line " + line + ": references must be a list");
            }
            for (JsonNode reference : declared) {
                String name = reference.path("name").asText("");
                String refType = reference.path("type").asText("");
                String refId = reference.path("id").asText("");
                if (name.isBlank() || refType.isBlank() || refId.isBlank()) {
                    problems.add("line " + line + ": a reference needs a name, a type and an id, got " + reference);
                } else {
                    references.add(new SavedObject.Reference(name, refType, refId));
                }
            }
            objects.add(new SavedObject(line, type, id, attributes, references));
        }
        return new SavedObjectsFile(objects, problems);
    }
}
