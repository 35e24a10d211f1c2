package io.outsight.index.dedup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Level;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.FieldAndFormat;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchItem;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.msearch.RequestItem;
import co.elastic.clients.elasticsearch.core.search.HitsMetadata;
import co.elastic.clients.elasticsearch.core.search.SearchRequestBody;
import co.elastic.clients.elasticsearch.indices.stats.ShardStats;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.ObjectBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, for each article of a batch, the indexed articles that may be copies of it: the documents sharing its
 * normalised-text hash or at least {@value ClusterRule#MIN_SHARED_BANDS} of its band keys, plus the article's own
 * document if it is already indexed. Only the fields the clustering needs come back.
 *
 * <p>One search serves a group of up to {@value #ARTICLES_PER_SEARCH} articles: it asks for every document that is
 * one of them, has the normalised-text hash of one, or has band keys of the group's articles in at least two of
 * {@value #BAND_PARTS} parts of their keys (a terms query per part, unscored: the cost follows the matches, not the
 * size of the index). Which of those share enough keys with which article is worked out here, by comparing
 * signatures band by band ({@link CandidateMatcher}); Elasticsearch could count the keys a document shares with each
 * article only with a term query per key, which costs it ten times a terms query (each seeks its term in every
 * segment on its own; measured in BENCHMARKS.md). A search per article costs Elasticsearch four to six times as much
 * as indexing the same documents, because each pays a search's fixed cost; a search per group pays it once. When
 * more documents match a group than one search returns (50 per article), its articles are looked up one by one, in
 * one multi-search, each asking for documents sharing two keys, so that chance matches cannot crowd out a copy.
 *
 * <p>Thread-safe.
 */
final class CandidateLookup implements CandidateSource {
    private static final Logger log = LoggerFactory.getLogger(CandidateLookup.class);
    /**
     * Candidates per article, unranked: enough that texts which merely share some band keys with it (similar, not
     * copies) rarely crowd out a true copy; copies of one story beyond this many are in the same cluster anyway.
     */
    static final int MAX_CANDIDATES = 50;
    /**
     * Articles looked up by one search: few enough that documents sharing keys with two of them in different parts
     * (not copies of either) stay few (the more articles, the more such pairs), and their 3,300 keys stay well under
     * Elasticsearch's 65,536 terms per query.
     */
    static final int ARTICLES_PER_SEARCH = 100;
    /**
     * Parts a group's band keys are cut into, band {@code i} in part {@code i % 8}: a group's search asks for documents
     * with keys in two parts, a terms query per part. Elasticsearch cannot count matching keys per document cheaply
     * (a term query per key costs ten times one terms query), but it can count matching parts: documents sharing a
     * single key by chance, most of what a terms query over all keys returns in a large index, no longer come back
     * (in the 25,000-article benchmark index, 5.8 documents per article instead of 44, in half the time). A copy at the
     * 0.8 threshold (about 13 shared bands) has all its shared bands in one part with probability 2.8 × 10⁻⁶, against
     * 1.1 × 10⁻⁶ for sharing fewer than two at all.
     */
    static final int BAND_PARTS = 8;
    /** The most documents one search returns (Elasticsearch's default result window). */
    static final int MAX_HITS = 10_000;
    private static final List<String> SOURCE = List.of("id", ClusterFields.CLUSTER_ID, ClusterFields.DUPLICATE_OF,
            ClusterFields.FINGERPRINT);
    private static final String SCHEME = "fingerprint.scheme";
    private static final String SIGNATURE = "fingerprint.signature";
    /** What a candidate needs, all with doc values in index versions made from the current template. */
    private static final List<String> DOC_VALUES = List.of("id", ClusterFields.CLUSTER_ID, ClusterFields.DUPLICATE_OF,
            SCHEME, ClusterFields.TEXT_HASH, SIGNATURE);
    /** Documents read per page by {@link #scanKeys}. */
    static final int SCAN_PAGE = 2_000;
    /** How long the scan's point in time stays open between two pages. */
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));
    /** The article's own document ranks first whatever else matches (article-by-article look-ups). */
    private static final float SELF_BOOST = 1000f;

    private final ElasticsearchClient es;
    private final String index;
    private final int maxHits;
    private final int scanPage;
    private final ObjectMapper mapper = new RecordCodec().mapper();
    /**
     * Whether candidates are read from {@code _source}: only for an index made before the signature had doc values.
     * Reading doc values spares Elasticsearch decompressing and filtering each candidate's whole stored document,
     * which was the larger part of the lookups' cost.
     */
    private volatile boolean fromSource;

    CandidateLookup(ElasticsearchClient es, String index) {
        this(es, index, MAX_HITS, SCAN_PAGE);
    }

    /**
     * @param maxHits the most documents one search may return (tests lower it to reach the article-by-article way)
     * @param scanPage documents read per page by {@link #scanKeys} (tests lower it to read several pages)
     */
    CandidateLookup(ElasticsearchClient es, String index, int maxHits, int scanPage) {
        this.es = Objects.requireNonNull(es, "es");
        this.index = Objects.requireNonNull(index, "index");
        if (maxHits < 0 || maxHits > MAX_HITS) {
            throw new IllegalArgumentException("maxHits must be 0 to " + MAX_HITS + ", was " + maxHits);
        }
        this.maxHits = maxHits;
        if (scanPage < 1) {
            throw new IllegalArgumentException("scanPage must be positive, was " + scanPage);
        }
        this.scanPage = scanPage;
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
    public Map<String, Found> find(List<EnrichedSummary> articles) throws IOException {
        if (articles.isEmpty()) {
            // The class of every other answer, not Map.of(): the clustering's compiled loop over the answer then
            // meets one class, where two had it trapped and compiled again in rounds of the sink benchmark.
            return new LinkedHashMap<>();
        }
        if (!fromSource) {
            try {
                return lookUp(articles, false);
            } catch (NoDocValuesException e) {
                log.info("the index behind {} has no doc values for the fingerprint signature ({}); candidates are "
                        + "read from _source until a new version is built with 'outsight reprocess'", index,
                        e.getMessage());
                fromSource = true;
            }
        }
        return lookUp(articles, true);
    }

    /** A refresh of the index: what was written so far becomes searchable now, not at the next scheduled refresh. */
    @Override
    public void makeWritesVisible() throws IOException {
        es.indices().refresh(r -> r.index(index));
    }

    /**
     * Reads every document's id, text hash and band keys from {@code _source} (the band keys have no doc values), a
     * page of {@value #SCAN_PAGE} at a time in a point in time (a consistent view while the sink writes), after a
     * refresh.
     */
    @Override
    public String scanKeys(IndexedKeys keys) throws IOException {
        makeWritesVisible();
        String scanned = concreteIndex();
        String pit = es.openPointInTime(o -> o.index(index).keepAlive(KEEP_ALIVE)).id();
        try {
            List<FieldValue> after = null;
            boolean first = true;
            while (true) {
                String at = pit;
                List<FieldValue> from = after;
                boolean counted = first;
                SearchResponse<ObjectNode> page = es.search(s -> {
                    s.pit(p -> p.id(at).keepAlive(KEEP_ALIVE)).size(scanPage)
                            .sort(o -> o.field(f -> f.field("_shard_doc")))
                            .source(f -> f.filter(i -> i.includes(ClusterFields.TEXT_HASH, ClusterFields.BANDS)))
                            .trackTotalHits(t -> t.enabled(counted));
                    return from == null ? s : s.searchAfter(from);
                }, ObjectNode.class);
                for (var shardFailure : page.shards().failures()) {
                    throw failure("scan of " + index, shardFailure.reason(), true);
                }
                if (first) {
                    var total = page.hits().total();
                    keys.allocate(total == null ? 0 : total.value());
                    first = false;
                }
                var hits = page.hits().hits();
                for (var hit : hits) {
                    addKeys(keys, hit.id(), hit.source());
                }
                if (page.pitId() != null) {
                    pit = page.pitId();
                }
                if (hits.size() < scanPage) {
                    return scanned;
                }
                after = hits.getLast().sort();
            }
        } finally {
            String opened = pit;
            es.closePointInTime(c -> c.id(opened));
        }
    }

    private static void addKeys(IndexedKeys keys, @Nullable String id, @Nullable ObjectNode source) {
        if (id == null) {
            return;
        }
        JsonNode fingerprint = source == null ? null : source.get(ClusterFields.FINGERPRINT);
        if (fingerprint == null || !fingerprint.isObject()) {
            keys.addIndexed(id, null, List.of());
            return;
        }
        JsonNode hash = fingerprint.get("text_hash");
        var bands = new ArrayList<String>();
        JsonNode bandNode = fingerprint.get("bands");
        if (bandNode != null && bandNode.isArray()) {
            bandNode.forEach(band -> {
                if (band.isTextual()) {
                    bands.add(band.asText());
                }
            });
        }
        keys.addIndexed(id, hash == null || !hash.isTextual() ? null : hash.asText(), bands);
    }

    /** The concrete indices behind the name searched, sorted and comma-separated. */
    @Override
    public String concreteIndex() throws IOException {
        var resolved = es.indices().resolveIndex(r -> r.name(index));
        var names = new TreeSet<String>();
        resolved.indices().forEach(i -> names.add(i.name()));
        resolved.aliases().forEach(alias -> names.addAll(alias.indices()));
        return String.join(",", names);
    }

    @Override
    public Map<String, Long> refreshCounts() throws IOException {
        var stats = es.indices().stats(s -> s.index(index).metric("refresh").level(Level.Shards));
        var counts = new TreeMap<String, Long>();
        stats.indices().forEach((name, indexStats) -> indexStats.shards().forEach((shard, copies) -> {
            for (ShardStats copy : copies) {
                var routing = copy.routing();
                var refresh = copy.refresh();
                if (routing == null || refresh == null) {
                    continue; // a copy without the stats cannot vouch for anything: left out, and so not covered
                }
                counts.put(name + "/" + shard + "/" + routing.node() + "/" + (routing.primary() ? "p" : "r"),
                        refresh.externalTotal());
            }
        }));
        return counts;
    }

    private Map<String, Found> lookUp(List<EnrichedSummary> articles, boolean source) throws IOException {
        var found = new LinkedHashMap<String, Found>();
        var tooMany = new ArrayList<EnrichedSummary>();
        // One group after the other, each answer matched (and the documents matching no article dropped) before the
        // next is read, so that a slice's answers are never held parsed all at once.
        for (List<EnrichedSummary> group : groups(articles)) {
            var hits = searchGroup(group, source);
            var total = hits.total();
            if (total != null && total.value() > hits.hits().size()) {
                log.debug("{} documents match the keys of {} articles, more than one search returns; looking them "
                        + "up one by one", total.value(), group.size());
                tooMany.addAll(group);
                continue;
            }
            found.putAll(CandidateMatcher.match(group, members(hits, source), MAX_CANDIDATES));
        }
        if (!tooMany.isEmpty()) {
            found.putAll(searchOneByOne(tooMany, source));
        }
        return found;
    }

    /** The documents {@link #together} asks for: the group's own, and those that may be copies of its articles. */
    private HitsMetadata<ObjectNode> searchGroup(List<EnrichedSummary> group, boolean source) throws IOException {
        int size = Math.min(maxHits, group.size() * (MAX_CANDIDATES + 1));
        String what = "candidate search for " + group.size() + " articles";
        SearchResponse<ObjectNode> response;
        try {
            response = es.search(s -> {
                s.index(index).size(size).trackTotalHits(t -> t.count(size + 1)).query(together(group));
                return source ? s.source(f -> f.filter(i -> i.includes(SOURCE)))
                        : s.source(f -> f.fetch(false)).storedFields("_none_").docvalueFields(docValueFields());
            }, ObjectNode.class);
        } catch (ElasticsearchException e) {
            throw failure(what, e.error(), source);
        }
        for (var shardFailure : response.shards().failures()) {
            throw failure(what, shardFailure.reason(), source);
        }
        return response.hits();
    }

    /** The articles in order, in groups of {@value #ARTICLES_PER_SEARCH}. */
    private static List<List<EnrichedSummary>> groups(List<EnrichedSummary> articles) {
        var groups = new ArrayList<List<EnrichedSummary>>();
        for (int from = 0; from < articles.size(); from += ARTICLES_PER_SEARCH) {
            groups.add(articles.subList(from, Math.min(articles.size(), from + ARTICLES_PER_SEARCH)));
        }
        return groups;
    }

    /** Whether the lookups read candidates from {@code _source} (an index older than the signature's doc values). */
    boolean readsSource() {
        return fromSource;
    }

    private List<MultiSearchResponseItem<ObjectNode>> msearch(List<RequestItem> searches, int articles)
            throws IOException {
        List<MultiSearchResponseItem<ObjectNode>> items;
        try {
            items = es.msearch(m -> m.searches(searches), ObjectNode.class).responses();
        } catch (ElasticsearchException e) {
            throw new IOException("candidate searches for " + articles + " articles failed: " + e.getMessage(), e);
        }
        if (items.size() != searches.size()) {
            throw new IOException("Elasticsearch answered " + items.size() + " searches of " + searches.size());
        }
        return items;
    }

    /** The answer of one search of a multi-search; its failure, or any shard's, as an exception. */
    private static MultiSearchItem<ObjectNode> result(MultiSearchResponseItem<ObjectNode> item, String what,
            boolean source) throws IOException {
        if (item.isFailure()) {
            throw failure(what + " (" + item.failure().status() + ")", item.failure().error(), source);
        }
        var result = item.result();
        for (var shardFailure : result.shards().failures()) {
            throw failure(what, shardFailure.reason(), source);
        }
        return result;
    }

    private List<ClusterMember> members(HitsMetadata<ObjectNode> hits, boolean source) {
        var members = new ArrayList<ClusterMember>(hits.hits().size());
        for (var hit : hits.hits()) {
            ClusterMember member = source ? fromSource(hit.id(), hit.source()) : fromDocValues(hit.fields());
            if (member != null) {
                members.add(member);
            }
        }
        return members;
    }

    /** Only what a candidate needs comes back: from doc values, or from {@code _source} on an old index. */
    private static ObjectBuilder<SearchRequestBody> fields(SearchRequestBody.Builder body, boolean source) {
        return source ? body.source(s -> s.filter(f -> f.includes(SOURCE)))
                : body.source(s -> s.fetch(false)).storedFields("_none_").docvalueFields(docValueFields());
    }

    /**
     * Any article's own document or normalised-text hash, or band keys in two of the {@value #BAND_PARTS} parts of
     * the group's keys, unscored.
     */
    private static Query together(List<EnrichedSummary> articles) {
        var ids = new ArrayList<String>(articles.size());
        var hashes = new ArrayList<FieldValue>(articles.size());
        var parts = new ArrayList<LinkedHashSet<String>>();
        for (int part = 0; part < BAND_PARTS; part++) {
            parts.add(new LinkedHashSet<>());
        }
        for (EnrichedSummary article : articles) {
            TextFingerprint fingerprint = Objects.requireNonNull(article.fingerprint(), "fingerprint");
            ids.add(article.id());
            hashes.add(FieldValue.of(fingerprint.textHash()));
            List<String> bands = fingerprint.bands();
            for (int band = 0; band < bands.size(); band++) {
                parts.get(band % BAND_PARTS).add(bands.get(band));
            }
        }
        var partQueries = new ArrayList<Query>();
        for (var part : parts) {
            if (!part.isEmpty()) {
                var values = part.stream().map(FieldValue::of).toList();
                partQueries.add(Query.of(q -> q.terms(t -> t.field(ClusterFields.BANDS).terms(v -> v.value(values)))));
            }
        }
        var should = new ArrayList<Query>();
        should.add(Query.of(q -> q.ids(i -> i.values(ids))));
        should.add(Query.of(q -> q.terms(t -> t.field(ClusterFields.TEXT_HASH).terms(v -> v.value(hashes)))));
        if (!partQueries.isEmpty()) {
            String required = Integer.toString(Math.min(ClusterRule.MIN_SHARED_BANDS, partQueries.size()));
            should.add(Query.of(q -> q.bool(b -> b.should(partQueries).minimumShouldMatch(required))));
        }
        return Query.of(q -> q.constantScore(c -> c.filter(f -> f.bool(b -> b.should(should).minimumShouldMatch("1")))));
    }

    /**
     * Documents sharing at least {@link ClusterRule#sharedBandsRequired} of the fingerprint's band keys: a term
     * query per key, since a terms query matches on any one and cannot count (ten times the cost of one terms query,
     * so only for the article-by-article look-ups).
     */
    private static Query sharedBands(TextFingerprint fingerprint) {
        var terms = new ArrayList<Query>(fingerprint.bands().size());
        for (String key : fingerprint.bands()) {
            terms.add(Query.of(q -> q.term(t -> t.field(ClusterFields.BANDS).value(key))));
        }
        String required = Integer.toString(ClusterRule.sharedBandsRequired(fingerprint));
        return Query.of(q -> q.bool(b -> b.should(terms).minimumShouldMatch(required)));
    }

    private static List<FieldAndFormat> docValueFields() {
        return DOC_VALUES.stream().map(f -> FieldAndFormat.of(v -> v.field(f))).toList();
    }

    /** The error of a failed search, as a {@link NoDocValuesException} when the signature's doc values are at fault. */
    private static IOException failure(String what, ErrorCause error, boolean source) {
        String reason = error.type() + ": " + error.reason() + causes(error);
        if (!source && reason.contains(SIGNATURE)) {
            return new NoDocValuesException(reason);
        }
        return new IOException(what + " failed: " + reason);
    }

    /** One search per article, in one multi-search: for articles whose matches are too many for one search. */
    private Map<String, Found> searchOneByOne(List<EnrichedSummary> articles, boolean source) throws IOException {
        var searches = new ArrayList<RequestItem>(articles.size());
        for (EnrichedSummary article : articles) {
            searches.add(RequestItem.of(r -> r.header(h -> h.index(index))
                    .body(b -> fields(b.size(MAX_CANDIDATES + 1).query(query(article)), source))));
        }
        var items = msearch(searches, articles.size());
        var found = new LinkedHashMap<String, Found>();
        for (int i = 0; i < items.size(); i++) {
            String id = articles.get(i).id();
            ClusterMember self = null;
            var candidates = new ArrayList<ClusterMember>();
            for (ClusterMember member : members(result(items.get(i), "candidate search for " + id, source).hits(),
                    source)) {
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

    /** The reasons of the shard failures under a search failure, where the field at fault is named. */
    private static String causes(ErrorCause error) {
        var text = new StringBuilder();
        for (ErrorCause cause = error.causedBy(); cause != null; cause = cause.causedBy()) {
            text.append("; ").append(cause.reason());
        }
        error.rootCause().forEach(root -> text.append("; ").append(root.reason()));
        return text.toString();
    }

    /** A search failed because the signature has no doc values in this index. */
    private static final class NoDocValuesException extends IOException {
        NoDocValuesException(String reason) {
            super(reason);
        }
    }

    private static Query query(EnrichedSummary article) {
        TextFingerprint fingerprint = Objects.requireNonNull(article.fingerprint(), "fingerprint");
        // The band keys unscored: a scored term query costs a weight with term statistics from every segment, and
        // that made the lookups the larger part of Elasticsearch's CPU while indexing. Candidates come back
        // unranked, which is fine: each is verified by its estimated Jaccard, and copies beyond MAX_CANDIDATES
        // belong to the same cluster anyway.
        var should = new ArrayList<Query>();
        should.add(Query.of(q -> q.ids(i -> i.values(article.id()).boost(SELF_BOOST))));
        should.add(Query.of(q -> q.constantScore(c -> c.filter(f -> f.term(t -> t.field(ClusterFields.TEXT_HASH)
                .value(FieldValue.of(fingerprint.textHash())))))));
        should.add(Query.of(q -> q.constantScore(c -> c.filter(sharedBands(fingerprint)))));
        return Query.of(q -> q.bool(b -> b.should(should).minimumShouldMatch("1")));
    }

    private @Nullable ClusterMember fromSource(@Nullable String id, @Nullable ObjectNode source) {
        if (id == null || source == null) {
            return null;
        }
        return new ClusterMember(id, text(source, ClusterFields.CLUSTER_ID), text(source, ClusterFields.DUPLICATE_OF),
                fingerprint(source.get(ClusterFields.FINGERPRINT)));
    }

    private static @Nullable ClusterMember fromDocValues(Map<String, JsonData> fields) {
        String id = first(fields, "id");
        if (id == null) {
            return null;
        }
        String scheme = first(fields, SCHEME);
        String textHash = first(fields, ClusterFields.TEXT_HASH);
        String signature = first(fields, SIGNATURE);
        TextFingerprint fingerprint = null;
        if (scheme != null && textHash != null && signature != null) {
            try {
                fingerprint = new TextFingerprint(scheme, textHash, signature, List.of());
            } catch (IllegalArgumentException e) {
                // unreadable: the document cannot be matched, as if it had no fingerprint
            }
        }
        return new ClusterMember(id, first(fields, ClusterFields.CLUSTER_ID), first(fields, ClusterFields.DUPLICATE_OF),
                fingerprint);
    }

    /** The first value of a doc-value field of a hit (each comes as an array), or null when it has none. */
    private static @Nullable String first(Map<String, JsonData> fields, String field) {
        JsonData values = fields.get(field);
        if (values == null) {
            return null;
        }
        JsonValue json = values.toJson();
        if (json instanceof JsonArray array && !array.isEmpty() && array.get(0) instanceof JsonString string) {
            return string.getString();
        }
        return null;
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
