package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A mapping flattens to the field names Kibana shows, with multi-fields, nested paths and what each field allows. */
class IndexFieldsTest {
    private static final String MAPPINGS = """
            {"properties": {
              "title": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 512}}},
              "etag": {"type": "keyword", "index": false},
              "published_at": {"type": "date"},
              "tags": {"properties": {"countries": {"type": "keyword"}}},
              "market_figures": {"type": "nested", "properties": {
                "value": {"type": "double"}, "text": {"type": "text"}}}
            }}""";

    private final IndexFields fields = IndexFields.of("articles", read(MAPPINGS));

    @Test
    void flattensObjectsMultiFieldsAndNestedObjectsToDottedNames() {
        assertEquals(java.util.Set.of("title", "title.keyword", "etag", "published_at", "tags.countries",
                "market_figures.value", "market_figures.text"), fields.names());
        assertTrue(fields.isNestedPath("market_figures"));
        assertFalse(fields.isNestedPath("tags"), "an object is not a nested path");
    }

    @Test
    void knowsWhatEachFieldAllows() {
        IndexFields.Field title = fields.field("title").orElseThrow();
        IndexFields.Field keyword = fields.field("title.keyword").orElseThrow();
        IndexFields.Field etag = fields.field("etag").orElseThrow();
        IndexFields.Field value = fields.field("market_figures.value").orElseThrow();

        assertFalse(title.aggregatable(), "text has no doc values");
        assertTrue(keyword.aggregatable());
        assertFalse(etag.searchable(), "index: false");
        assertTrue(etag.aggregatable(), "a keyword that is not indexed still has doc values");
        assertEquals("market_figures", value.nestedPath());
        assertTrue(value.isNumeric());
        assertTrue(fields.field("published_at").orElseThrow().isDate());
        assertEquals(null, fields.field("tags.countries").orElseThrow().nestedPath());
    }

    @Test
    void matchesWildcardPatterns() {
        assertTrue(fields.matchesAny("tags.*"));
        assertTrue(fields.matchesAny("market_figures.*"));
        assertFalse(fields.matchesAny("entities.*"));
    }

    private static JsonNode read(String json) {
        try {
            return SavedObjectsFile.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
