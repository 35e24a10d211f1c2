package io.outsight.index.dedup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.TextFingerprint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds, for each article of a batch, the indexed articles that may be copies of it, in one multi-search request:
 * per article, the documents sharing any of its band keys or its normalised-text hash (a terms and a term query on
 * keyword fields, so the cost follows the matches, not the size of the index), plus the article's own document if it
 * is already indexed. Only the fields the clustering needs come back.
 *
 * <p>Thread-safe.
 */
final class CandidateLookup implements CandidateSource {
    /**
     * Candidates per article, unranked: enough that texts which merely share some band keys with it (similar, not
     * copies) rarely crowd out a true copy; copies of one story beyond this many are in the same cluster anyway.
     */
    static final int MAX_CANDIDATES = 50;
    private static final List<String> SOURCE = List.of("id", ClusterFields.CLUSTER_ID, ClusterFields.DUPLICATE_OF,
            ClusterFields.FINGERPRINT);
    /** The article's own document ranks first whatever else matches. */
    private static final float SELF_BOOST = 1000f;

    private final ElasticsearchClient es;
    private final String index;
    private final ObjectMapper mapper = new RecordCodec().mapper();

    CandidateLookup(ElasticsearchClient es, String index) {
        this.es = Objects.requireNonNull(es, "es");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** What the index holds for one article. */
    record Found(@Nullable ClusterMember self, List<ClusterMember> candidates) {
        static final Found NOTHING = new Found(null, List.of());
    }

    /**
     * @param articles articles with a fingerprint
     * @return by article id
     * @throws IOException when Elasticsearch cannot be reached or fails a search (the caller retries the batch)
     */
    @Override
    public Map<String, Found> find(List<EnrichedArticle> articles) throws IOException {
        var found = new LinkedHashMap<String, Found>();
        if (articles.isEmpty()) {
            return found;
        }
        var searches = new ArrayList<RequestItem>(articles.size());
        for (EnrichedArticle article : articles) {
            searches.add(RequestItem.of(r -> r.header(h -> h.index(index))
                    .body(b -> b.size(MAX_CANDIDATES + 1).query(query(article))
                            .source(s -> s.filter(f -> f.includes(SOURCE))))));
        }
        var response = es.msearch(m -> m.searches(searches), ObjectNode.class);
        var items = response.responses();
        if (items.size() != articles.size()) {
            throw new IOException("Elasticsearch answered " + items.size() + " searches for " + articles.size());
        }
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            String id = articles.get(i).id();
            if (item.isFailure()) {
                var error = item.failure().error();
                throw new IOException("candidate search for " + id + " failed: " + item.failure().status() + " "
                        + error.type() + ": " + error.reason());
            }
            ClusterMember self = null;
            var candidates = new ArrayList<ClusterMember>();
            for (var hit : item.result().hits().hits()) {
                if (hit.id() == null || hit.source() == null) {
                    continue;
                }
                ClusterMember member = member(hit.id(), hit.source());
                if (member.id().equals(id)) {
                    self = member;
                } else {
                    candidates.add(member);
                }
            }
            found.put(id, new Found(self, candidates));
        }
        return found;
    }

    private static Query query(EnrichedArticle article) {
        TextFingerprint fingerprint = Objects.requireNonNull(article.fingerprint(), "fingerprint");
        // One terms query for all band keys, not a term query per band: a scored term query costs a weight with
        // term statistics from every segment, and that made the lookups the larger part of Elasticsearch's CPU
        // while indexing. Candidates come back unranked, which is fine: each is verified by its estimated Jaccard,
        // and copies beyond MAX_CANDIDATES belong to the same cluster anyway.
        var bands = fingerprint.bands().stream().map(FieldValue::of).toList();
        var should = new ArrayList<Query>();
        should.add(Query.of(q -> q.ids(i -> i.values(article.id()).boost(SELF_BOOST))));
        should.add(Query.of(q -> q.term(t -> t.field(ClusterFields.TEXT_HASH)
                .value(FieldValue.of(fingerprint.textHash())))));
        should.add(Query.of(q -> q.terms(t -> t.field(ClusterFields.BANDS).terms(v -> v.value(bands)))));
        return Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1")));
    }

    private ClusterMember member(String id, ObjectNode source) {
        return new ClusterMember(id, text(source, ClusterFields.CLUSTER_ID), text(source, ClusterFields.DUPLICATE_OF),
                fingerprint(source.get(ClusterFields.FINGERPRINT)));
    }

    private static @Nullable String text(ObjectNode source, String field) {
        JsonNode value = source.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private @Nullable TextFingerprint fingerprint(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            return mapper.treeToValue(node, TextFingerprint.class);
        } catch (IOException | IllegalArgumentException e) {
            return null; // unreadable: the document cannot be matched, as if it had no fingerprint
        }
    }
}
