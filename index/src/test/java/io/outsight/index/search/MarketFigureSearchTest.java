package io.outsight.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpSerializable;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.MarketFigure;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarketFigureSearchTest {
    private static JsonNode json(JsonpSerializable request) throws Exception {
        var mapper = new JacksonJsonpMapper();
        var writer = new StringWriter();
        try (var generator = mapper.jsonProvider().createGenerator(writer)) {
            request.serialize(generator, mapper);
        }
        return new ObjectMapper().readTree(writer.toString());
    }

    @Test
    void figureFiltersSelectTheFiguresReadBackAndArticleFiltersTheArticles() throws Exception {
        SearchRequest request = MarketFigureSearch.request("articles", ArticleQuery.builder().text("contact centres")
                .countries(List.of("IN")).figureKinds(List.of("market_size")).figureSegments(List.of("BPO"))
                .figureYears(2024, null).size(50).build());
        var json = json(request);
        var filters = json.at("/query/bool/filter");
        assertEquals(2, filters.size(), filters.toString());
        assertTrue(filters.get(0).toString().contains("tags.countries"), filters.toString());
        var nested = filters.get(1).path("nested");
        assertEquals("market_figures", nested.path("path").asText());
        assertEquals(3, nested.at("/query/bool/filter").size(), "kind, segment and year on one figure: " + nested);
        assertEquals(MarketFigureSearch.MAX_FIGURES_PER_ARTICLE, nested.at("/inner_hits/size").asInt(), nested.toString());
        assertTrue(json.at("/query/bool/must/0/multi_match").isObject(), json.toString());
        assertEquals(50, json.path("size").asInt());
        assertEquals(Set.of("title", "url", "published_at"),
                Set.copyOf(new ObjectMapper().convertValue(json.at("/_source/includes"), List.class)), json.toString());
    }

    @Test
    void theTypesByMonthFacetIsATimeSeriesPerType() throws Exception {
        var json = json(ArticleSearch.request("articles", ArticleQuery.builder().facets(Set.of(Facet.TYPES_BY_MONTH))
                .size(0).build()));
        var facet = json.at("/aggregations/types-by-month");
        assertEquals("tags.outsourcing_types", facet.at("/terms/field").asText(), facet.toString());
        assertEquals("published_at", facet.at("/aggregations/months/date_histogram/field").asText(), facet.toString());
        assertEquals("month", facet.at("/aggregations/months/date_histogram/calendar_interval").asText());
    }

    @Test
    void pointsSerializeWithTheirArticleAndTheFigureAsTheCodecWritesIt() {
        var figure = new MarketFigure("market_size", 3.432E11, "currency", "USD", 2025, null, null, 7.4, "BPO", "IN",
                null, "The BPO market will reach USD 343.2 billion by 2025.", 4, 60);
        var json = new FigurePoints(1, List.of(new FigurePoint("a1", "Title", "https://news.example/a", null, figure)))
                .toJson(new RecordCodec());
        assertEquals(1, json.path("articles").asLong());
        var point = json.at("/points/0");
        assertEquals("a1", point.path("article_id").asText());
        assertTrue(point.path("published_at").isMissingNode(), "unknown dates are left out: " + point);
        assertEquals(2025, point.at("/figure/year").asInt());
        assertEquals(7.4, point.at("/figure/cagr_percent").asDouble(), "snake_case as stored: " + point);
        assertEquals("The BPO market will reach USD 343.2 billion by 2025.", point.at("/figure/text").asText());
    }
}
