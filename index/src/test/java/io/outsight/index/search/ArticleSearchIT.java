package io.outsight.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.Tags;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.sink.BulkOutcome;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexDocument;
import io.outsight.index.sink.IndexHandler;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The query module on a real Elasticsearch with a handful of articles whose tags and figures are known. */
@ExtendWith(LocalStackExtension.class)
class ArticleSearchIT {
    private static final String ALIAS = "it-search-articles";
    private static final Instant ENRICHED = Instant.parse("2026-02-01T00:00:00Z");
    private static ElasticsearchClient es;
    private static ArticleSearch search;
    private static EnrichedArticle indiaBpo;
    private static EnrichedArticle philippinesBpo;
    private static EnrichedArticle polandIto;

    @BeforeAll
    static void indexArticles(StackAddresses stack) throws Exception {
        es = ItSupport.client(stack.elasticsearchUrl());
        new IndexLayout(es, ALIAS).ensure();
        // India keeps the test articles' tags (APAC; Globex, Acme Research; Jane Doe). The others get regions,
        // organisations and people of their own, so that each tag filter keeps some articles and drops others.
        indiaBpo = TestArticles.article("https://news.example/india-bpo", "India BPO market booms", "BPO", "IN", "BPO",
                2026, 5.0e10, Instant.parse("2025-03-10T08:00:00Z"), ENRICHED);
        philippinesBpo = withTags(TestArticles.article("https://news.example/ph-bpo", "Manila contact centres hire",
                "BPO", "PH", "BPO", 2025, 3.0e10, Instant.parse("2025-04-02T08:00:00Z"), ENRICHED),
                List.of("APAC"), List.of("Initech"), List.of("Maria Santos"));
        // Poland's article states an ITO market size for 2024 and, separately, a growth rate for 2026.
        var poland = withTags(TestArticles.article("https://news.example/pl-ito", "Polish IT outsourcing grows", "ITO",
                "PL", "ITO", 2024, 1.0e10, Instant.parse("2025-04-20T08:00:00Z"), ENRICHED),
                List.of("EMEA"), List.of("Globex"), List.of("Jan Kowalski"));
        var growth = new MarketFigure("growth_rate", 12.5, "percent", null, 2026, null, null, 12.5, "ITO", "PL", null,
                "growth", 0, 3);
        var figures = new ArrayList<>(poland.marketFigures());
        figures.add(growth);
        polandIto = new EnrichedArticle(poland.article(), poland.enrichedAt(), poland.enricherVersion(),
                poland.tags(), poland.entities(), figures, poland.relevance());

        var codec = new RecordCodec();
        try (var sink = new BulkSink(es, ALIAS, true, BulkSettings.DEFAULT)) {
            var outcomes = sink.write(List.of(indiaBpo, philippinesBpo, polandIto).stream()
                    .map(a -> new IndexDocument(a.id(), IndexHandler.versionOf(a), codec.encode(a))).toList());
            assertTrue(outcomes.stream().allMatch(o -> o instanceof BulkOutcome.Written), outcomes.toString());
        }
        search().refresh();
    }

    /** The article with these regions, organisations and people instead of its own (types and countries kept). */
    private static EnrichedArticle withTags(EnrichedArticle a, List<String> regions, List<String> organizations,
            List<String> people) {
        var t = a.tags();
        var tags = new Tags(t.outsourcingTypes(), t.countries(), regions, organizations, people, t.sourcingModels());
        return new EnrichedArticle(a.article(), a.enrichedAt(), a.enricherVersion(), tags, a.entities(),
                a.marketFigures(), a.relevance());
    }

    @AfterAll
    static void close() throws Exception {
        es.close();
    }

    private static ArticleSearch search() {
        if (search == null) {
            search = new ArticleSearch(es, ALIAS);
        }
        return search;
    }

    private static Set<String> ids(SearchResults results) {
        return results.hits().stream().map(SearchResults.Hit::id).collect(Collectors.toSet());
    }

    @Test
    void fullTextSearchHighlightsTitleAndText() throws Exception {
        var results = search().search(ArticleQuery.text("Manila"));
        assertEquals(Set.of(philippinesBpo.id()), ids(results));
        var hit = results.hits().getFirst();
        assertTrue(hit.highlight().get("title").getFirst().contains("<em>Manila</em>"), hit.highlight().toString());
        assertEquals("Manila contact centres hire", hit.title());
    }

