package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.TextFingerprint;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.ArticleSearch;
import io.outsight.index.search.Facet;
import io.outsight.index.search.FacetBucket;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexHandler;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Syndicated copies through the index stage's handler on a real Elasticsearch: copies in one batch, copies
 * arriving later (found by the band lookup), copies arriving before the index refreshed (found in the worker's
 * memory), replays, and searches that count stories rather than copies.
 */
@ExtendWith(LocalStackExtension.class)
class SyndicatedCopiesIT {
    private static final String ALIAS = "it-dedup-articles";
    private static final RecordCodec CODEC = new RecordCodec();
    private static final Instant ENRICHED = Instant.parse("2026-06-01T00:00:00Z");
    private static ElasticsearchClient es;
    private static ArticleSearch search;
    private static long offset;

    @BeforeAll
    static void layout(StackAddresses stack) throws Exception {
        es = ItSupport.client(stack.elasticsearchUrl());
        new IndexLayout(es, ALIAS).ensure();
        search = new ArticleSearch(es, ALIAS);
    }

    @AfterAll
    static void close() throws Exception {
        es.close();
    }

    private static EnrichedArticle article(String url, String type, String published, Instant enriched,
            @Nullable TextFingerprint fingerprint) {
        return TestArticles.article(url, "Title of " + url, type, "IN", type, 2026, 1e9, Instant.parse(published),
                enriched).withFingerprint(fingerprint);
    }

    private static IndexHandler handler() {
        return new IndexHandler(new BulkSink(es, ALIAS, true, BulkSettings.DEFAULT), CODEC);
    }

    private static void index(IndexHandler handler, EnrichedArticle... articles) throws Exception {
        var records = java.util.Arrays.stream(articles)
                .map(a -> new ConsumerRecord<>("it.dedup", 0, offset++, a.id(), CODEC.encode(a))).toList();
        var out = handler.handle(records);
        assertTrue(out.isEmpty(), "no dead letters: " + out);
    }

    private static ObjectNode document(ArticleSearch in, EnrichedArticle article) throws Exception {
        return in.article(article.id()).orElseThrow(() -> new AssertionError("not indexed: " + article.id()))
                .document();
    }

    private static void assertCanonical(ArticleSearch in, EnrichedArticle article) throws Exception {
        var doc = document(in, article);
        assertEquals(article.id(), doc.path("cluster_id").asText(), doc.toString());
        assertFalse(doc.has("duplicate_of"), doc.toString());
    }

    private static void assertDuplicateOf(ArticleSearch in, EnrichedArticle canonical, EnrichedArticle copy)
            throws Exception {
        var doc = document(in, copy);
        assertEquals(canonical.id(), doc.path("cluster_id").asText(), doc.toString());
        assertEquals(canonical.id(), doc.path("duplicate_of").asText(), doc.toString());
    }

