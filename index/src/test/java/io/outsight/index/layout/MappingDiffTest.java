package io.outsight.index.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an index's mapping lacks, or has otherwise, compared with the template's. */
class MappingDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void identicalMappingsLeaveNothingToDo() {
        var template = IndexLayout.templateMappings();
        var diff = MappingDiff.between(template, template.deepCopy());
        assertTrue(diff.isEmpty(), diff.toString());
        assertEquals(Optional.empty(), diff.additions());
        assertEquals(Optional.empty(), diff.updates());
    }

    @Test
    void ignoresHowElasticsearchEchoesAMappingBack() {
        // As GET _mapping (through the Java client) returns it: booleans as strings, implicit object types made
        // explicit, numbers re-formatted, a scalar copy_to as an array, and defaults the template does not state.
        var template = json("""
                {"dynamic": false, "properties": {
                  "title": {"type": "text", "copy_to": "all", "fields": {"keyword": {"type": "keyword",
                    "ignore_above": 512}}},
                  "fingerprint": {"properties": {"bands": {"type": "keyword", "doc_values": false}}},
                  "price": {"type": "scaled_float", "scaling_factor": 100}}}""");
        var index = json("""
                {"dynamic": "false", "properties": {
                  "title": {"type": "text", "copy_to": ["all"], "norms": true, "fields": {"keyword": {
                    "type": "keyword", "ignore_above": 512}}},
                  "fingerprint": {"type": "object", "properties": {"bands": {"type": "keyword",
                    "doc_values": "false"}}},
                  "price": {"type": "scaled_float", "scaling_factor": 100.0},
                  "legacy": {"type": "keyword"}}}""");
        var diff = MappingDiff.between(template, index);
        assertTrue(diff.isEmpty(), diff.toString());
    }

    @Test
    void addsAFieldMissingAtTheTopLevel() {
        var diff = MappingDiff.between(
                json("""
                        {"dynamic": false, "properties": {"id": {"type": "keyword"},
                          "cluster_id": {"type": "keyword"}}}"""),
                json("""
                        {"dynamic": "false", "properties": {"id": {"type": "keyword"}}}"""));
        assertEquals(List.of("cluster_id"), diff.missing());
        assertEquals(List.of(), diff.differing());
        assertEquals(json("""
                {"properties": {"cluster_id": {"type": "keyword"}}}"""), diff.additions().orElseThrow());
        assertEquals(Optional.empty(), diff.updates());
    }

    @Test
    void addsAMissingObjectWithEverySubField() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"fingerprint": {"properties": {"scheme": {"type": "keyword"},
                          "bands": {"type": "keyword", "doc_values": false}}}}}"""),
                json("""
                        {"properties": {}}"""));
        assertEquals(List.of("fingerprint", "fingerprint.scheme", "fingerprint.bands"), diff.missing());
        assertEquals(json("""
                {"properties": {"fingerprint": {"properties": {"scheme": {"type": "keyword"},
                  "bands": {"type": "keyword", "doc_values": false}}}}}"""), diff.additions().orElseThrow());
    }

    @Test
    void addsAPropertyToAnExistingNestedObjectRestatingItsDefinition() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"market_figures": {"type": "nested", "properties": {
                          "kind": {"type": "keyword"}, "segment": {"type": "keyword"}}}}}"""),
                json("""
                        {"properties": {"market_figures": {"type": "nested", "include_in_parent": true,
                          "properties": {"kind": {"type": "keyword"}}}}}"""));
        assertEquals(List.of("market_figures.segment"), diff.missing());
        // Without "type": "nested" Elasticsearch would read an object and refuse the change of type.
        assertEquals(json("""
                {"properties": {"market_figures": {"type": "nested", "include_in_parent": true,
                  "properties": {"segment": {"type": "keyword"}}}}}"""), diff.additions().orElseThrow());
    }

    @Test
    void addsAMultiFieldRestatingTheParentAsTheIndexHasIt() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"title": {"type": "text", "fields": {
                          "keyword": {"type": "keyword", "ignore_above": 512},
                          "raw": {"type": "keyword"}}}}}"""),
                json("""
                        {"properties": {"title": {"type": "text", "analyzer": "english", "fields": {
                          "raw": {"type": "keyword"}}}}}"""));
        assertEquals(List.of("title.keyword"), diff.missing());
        assertEquals(List.of(), diff.differing());
        assertEquals(json("""
                {"properties": {"title": {"type": "text", "analyzer": "english", "fields": {
                  "keyword": {"type": "keyword", "ignore_above": 512}}}}}"""), diff.additions().orElseThrow());
    }

    @Test
    void listsAFieldOfAnotherTypeWithoutLookingBelowIt() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"relevance": {"type": "float"},
                          "fingerprint": {"properties": {"bands": {"type": "keyword"}}}}}"""),
                json("""
                        {"properties": {"relevance": {"type": "keyword", "ignore_above": 10},
                          "fingerprint": {"type": "keyword"}}}"""));
        assertEquals(List.of(), diff.missing(), "nothing can be added under a keyword");
        assertEquals(List.of(
                new MappingDiff.Difference("relevance", "{\"type\":\"float\"}",
                        "{\"type\":\"keyword\",\"ignore_above\":10}"),
                new MappingDiff.Difference("fingerprint", "{}", "{\"type\":\"keyword\"}")), diff.differing());
        assertEquals(Optional.empty(), diff.additions());
    }

    @Test
    void listsAFieldWithAParameterElasticsearchCannotUpdate() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"fingerprint": {"properties": {
                          "bands": {"type": "keyword", "doc_values": false},
                          "signature": {"type": "binary", "doc_values": true}}}}}"""),
                json("""
                        {"properties": {"fingerprint": {"type": "object", "properties": {
                          "bands": {"type": "keyword"},
                          "signature": {"type": "binary", "doc_values": false}}}}}"""));
        assertEquals(List.of(
                new MappingDiff.Difference("fingerprint.bands", "{\"type\":\"keyword\",\"doc_values\":false}",
                        "{\"type\":\"keyword\"}"),
                new MappingDiff.Difference("fingerprint.signature", "{\"type\":\"binary\",\"doc_values\":true}",
                        "{\"type\":\"binary\",\"doc_values\":false}")), diff.differing());
        assertEquals("fingerprint.bands (template {\"type\":\"keyword\",\"doc_values\":false}, index "
                + "{\"type\":\"keyword\"})", diff.differing().getFirst().toString());
        assertTrue(diff.missing().isEmpty() && diff.updated().isEmpty());
    }

    @Test
    void stillAddsMissingFieldsBesideAConflict() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"relevance": {"type": "float"}, "duplicate_of": {"type": "keyword"}}}"""),
                json("""
                        {"properties": {"relevance": {"type": "keyword"}}}"""));
        assertEquals(List.of("duplicate_of"), diff.missing());
        assertEquals(List.of("relevance"), diff.differing().stream().map(MappingDiff.Difference::path).toList());
        assertEquals(json("""
                {"properties": {"duplicate_of": {"type": "keyword"}}}"""), diff.additions().orElseThrow(),
                "the additions body leaves the conflicting field out, so Elasticsearch accepts it");
    }

    @Test
    void updatesAParameterElasticsearchChangesInPlace() {
        var diff = MappingDiff.between(
                json("""
                        {"properties": {"title": {"type": "text", "fields": {
                          "keyword": {"type": "keyword", "ignore_above": 512}}}}}"""),
                json("""
                        {"properties": {"title": {"type": "text", "fields": {
                          "keyword": {"type": "keyword", "ignore_above": 256, "normalizer": "lower"}}}}}"""));
        assertEquals(List.of("title.keyword"), diff.updated());
        assertEquals(List.of(), diff.differing());
        assertEquals(Optional.empty(), diff.additions());
        assertEquals(json("""
                {"properties": {"title": {"type": "text", "fields": {
                  "keyword": {"type": "keyword", "ignore_above": 512, "normalizer": "lower"}}}}}"""),
                diff.updates().orElseThrow());
    }

    @Test
    void updatesDynamicAtTheRootAndListsOtherRootParameters() {
        var diff = MappingDiff.between(
                json("""
                        {"dynamic": false, "_source": {"excludes": ["text"]}, "properties": {}}"""),
                json("""
                        {"dynamic": "strict", "properties": {}}"""));
        assertEquals(List.of("(mapping root)"), diff.updated());
        assertEquals(json("""
                {"dynamic": false}"""), diff.updates().orElseThrow());
        assertEquals(List.of(new MappingDiff.Difference("(mapping root)", "{\"_source\":{\"excludes\":[\"text\"]}}",
                "{}")), diff.differing());
    }

    @Test
    void anIndexWithoutMappingsLacksEveryFieldOfTheTemplate() {
        var template = IndexLayout.templateMappings();
        var diff = MappingDiff.between(template, json("{}"));
        assertTrue(diff.missing().containsAll(List.of("cluster_id", "duplicate_of", "fingerprint",
                "fingerprint.bands", "title", "title.keyword", "market_figures.value")), diff.missing().toString());
        assertEquals(template.path("properties"), diff.additions().orElseThrow().path("properties"));
        assertEquals(List.of("(mapping root)"), diff.updated(), "dynamic: false is set too");
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "false             | '\"false\"'        | true",
        "true              | false              | false",
        "100               | 100.0              | true",
        "512               | '\"512\"'          | true",
        "512               | 256                | false",
        "'\"all\"'         | '[\"all\"]'        | true",
        "'[\"a\",\"b\"]'   | '[\"a\",\"b\"]'    | true",
        "'[\"a\",\"b\"]'   | '[\"b\",\"a\"]'    | false",
        "'[\"a\"]'         | '\"a\"'            | true",
        "'{\"a\":1}'       | '{\"a\":1,\"b\":2}' | true",
        "'{\"a\":1}'       | '{\"b\":1}'        | false",
        "'{\"a\":1}'       | '\"a\"'            | false",
        "'\"keyword\"'     | '{\"keyword\":1}'  | false"})
    void comparesParameterValuesAsElasticsearchMeansThem(String template, String index, boolean equivalent) {
        assertEquals(equivalent, MappingDiff.equivalent(json(template), json(index)));
    }

    @Test
    void aParameterTheIndexLacksIsADifference() {
        assertFalse(MappingDiff.equivalent(json("false"), null));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
