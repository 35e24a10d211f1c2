package io.outsight.index.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.InnerHitsResult;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.MarketFigure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back the market figures themselves, not just the articles that state them: each figure matching the
 * query's figure filters (kind, segment, years), with the sentence that states it and the article it comes from, so
 * a chart can plot one point per figure and link it to its source. The article filters and words of the query
 * choose the articles; {@link ArticleQuery#size()} bounds how many articles are read. Thread-safe.
 */
public final class MarketFigureSearch {
    /** Elasticsearch's default index.max_inner_result_window: the most figures read from one article. */
    static final int MAX_FIGURES_PER_ARTICLE = 100;
    private static final Logger log = LoggerFactory.getLogger(MarketFigureSearch.class);
    private static final String INNER_HITS = "figures";
    private static final RecordCodec CODEC = new RecordCodec();
    private static final Comparator<FigurePoint> ORDER = Comparator
            .comparing((FigurePoint p) -> Objects.requireNonNullElse(p.figure().segment(), ""))
            .thenComparing(p -> p.figure().year(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FigurePoint::articleId)
            .thenComparingInt(p -> p.figure().start());

    private final ElasticsearchClient es;
    private final String alias;

    public MarketFigureSearch(ElasticsearchClient es, String alias) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    /** The figures matching the query, ordered by segment, year, article and position in the text. */
    public FigurePoints search(ArticleQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        var response = es.search(request(alias, query), ObjectNode.class);
        var points = new ArrayList<FigurePoint>();
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            ObjectNode source = Objects.requireNonNull(hit.source(), "_source");
            InnerHitsResult inner = hit.innerHits().get(INNER_HITS);
            if (inner == null) {
                continue;
            }
            for (Hit<JsonData> figureHit : inner.hits().hits()) {
                var figure = figure(hit.id(), figureHit.source());
                if (figure != null) {
                    points.add(new FigurePoint(Objects.requireNonNull(hit.id(), "_id"),
                            source.path("title").asText(""), source.path("url").asText(""),
                            source.hasNonNull("published_at") ? source.get("published_at").asText() : null,
                            figure));
                }
            }
        }
        points.sort(ORDER);
        long total = response.hits().total() == null ? response.hits().hits().size()
                : response.hits().total().value();
        return new FigurePoints(total, points);
    }

    private static @Nullable MarketFigure figure(@Nullable String id,
            @Nullable JsonData source) {
        if (source == null) {
            return null;
        }
        try {
            // The stored figure is the record as the codec wrote it (snake_case): read it back the same way.
            return CODEC.mapper().readValue(source.toJson().toString(), MarketFigure.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A figure that does not make a record (an older mapping, a hand-written document) is left out of the
            // chart rather than failing the whole answer.
            log.warn("article {}: skipping a market figure that does not read back: {}", id, e.toString());
            return null;
        }
    }

    /** The search request; package-private so tests can read the JSON it sends. */
    static SearchRequest request(String index, ArticleQuery query) {
        var filters = ArticleSearch.articleFilters(query);
        filters.add(Query.of(q -> q.nested(n -> n.path(ArticleSearch.FIGURES)
                .query(ArticleSearch.figureFilter(query))
                .innerHits(i -> i.name(INNER_HITS).size(MAX_FIGURES_PER_ARTICLE)))));
        Query match = ArticleSearch.textQuery(query);
        return SearchRequest.of(s -> s.index(index)
                .from(query.from())
                .size(query.size())
                .trackTotalHits(t -> t.enabled(true))
                .source(src -> src.filter(f -> f.includes("title", "url", "published_at")))
                .query(q -> q.bool(b -> b.must(match).filter(filters)))
                .sort(o -> o.field(f -> f.field("published_at").order(SortOrder.Desc).missing("_last"))));
    }

}
