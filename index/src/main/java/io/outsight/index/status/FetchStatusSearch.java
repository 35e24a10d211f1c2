package io.outsight.index.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.FetchStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Reads the fetch-status index: which URLs failed, how and why. Thread-safe. */
public final class FetchStatusSearch {
    private final ElasticsearchClient es;
    private final String index;
    private final RecordCodec codec;

    public FetchStatusSearch(ElasticsearchClient es, String index, RecordCodec codec) {
        this.es = Objects.requireNonNull(es, "es");
        this.index = Objects.requireNonNull(index, "index");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public FetchStatusResults search(FetchStatusQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        var filters = new ArrayList<Query>();
        if (!query.outcomes().isEmpty()) {
            var values = query.outcomes().stream()
                    .map(o -> FieldValue.of(o.strip().toLowerCase(Locale.ROOT))).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field("outcome").terms(v -> v.value(values)))));
        }
        if (!query.hosts().isEmpty()) {
            var values = query.hosts().stream().map(h -> FieldValue.of(h.strip().toLowerCase(Locale.ROOT))).toList();
            filters.add(Query.of(q -> q.terms(t -> t.field("host").terms(v -> v.value(values)))));
        }
        if (query.failedOnly()) {
            filters.add(Query.of(q -> q.term(t -> t.field("failed").value(true))));
        }
        if (query.since() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> d.field("checked_at")
                    .gte(query.since().toString())))));
        }
        var response = es.search(s -> s.index(index)
                .size(query.size())
                .trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(b -> b.filter(filters)))
                .sort(o -> o.field(f -> f.field("checked_at").order(SortOrder.Desc)))
                .aggregations("by_outcome", a -> a.terms(t -> t.field("outcome").size(50)))
                .aggregations("by_host", a -> a.terms(t -> t.field("host").size(20))), ObjectNode.class);
        var statuses = new ArrayList<FetchStatus>();
        for (var hit : response.hits().hits()) {
            ObjectNode source = Objects.requireNonNull(hit.source(), "_source");
            statuses.add(codec.decode(source.toString(), FetchStatus.class));
        }
        long total = response.hits().total() == null ? statuses.size() : response.hits().total().value();
        return new FetchStatusResults(total, statuses, counts(response.aggregations().get("by_outcome")),
                counts(response.aggregations().get("by_host")));
    }

    private static Map<String, Long> counts(co.elastic.clients.elasticsearch._types.aggregations.Aggregate aggregate) {
        var counts = new LinkedHashMap<String, Long>();
        if (aggregate != null) {
            aggregate.sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
        }
        return counts;
    }
}