    @Test
    void clustersCopiesFindsThemLaterKeepsClustersOnReplayAndCountsStories() throws Exception {
        // A wire story, a portal's lightly edited copy (same batch), and an unrelated story.
        var wire = article("https://wire.example/globex-cebu", "BPO", "2026-05-02T08:00:00Z", ENRICHED,
                Fingerprints.story(100));
        var portal = article("https://portal.example/news/globex", "BPO", "2026-05-02T09:00:00Z", ENRICHED,
                Fingerprints.copy(100, 10, 1));
        var other = article("https://wire.example/kpo-poland", "KPO", "2026-05-03T08:00:00Z", ENRICHED,
                Fingerprints.story(200));
        var short1 = article("https://a.example/paywall", "ITO", "2026-05-03T08:00:00Z", ENRICHED, null);
        try (var handler = handler()) {
            index(handler, portal, other, wire, short1); // out of order: the earliest published becomes canonical
        }
        search.refresh();
        assertCanonical(search, wire);
        assertDuplicateOf(search, wire, portal);
        assertCanonical(search, other);
        assertCanonical(search, short1);

        // Later, from a fresh worker (nothing in memory): a copy published before the wire story, an exact copy of
        // the other story, and a piece that quotes the wire story (too far to be a copy).
        var early = article("https://early.example/globex", "BPO", "2026-05-01T00:00:00Z", ENRICHED,
                Fingerprints.copy(100, 5, 2));
        var exact = article("https://mirror.example/kpo", "KPO", "2026-05-04T00:00:00Z", ENRICHED,
                Fingerprints.story(200));
        var quoting = article("https://blog.example/analysis", "BPO", "2026-05-05T00:00:00Z", ENRICHED,
                Fingerprints.copy(100, 60, 3));
        try (var handler = handler()) {
            index(handler, early, exact, quoting);
        }
        search.refresh();
        assertDuplicateOf(search, wire, early); // the canonical article stays the first one placed
        assertDuplicateOf(search, other, exact);
        assertCanonical(search, quoting);

        // A replay of the portal's record and a re-enrichment of its unchanged text keep its cluster, even though
        // the early copy is now also indexed.
        var reenriched = article("https://portal.example/news/globex", "BPO", "2026-05-02T09:00:00Z",
                ENRICHED.plusSeconds(60), Fingerprints.copy(100, 10, 1));
        try (var handler = handler()) {
            index(handler, portal);
            assertEquals(1, handler.stale());
            index(handler, reenriched);
            assertEquals(1, handler.written());
        }
        search.refresh();
        assertDuplicateOf(search, wire, portal);
        assertEquals(IndexHandler.versionOf(reenriched), search.article(portal.id()).orElseThrow().version());

        // Copies one batch apart, before any refresh: the worker's memory of what it wrote finds the first.
        var first = article("https://fast.example/ito", "ITO", "2026-05-06T00:00:00Z", ENRICHED,
                Fingerprints.story(300));
        var second = article("https://faster.example/ito", "ITO", "2026-05-06T01:00:00Z", ENRICHED,
                Fingerprints.copy(300, 3, 1));
        try (var handler = handler()) {
            index(handler, first);
            index(handler, second);
        }
        search.refresh();
        assertCanonical(search, first);
        assertDuplicateOf(search, first, second);

        // 9 articles, 5 stories: wire (+portal, early), other (+exact), quoting, short1, first (+second).
        var all = search.search(ArticleQuery.builder().size(20).facets(Set.of(Facet.TYPES)).build());
        var unique = search.search(ArticleQuery.builder().size(20).unique(true).facets(Set.of(Facet.TYPES)).build());
        assertEquals(9, all.total());
        assertEquals(5, unique.total());
        assertEquals(Set.of(wire.id(), other.id(), quoting.id(), short1.id(), first.id()),
                unique.hits().stream().map(h -> h.id()).collect(Collectors.toSet()));
        assertEquals(Map.of("BPO", 4L, "KPO", 2L, "ITO", 3L), counts(all.facets().get(Facet.TYPES)));
        assertEquals(Map.of("BPO", 2L, "KPO", 1L, "ITO", 2L), counts(unique.facets().get(Facet.TYPES)));
        assertEquals(1, search.search(ArticleQuery.builder().text("Title").unique(true)
                .outsourcingTypes(List.of("KPO")).build()).total());
    }

    @Test
    void aPollSentInSlicesClustersCopiesAcrossItsSlices() throws Exception {
        var story = article("https://wire.example/slices", "BPO", "2026-07-02T00:00:00Z", ENRICHED,
                Fingerprints.story(400));
        var unrelated = article("https://wire.example/slices-other", "KPO", "2026-07-02T00:00:00Z", ENRICHED,
                Fingerprints.story(401));
        // Published before the story but in a later slice: the first placed stays canonical, as across polls.
        var copy = article("https://portal.example/slices", "BPO", "2026-07-01T00:00:00Z", ENRICHED,
                Fingerprints.copy(400, 4, 1));
        var unrelated2 = article("https://wire.example/slices-third", "ITO", "2026-07-02T00:00:00Z", ENRICHED,
                Fingerprints.story(402));
        var copy2 = article("https://mirror.example/slices", "BPO", "2026-07-03T00:00:00Z", ENRICHED,
                Fingerprints.copy(400, 6, 2));
        String alias = "it-dedup-slices";
        new IndexLayout(es, alias).ensure();
        var slices = new ArticleSearch(es, alias);
        // Slices of 2: nothing of the poll is searchable, nor remembered as written, when its later slices are placed.
        try (var handler = new IndexHandler(new BulkSink(es, alias, true, BulkSettings.DEFAULT.withMaxOperations(2)),
                CODEC)) {
            index(handler, story, unrelated, copy, unrelated2, copy2);
            assertEquals(5, handler.written());
        }
        slices.refresh();
        assertCanonical(slices, story);
        assertCanonical(slices, unrelated);
        assertDuplicateOf(slices, story, copy);
        assertCanonical(slices, unrelated2);
        assertDuplicateOf(slices, story, copy2);
    }

