package io.outsight.index.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StatsAggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs {@link ArticleQuery}s against the article alias: the one query module behind the command line and the HTTP
 * API. Thread-safe.
 */
public final class ArticleSearch {
    static final int FACET_SIZE = 20;
    static final String FIGURES = "market_figures";
    private static final String DUPLICATE_OF = io.outsight.index.dedup.ClusterFields.DUPLICATE_OF;
    private static final RecordCodec CODEC = new RecordCodec();

    private final ElasticsearchClient es;
    private final String alias;

    public ArticleSearch(ElasticsearchClient es, String alias) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    public SearchResults search(ArticleQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        var response = es.search(request(alias, query), ObjectNode.class);
        var hits = new ArrayList<SearchResults.Hit>();
        for (var hit : response.hits().hits()) {
            hits.add(new SearchResults.Hit(Objects.requireNonNull(hit.id(), "_id"),
                    hit.score() == null ? 0 : hit.score(), Objects.requireNonNull(hit.source(), "_source"),
                    hit.highlight()));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        var facets = new EnumMap<Facet, List<FacetBucket>>(Facet.class);
        for (Facet facet : query.facets()) {
            Aggregate aggregate = response.aggregations().get(facet.wireName());
            if (aggregate != null) {
                facets.put(facet, buckets(facet, aggregate));
            }
        }
        return new SearchResults(total, hits, facets);
    }

    /** The search request for a query; package-private so tests can read the JSON it sends. */
    static SearchRequest request(String index, ArticleQuery query) {
        var filters = filters(query);
        boolean hasText = !query.text().isBlank();
        Query match = textQuery(query);
        return SearchRequest.of(s -> {
            s.index(index)
                    .from(query.from())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> b.must(match).filter(filters)));
            if (hasText) {
                s.highlight(h -> h.fields(List.of(
                        NamedValue.of("title", HighlightField.of(f -> f.numberOfFragments(0))),
                        NamedValue.of("text", HighlightField.of(f -> f.fragmentSize(160).numberOfFragments(2))))));
            } else {
                // Without words to rank by, the newest articles come first.
                s.sort(o -> o.field(f -> f.field("published_at").order(SortOrder.Desc).missing("_last")));
            }
            for (Facet facet : query.facets()) {
                s.aggregations(facet.wireName(), aggregation(facet));
            }
            return s;
        });
    }

    private static List<Query> filters(ArticleQuery query) {
        var filters = articleFilters(query);
        if (query.filtersFigures()) {
            filters.add(Query.of(q -> q.nested(n -> n.path(FIGURES).query(figureFilter(query)))));
        }
        return filters;
    }

    /**
     * The filters on articles' tags and publication dates, without the figure filters: {@link MarketFigureSearch}
     * adds those itself, to read the matching figures back.
     */
    static List<Query> articleFilters(ArticleQuery query) {
        var filters = new ArrayList<Query>();
        anyOf(filters, "tags.outsourcing_types", query.outsourcingTypes());
        anyOf(filters, "tags.countries", query.countries());
        anyOf(filters, "tags.regions", query.regions());
        anyOf(filters, "tags.organizations", query.organizations());
        anyOf(filters, "tags.people", query.people());
        if (query.unique()) {
            // Canonical articles only: one per story, and documents indexed before clustering (no duplicate_of)
            // count as stories of their own. Facets aggregate the same documents, so they count stories too.
            filters.add(Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field(DUPLICATE_OF))))));
        }
        if (query.publishedFrom() != null || query.publishedTo() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("published_at");
                if (query.publishedFrom() != null) {
                    d.gte(query.publishedFrom().toString());
                }
                if (query.publishedTo() != null) {
                    d.lt(query.publishedTo().plusDays(1).toString());
                }
                return d;
            }))));
        }
        return filters;
    }

    /** The free-text part of a query: a multi-match over the article's fields, or everything when blank. */
    static Query textQuery(ArticleQuery query) {
        return query.text().isBlank()
                ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.multiMatch(m -> m.query(query.text())
                        .fields("title^3", "description^2", "headings^2", "text")));
    }

    /** One query on a nested figure: kind, segment and year must hold for the same figure. */
    static Query figureFilter(ArticleQuery query) {
        var figure = new ArrayList<Query>();
        anyOf(figure, FIGURES + ".kind", query.figureKinds());
        anyOf(figure, FIGURES + ".segment", query.figureSegments());
        if (query.figureYearFrom() != null || query.figureYearTo() != null) {
            figure.add(Query.of(q -> q.range(r -> r.number(n -> {
                n.field(FIGURES + ".year");
                if (query.figureYearFrom() != null) {
                    n.gte(query.figureYearFrom().doubleValue());
                }
                if (query.figureYearTo() != null) {
                    n.lte(query.figureYearTo().doubleValue());
                }
                return n;
            }))));
        }
        return Query.of(f -> f.bool(b -> b.filter(figure)));
    }

    /** Keeps documents whose field holds any of the values, ignoring case (tags are codes or names as written). */
    private static void anyOf(List<Query> filters, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        var terms = values.stream()
                .map(v -> Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(v)).caseInsensitive(true))))
                .toList();
        filters.add(Query.of(q -> q.bool(b -> b.should(terms).minimumShouldMatch("1"))));
    }

    private static Aggregation aggregation(Facet facet) {
        return switch (facet) {
            case TYPES, COUNTRIES, REGIONS, ORGANIZATIONS, PEOPLE, SOURCING_MODELS ->
                    Aggregation.of(a -> a.terms(t -> t.field(facet.field()).size(FACET_SIZE)));
            case PUBLISHED -> Aggregation.of(a -> a.dateHistogram(h -> h.field(facet.field())
                    .calendarInterval(CalendarInterval.Month).format("yyyy-MM").minDocCount(1)));
            case TYPES_BY_MONTH -> Aggregation.of(a -> a.terms(t -> t.field(facet.field()).size(FACET_SIZE))
                    .aggregations("months", m -> m.dateHistogram(h -> h.field(Facet.PUBLISHED.field())
                            .calendarInterval(CalendarInterval.Month).format("yyyy-MM").minDocCount(1))));
            case FIGURE_KINDS -> Aggregation.of(a -> a.nested(n -> n.path(FIGURES))
                    .aggregations("kinds", k -> k.terms(t -> t.field(facet.field()).size(FACET_SIZE))));
            case MARKET_SIZE -> Aggregation.of(a -> a.nested(n -> n.path(FIGURES))
                    .aggregations("market_size", m -> m.filter(f -> f.term(t -> t.field(FIGURES + ".kind")
                                    .value("market_size")))
                            .aggregations("segments", s -> s.terms(t -> t.field(FIGURES + ".segment")
                                            .size(FACET_SIZE))
                                    .aggregations("years", y -> y.terms(t -> t.field(FIGURES + ".year").size(50)
                                                    .order(NamedValue.of("_key", SortOrder.Asc)))
                                            .aggregations("value", v -> v.stats(st -> st.field(facet.field())))))));
        };
    }

    private static List<FacetBucket> buckets(Facet facet, Aggregate aggregate) {
        return switch (facet) {
            case TYPES, COUNTRIES, REGIONS, ORGANIZATIONS, PEOPLE, SOURCING_MODELS -> terms(aggregate);
            case PUBLISHED -> months(aggregate);
            case TYPES_BY_MONTH -> aggregate.sterms().buckets().array().stream()
                    .map(type -> new FacetBucket(type.key().stringValue(), type.docCount(),
                            months(type.aggregations().get("months")), null))
                    .toList();
            case FIGURE_KINDS -> terms(aggregate.nested().aggregations().get("kinds"));
            case MARKET_SIZE -> {
                var segments = aggregate.nested().aggregations().get("market_size").filter().aggregations()
                        .get("segments");
                var result = new ArrayList<FacetBucket>();
                for (var segment : segments.sterms().buckets().array()) {
                    var years = new ArrayList<FacetBucket>();
                    for (var year : segment.aggregations().get("years").lterms().buckets().array()) {
                        years.add(new FacetBucket(String.valueOf(year.key()), year.docCount(), List.of(),
                                stats(year.aggregations().get("value").stats())));
                    }
                    result.add(new FacetBucket(segment.key().stringValue(), segment.docCount(), years, null));
                }
                yield result;
            }
        };
    }

    private static List<FacetBucket> months(Aggregate aggregate) {
        return aggregate.dateHistogram().buckets().array().stream()
                .map(b -> FacetBucket.of(Objects.requireNonNullElse(b.keyAsString(), String.valueOf(b.key())),
                        b.docCount()))
                .toList();
    }

    private static List<FacetBucket> terms(Aggregate aggregate) {
        return aggregate.sterms().buckets().array().stream()
                .map(b -> FacetBucket.of(b.key().stringValue(), b.docCount()))
                .toList();
    }

    private static FacetBucket.ValueStats stats(StatsAggregate s) {
        return new FacetBucket.ValueStats(s.count(), Objects.requireNonNullElse(s.min(), 0.0),
                Objects.requireNonNullElse(s.max(), 0.0), Objects.requireNonNullElse(s.avg(), 0.0), s.sum());
    }

    /**
     * One article by id, with its entities and their offsets (real-time: no refresh needed).
     *
     * @throws io.outsight.core.json.RecordFormatException if the stored document is not an enriched article
     */
    public Optional<StoredArticle> article(String id) throws IOException {
        Objects.requireNonNull(id, "id");
        var response = es.get(g -> g.index(alias).id(id), ObjectNode.class);
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        ObjectNode document = response.source();
        EnrichedArticle article = CODEC.decode(document.toString(), EnrichedArticle.class);
        long version = response.version() == null ? 0 : response.version();
        return Optional.of(new StoredArticle(id, version, article, document));
    }

    /** The indexed documents among {@code ids}, by id (real-time: no refresh needed). */
    public Map<String, ObjectNode> byIds(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var response = es.mget(m -> m.index(alias).ids(List.copyOf(ids)), ObjectNode.class);
        var found = new LinkedHashMap<String, ObjectNode>();
        for (var doc : response.docs()) {
            if (doc.isResult() && doc.result().found() && doc.result().source() != null) {
                found.put(doc.result().id(), doc.result().source());
            }
        }
        return found;
    }

    /** Makes everything indexed so far visible to searches now rather than within the refresh interval. */
    public void refresh() throws IOException {
        es.indices().refresh(r -> r.index(alias));
    }
}
