package io.outsight.index.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.index.TestArticles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The template maps every field the pipeline writes, explicitly. */
class ArticlesTemplateTest {
    private static final JsonNode MAPPINGS = IndexLayout.templateMappings();

    @Test
    void unknownFieldsAreNotMappedDynamically() {
        assertEquals("false", MAPPINGS.path("dynamic").asText());
    }

    @Test
    void mapsEveryFieldOfAnEnrichedArticle() {
        var article = TestArticles.article("https://news.example/x", "Title", "BPO", "IN", "BPO", 2026, 1e9,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
        var document = new RecordCodec().toTree(article);
        document.put("etag", "\"abc\"").put("last_modified", "Tue, 01 Jan 2026 00:00:00 GMT")
                .put("modified_at", "2026-01-01T00:00:00Z");
        var unmapped = new ArrayList<String>();
        collectUnmapped("", document, MAPPINGS, unmapped);
        assertTrue(unmapped.isEmpty(), "fields without a mapping: " + unmapped);
    }

    @Test
    void mapsTheFingerprintAndClusterFields() {
        var article = TestArticles.article("https://news.example/y", "Title", "BPO", "IN", "BPO", 2026, 1e9,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"))
                .withFingerprint(io.outsight.core.record.TextFingerprint.of("s", "h", new int[] {1, 2},
                        List.of("b0")));
        var codec = new RecordCodec();
        byte[] json = io.outsight.index.dedup.ClusterFields.addTo(codec.encode(article),
                io.outsight.index.dedup.ClusterAssignment.duplicate(article.id(), "canonical-id"));
        JsonNode document;
        try {
            document = codec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var unmapped = new ArrayList<String>();
        collectUnmapped("", document, MAPPINGS, unmapped);
        assertTrue(unmapped.isEmpty(), "fields without a mapping: " + unmapped);
        assertEquals(Optional.of("keyword"), typeOf("cluster_id"));
        assertEquals(Optional.of("keyword"), typeOf("duplicate_of"));
        assertEquals(Optional.of("keyword"), typeOf("fingerprint.bands"));
        assertEquals(Optional.of("keyword"), typeOf("fingerprint.text_hash"));
        assertEquals(Optional.of("binary"), typeOf("fingerprint.signature"));
    }

    @ParameterizedTest
    @CsvSource({
        "tags.outsourcing_types, keyword", "tags.countries, keyword", "tags.regions, keyword",
        "tags.organizations, keyword", "tags.people, keyword", "tags.sourcing_models, keyword",
        "entities, nested", "market_figures, nested", "market_figures.value, double", "market_figures.year, integer",
        "market_figures.segment, keyword", "market_figures.kind, keyword", "published_at, date",
        "enriched_at, date", "fetched_at, date", "title, text", "title.keyword, keyword", "text, text",
        "relevance, float", "entities.start, integer", "entities.end, integer"})
    void typesFieldsForFilteringAndAggregation(String path, String type) {
        assertEquals(Optional.of(type), typeOf(path));
    }

    @Test
    void patternMatchesVersionedIndicesOnly() {
        var layout = new IndexLayout(co.elastic.clients.elasticsearch.ElasticsearchClient.of(b -> b
                .host("http://127.0.0.1:1")), "outsight-articles");
        assertEquals(Optional.of(12), layout.versionOf("outsight-articles-v12"));
        assertEquals(Optional.empty(), layout.versionOf("outsight-articles-v0"));
        assertEquals(Optional.empty(), layout.versionOf("outsight-articles-vx"));
        assertEquals(Optional.empty(), layout.versionOf("outsight-articles-other-v1"));
        assertEquals("outsight-articles-v3", layout.versionedIndex(3));
        assertFalse(IndexLayout.templateJson().isBlank());
    }

    private static Optional<String> typeOf(String path) {
        JsonNode node = MAPPINGS;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            JsonNode next = node.path("properties").path(parts[i]);
            if (next.isMissingNode()) {
                next = node.path("fields").path(parts[i]);
            }
            node = next;
        }
        return node.isMissingNode() ? Optional.empty()
                : Optional.of(node.path("type").asText(node.has("properties") ? "object" : ""));
    }

    private static void collectUnmapped(String prefix, JsonNode value, JsonNode mapping, List<String> unmapped) {
        if (value.isArray()) {
            value.forEach(v -> collectUnmapped(prefix, v, mapping, unmapped));
            return;
        }
        if (!value.isObject()) {
            return;
        }
        value.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey();
            JsonNode fieldMapping = mapping.path("properties").path(field.getKey());
            if (fieldMapping.isMissingNode()) {
                unmapped.add(path);
            } else {
                collectUnmapped(path + ".", field.getValue(), fieldMapping, unmapped);
            }
        });
    }
}
