package io.outsight.index.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/** Runs {@link ArticleQuery}s against the article alias. Thread-safe. */
public final class ArticleSearch {
    private final ElasticsearchClient es;
    private final String alias;

    public ArticleSearch(ElasticsearchClient es, String alias) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    public SearchResults search(ArticleQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        var filters = new ArrayList<Query>();
        addTermsFilter(filters, "tags.outsourcing_types", query.outsourcingTypes());
        addTermsFilter(filters, "tags.countries", query.countries());
        Query match = query.text().isBlank()
                ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.multiMatch(m -> m.query(query.text())
                        .fields("title^3", "description^2", "headings^2", "text")));
        var response = es.search(s -> s.index(alias)
                .size(query.size())
                .trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(b -> b.must(match).filter(filters)))
                .highlight(h -> h.fields(NamedValue.of("text",
                        HighlightField.of(f -> f.fragmentSize(160).numberOfFragments(2))))),
                ObjectNode.class);
        var hits = new ArrayList<SearchResults.Hit>();
        for (var hit : response.hits().hits()) {
            List<String> highlights = hit.highlight().getOrDefault("text", List.of());
            hits.add(new SearchResults.Hit(hit.id(), hit.score() == null ? 0 : hit.score(),
                    Objects.requireNonNull(hit.source(), "_source"), highlights));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchResults(total, hits);
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

    /** Upper-cases the codes, so {@code --type bpo} finds BPO. */
    private static void addTermsFilter(List<Query> filters, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        var terms = values.stream().map(v -> FieldValue.of(v.strip().toUpperCase(java.util.Locale.ROOT))).toList();
        filters.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms)))));
    }
}
