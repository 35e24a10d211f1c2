package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"{\"schema_version\":1,\"id\":\"x\"}", "  {\n \"id\" : \"x\" }", "{}", "{ }"})
    void addsTheFieldsToAnyObject(String document) throws Exception {
        byte[] json = document.getBytes(StandardCharsets.UTF_8);
        String canonicalId = "c\"1 Kraków\\\u0001€"; // escaped, and encoded as UTF-8
        var copy = JSON.readTree(ClusterFields.addTo(json, ClusterAssignment.duplicate("x", canonicalId)));
        assertEquals(canonicalId, copy.get("cluster_id").asText());
        assertEquals(canonicalId, copy.get("duplicate_of").asText());
        var canonical = JSON.readTree(ClusterFields.addTo(json, ClusterAssignment.canonical("x")));
        assertEquals("x", canonical.get("cluster_id").asText());
        assertFalse(canonical.has("duplicate_of"));
        var original = JSON.readTree(json);
        original.fieldNames().forEachRemaining(f -> assertEquals(original.get(f), canonical.get(f)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "", "  "})
    void refusesWhatIsNotAnObject(String document) {
        assertThrows(IllegalArgumentException.class, () -> ClusterFields.addTo(
                document.getBytes(StandardCharsets.UTF_8), ClusterAssignment.canonical("x")));
    }
}