    @Test
    void aWorkerWritingAloneSearchesOnlyArticlesThatMayMatchAndStillClustersEveryCopy() throws Exception {
        String alias = "it-dedup-alone";
        new IndexLayout(es, alias).ensure();
        var alone = new ArticleSearch(es, alias);
        var story = article("https://wire.example/alone", "BPO", "2026-08-01T00:00:00Z", ENRICHED,
                Fingerprints.story(500));
        try (var earlier = new IndexHandler(new BulkSink(es, alias, true, BulkSettings.DEFAULT), CODEC)) {
            index(earlier, story); // written by an earlier worker: the new worker knows it only from its scan
        }
        var searched = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var lookup = new CandidateLookup(es, alias);
        var recording = new CandidateSource() {
            @Override
            public Map<String, CandidateLookup.Found> find(List<io.outsight.core.record.EnrichedSummary> articles)
                    throws java.io.IOException {
                articles.forEach(a -> searched.add(a.id()));
                return lookup.find(articles);
            }

            @Override
            public void makeWritesVisible() throws java.io.IOException {
                lookup.makeWritesVisible();
            }

            @Override
            public String scanKeys(IndexedKeys keys) throws java.io.IOException {
                return lookup.scanKeys(keys);
            }

            @Override
            public String concreteIndex() throws java.io.IOException {
                return lookup.concreteIndex();
            }
        };
        var clusters = new ClusterAssigner(recording);
        var copy = article("https://portal.example/alone", "BPO", "2026-08-02T00:00:00Z", ENRICHED,
                Fingerprints.copy(500, 8, 1));
        var unrelated = article("https://wire.example/alone-2", "KPO", "2026-08-02T00:00:00Z", ENRICHED,
                Fingerprints.story(501));
        var unrelated2 = article("https://wire.example/alone-3", "ITO", "2026-08-02T00:00:00Z", ENRICHED,
                Fingerprints.story(502));
        var copyOfUnrelated = article("https://mirror.example/alone-2", "KPO", "2026-08-03T00:00:00Z", ENRICHED,
                Fingerprints.copy(501, 3, 1));
        try (var handler = new IndexHandler(new BulkSink(es, alias, true, BulkSettings.DEFAULT), CODEC, clusters)) {
            handler.soleConsumer(true); // as the stage loop says when it holds every partition
            ItSupport.await(java.time.Duration.ofSeconds(30), "the scan of the index", clusters::filtersLookUps);
            index(handler, copy, unrelated, unrelated2);
            assertEquals(List.of(copy.id()), searched, "only the copy of the indexed story may match");
            // A copy of what this worker wrote a batch ago (perhaps not yet searchable): placed from its memory,
            // unsearched; and a replay of the story, searched (the index holds its id).
            index(handler, copyOfUnrelated, story);
            assertEquals(Set.of(copy.id(), story.id()), Set.copyOf(searched));
            assertEquals(1, handler.stale(), "the replay changed nothing");
        }
        alone.refresh();
        assertCanonical(alone, story);
        assertDuplicateOf(alone, story, copy);
        assertCanonical(alone, unrelated);
        assertCanonical(alone, unrelated2);
        assertDuplicateOf(alone, unrelated, copyOfUnrelated);
    }

    private static Map<String, Long> counts(List<FacetBucket> buckets) {
        return buckets.stream().collect(Collectors.toMap(FacetBucket::key, FacetBucket::count));
    }
}
