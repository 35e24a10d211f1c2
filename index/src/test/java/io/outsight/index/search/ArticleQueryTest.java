package io.outsight.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleQueryTest {
    private static JsonNode requestJson(ArticleQuery query) throws Exception {
        var mapper = new JacksonJsonpMapper();
        var writer = new StringWriter();
        try (var generator = mapper.jsonProvider().createGenerator(writer)) {
            ArticleSearch.request("articles", query).serialize(generator, mapper);
        }
        return new ObjectMapper().readTree(writer.toString());
    }

    @Test
    void figureFiltersBecomeOneNestedQuery() throws Exception {
        var json = requestJson(ArticleQuery.builder().figureKinds(List.of("market_size"))
                .figureSegments(List.of("BPO")).figureYears(2024, 2026).build());
        var filters = json.at("/query/bool/filter");
        assertEquals(1, filters.size(), filters.toString());
        var nested = filters.get(0).path("nested");
        assertEquals("market_figures", nested.path("path").asText());
        assertEquals(3, nested.at("/query/bool/filter").size(), nested.toString());
    }

    @Test
    void publicationRangeIncludesTheLastDay() throws Exception {
        var json = requestJson(ArticleQuery.builder()
                .published(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31")).build());
        var range = json.at("/query/bool/filter/0/range/published_at");
        assertEquals("2025-01-01", range.path("gte").asText());
        assertEquals("2025-02-01", range.path("lt").asText());
    }

    @Test
    void wordsAreHighlightedAndBlankQueriesSortByDate() throws Exception {
        var words = requestJson(ArticleQuery.text("contact centre"));
        assertTrue(words.at("/highlight/fields").toString().contains("text"), words.toString());
        assertFalse(words.has("sort"));
        var blank = requestJson(ArticleQuery.builder().facets(Set.of(Facet.MARKET_SIZE)).build());
        assertTrue(blank.path("sort").toString().contains("published_at"), blank.toString());
        assertTrue(blank.at("/aggregations/market-size/nested").isObject(), blank.toString());
    }

    @Test
    void rejectsEmptyRangesAndDeepPaging() {
        assertThrows(IllegalArgumentException.class, () -> ArticleQuery.builder()
                .published(LocalDate.parse("2025-02-01"), LocalDate.parse("2025-01-01")).build());
        assertThrows(IllegalArgumentException.class, () -> ArticleQuery.builder().figureYears(2026, 2024).build());
        assertThrows(IllegalArgumentException.class, () -> ArticleQuery.builder().from(9_995).size(10).build());
    }

    @Test
    void uniqueKeepsOnlyCanonicalArticlesForHitsAndFacets() throws Exception {
        var all = requestJson(ArticleQuery.builder().facets(Set.of(Facet.TYPES)).build());
        assertFalse(all.toString().contains("duplicate_of"), all.toString());
        var unique = requestJson(ArticleQuery.builder().unique(true).facets(Set.of(Facet.TYPES)).build());
        var filters = unique.at("/query/bool/filter");
        assertEquals(1, filters.size(), filters.toString());
        assertEquals("duplicate_of", filters.get(0).at("/bool/must_not/0/exists/field").asText(), filters.toString());
        assertTrue(unique.at("/aggregations/types/terms").isObject(), "facets aggregate the filtered documents");
    }

    @Test
    void dropsBlankAndRepeatedValues() {
        var query = ArticleQuery.builder().countries(List.of(" IN", "", "IN", "PH")).build();
        assertEquals(List.of("IN", "PH"), query.countries());
    }

    @ParameterizedTest
    @CsvSource({"types, TYPES", "market-size, MARKET_SIZE", "Market_Size, MARKET_SIZE", "figure-kinds, FIGURE_KINDS"})
    void facetsHaveWireNames(String name, Facet facet) {
        assertEquals(Optional.of(facet), Facet.fromWireName(name));
    }
}