    private static Set<String> idsOf(EnrichedArticle... articles) {
        return Arrays.stream(articles).map(EnrichedArticle::id).collect(Collectors.toSet());
    }

    /** Each tag filter on its own keeps exactly the articles that carry one of its values, whatever the case. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tagFilters")
    void eachTagFilterKeepsExactlyTheArticlesWithTheTag(String option, List<String> values,
            BiConsumer<ArticleQuery.Builder, List<String>> filter, Set<String> expected) throws Exception {
        var builder = ArticleQuery.builder();
        filter.accept(builder, values);
        assertEquals(expected, ids(search().search(builder.build())), option + " " + values);
    }

    static Stream<Arguments> tagFilters() {
        BiConsumer<ArticleQuery.Builder, List<String>> types = ArticleQuery.Builder::outsourcingTypes;
        BiConsumer<ArticleQuery.Builder, List<String>> countries = ArticleQuery.Builder::countries;
        BiConsumer<ArticleQuery.Builder, List<String>> regions = ArticleQuery.Builder::regions;
        BiConsumer<ArticleQuery.Builder, List<String>> organizations = ArticleQuery.Builder::organizations;
        BiConsumer<ArticleQuery.Builder, List<String>> people = ArticleQuery.Builder::people;
        return Stream.of(
                Arguments.of("type", List.of("bpo"), types, idsOf(indiaBpo, philippinesBpo)),
                Arguments.of("type", List.of("ito"), types, idsOf(polandIto)),
                Arguments.of("country", List.of("pl", "DE"), countries, idsOf(polandIto)),
                Arguments.of("country", List.of("in", "ph"), countries, idsOf(indiaBpo, philippinesBpo)),
                Arguments.of("region", List.of("apac"), regions, idsOf(indiaBpo, philippinesBpo)),
                Arguments.of("region", List.of("emea"), regions, idsOf(polandIto)),
                Arguments.of("organization", List.of("globex"), organizations, idsOf(indiaBpo, polandIto)),
                Arguments.of("organization", List.of("INITECH"), organizations, idsOf(philippinesBpo)),
                Arguments.of("person", List.of("jane doe"), people, idsOf(indiaBpo)),
                Arguments.of("person", List.of("maria santos", "jan kowalski"), people,
                        idsOf(philippinesBpo, polandIto)),
                Arguments.of("person", List.of("nobody"), people, Set.of()));
    }

    @Test
    void tagFiltersCombineWithAnd() throws Exception {
        assertEquals(Set.of(indiaBpo.id()), ids(search().search(ArticleQuery.builder().regions(List.of("apac"))
                .organizations(List.of("globex")).build())), "APAC and Globex: Philippines lacks Globex, Poland APAC");
        assertEquals(Set.of(polandIto.id()), ids(search().search(ArticleQuery.builder().organizations(
                List.of("globex")).people(List.of("jan kowalski")).build())));
        assertEquals(0, search().search(ArticleQuery.builder().outsourcingTypes(List.of("BPO"))
                .countries(List.of("PL")).build()).total());
        assertEquals(0, search().search(ArticleQuery.builder().regions(List.of("EMEA"))
                .people(List.of("Jane Doe")).build()).total());
    }

    @Test
    void filtersByPublicationDaysInclusive() throws Exception {
        var april = ArticleQuery.builder().published(LocalDate.parse("2025-04-02"), LocalDate.parse("2025-04-20"))
                .build();
        assertEquals(Set.of(philippinesBpo.id(), polandIto.id()), ids(search().search(april)));
    }

    @Test
    void figureFiltersMustHoldForOneAndTheSameFigure() throws Exception {
        var marketSize2026 = ArticleQuery.builder().figureKinds(List.of("market_size")).figureYears(2026, 2026).build();
        assertEquals(Set.of(indiaBpo.id()), ids(search().search(marketSize2026)),
                "Poland has a market size (2024) and a growth rate for 2026, but no market size for 2026");
        var itoFrom2024 = ArticleQuery.builder().figureSegments(List.of("ito")).figureYears(2024, null).build();
        assertEquals(Set.of(polandIto.id()), ids(search().search(itoFrom2024)));
    }

    @Test
    void facetsCountTagsMonthsAndMarketSizesBySegmentAndYear() throws Exception {
        var results = search().search(ArticleQuery.builder().facets(Set.of(Facet.values())).size(0).build());
        assertEquals(3, results.total());
        assertTrue(results.hits().isEmpty());
        Map<Facet, List<FacetBucket>> facets = results.facets();
        assertEquals(List.of(FacetBucket.of("BPO", 2), FacetBucket.of("ITO", 1)), facets.get(Facet.TYPES));
        assertEquals(List.of(FacetBucket.of("2025-03", 1), FacetBucket.of("2025-04", 2)), facets.get(Facet.PUBLISHED));
        assertEquals(List.of(
                new FacetBucket("BPO", 2, List.of(FacetBucket.of("2025-03", 1), FacetBucket.of("2025-04", 1)), null),
                new FacetBucket("ITO", 1, List.of(FacetBucket.of("2025-04", 1)), null)),
                facets.get(Facet.TYPES_BY_MONTH), "a time series per type");
        assertEquals(List.of(FacetBucket.of("market_size", 3), FacetBucket.of("growth_rate", 1)),
                facets.get(Facet.FIGURE_KINDS));

        var bySegment = facets.get(Facet.MARKET_SIZE).stream()
                .collect(Collectors.toMap(FacetBucket::key, b -> b));
        assertEquals(Set.of("BPO", "ITO"), bySegment.keySet(), "growth rates are not market sizes");
        var bpoYears = bySegment.get("BPO").children();
        assertEquals(List.of("2025", "2026"), bpoYears.stream().map(FacetBucket::key).toList());
        assertEquals(3.0e10, bpoYears.get(0).stats().max());
        assertEquals(5.0e10, bpoYears.get(1).stats().sum());

        var json = results.toJson();
        assertEquals(2, json.at("/facets/types/0/count").asInt());
        assertEquals("2026", json.at("/facets/market-size/0/children/1/key").asText());
    }

    @Test
    void marketFiguresComeBackOneByOneWithTheirArticle() throws Exception {
        var figures = new MarketFigureSearch(es, ALIAS);
        var sizes = figures.search(ArticleQuery.builder().figureKinds(List.of("market_size")).size(10).build());
        assertEquals(3, sizes.articles());
        assertEquals(List.of("BPO 2025", "BPO 2026", "ITO 2024"), sizes.points().stream()
                .map(p -> p.figure().segment() + " " + p.figure().year()).toList(),
                "ordered by segment and year; Poland's growth rate is not a market size");
        var india = sizes.points().get(1);
        assertEquals(indiaBpo.id(), india.articleId());
        assertEquals("India BPO market booms", india.title());
        assertEquals(indiaBpo.marketFigures().getFirst(), india.figure(), "the figure reads back as indexed");

        var growth = figures.search(ArticleQuery.builder().figureKinds(List.of("growth_rate"))
                .countries(List.of("PL")).build());
        assertEquals(List.of(12.5), growth.points().stream().map(p -> p.figure().value()).toList());
        assertEquals(0, figures.search(ArticleQuery.builder().figureKinds(List.of("market_size"))
                .countries(List.of("DE")).build()).points().size(), "article filters apply");
    }

    @Test
    void blankQueryListsNewestFirst() throws Exception {
        var results = search().search(ArticleQuery.builder().size(3).build());
        assertEquals(List.of(polandIto.id(), philippinesBpo.id(), indiaBpo.id()),
                results.hits().stream().map(SearchResults.Hit::id).toList());
    }

    @Test
    void articleByIdCarriesEntitiesWithOffsetsIntoItsText() throws Exception {
        var stored = search().article(indiaBpo.id()).orElseThrow();
        assertEquals(IndexHandler.versionOf(indiaBpo), stored.version());
        String text = stored.article().article().text();
        assertFalse(stored.article().entities().isEmpty());
        for (var entity : stored.article().entities()) {
            assertEquals(entity.text(), text.substring(entity.start(), entity.end()), entity.toString());
        }
        assertTrue(search().article("no-such-id").isEmpty());
    }
}
