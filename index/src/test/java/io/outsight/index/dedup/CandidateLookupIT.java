package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The candidate lookup on the real node: from doc values on an index made from the current template, and from
 * {@code _source} on an index made before the signature had doc values, with the same candidates either way.
 */
@ExtendWith(LocalStackExtension.class)
class CandidateLookupIT {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final Instant ENRICHED = Instant.parse("2026-06-01T00:00:00Z");
    private static ElasticsearchClient es;

    @BeforeAll
    static void connect(StackAddresses stack) {
        es = ItSupport.client(stack.elasticsearchUrl());
    }

    @AfterAll
    static void close() throws Exception {
        es.close();
    }

    private static EnrichedArticle article(String url, TextFingerprint fingerprint) {
        return TestArticles.article(url, "Title of " + url, "BPO", "IN", "BPO", 2026, 1e9,
                Instant.parse("2026-05-02T08:00:00Z"), ENRICHED).withFingerprint(fingerprint);
    }

    private static List<EnrichedSummary> summaries(EnrichedArticle... articles) {
        return summaries(List.of(articles));
    }

    private static List<EnrichedSummary> summaries(List<EnrichedArticle> articles) {
        return articles.stream().map(EnrichedSummary::of).toList();
    }

    /** Stores the article as the sink would, with its cluster fields, and makes it searchable. */
    private static void store(String index, EnrichedArticle article, String clusterId) throws Exception {
        byte[] json = ClusterFields.addTo(CODEC.encode(article), ClusterAssignment.canonical(clusterId));
        es.index(i -> i.index(index).id(article.id()).withJson(new ByteArrayInputStream(json)));
        es.indices().refresh(r -> r.index(index));
    }

    private static void assertFindsTheStoredStory(CandidateLookup lookup, String index) throws Exception {
        var stored = article("https://wire.example/story", Fingerprints.story(7));
        store(index, stored, stored.id());
        var copy = article("https://portal.example/story", Fingerprints.copy(7, 10, 1));
        var unrelated = article("https://other.example/story", Fingerprints.story(8));

        var found = lookup.find(summaries(copy, unrelated));

        var candidates = found.get(copy.id()).candidates();
        assertEquals(1, candidates.size(), candidates.toString());
        ClusterMember member = candidates.getFirst();
        assertEquals(stored.id(), member.id());
        assertEquals(stored.id(), member.cluster());
        assertNull(member.duplicateOf());
        // The signature read back is the stored one: the verification compares the same components.
        assertEquals(stored.fingerprint().signature(), member.fingerprint().signature());
        assertEquals(stored.fingerprint().textHash(), member.fingerprint().textHash());
        assertEquals(copy.fingerprint().estimatedJaccard(stored.fingerprint()),
                copy.fingerprint().estimatedJaccard(member.fingerprint()));
        assertNull(found.get(copy.id()).self());
        assertTrue(found.get(unrelated.id()).candidates().isEmpty(), found.toString());

        // Its own document comes back as itself, not as a candidate.
        var again = lookup.find(summaries(stored)).get(stored.id());
        assertEquals(stored.id(), again.self().id());
        assertTrue(again.candidates().isEmpty(), again.toString());
    }

    @Test
    void readsCandidatesFromDocValuesOnAnIndexOfTheCurrentTemplate() throws Exception {
        String alias = "it-lookup-docvalues";
        new IndexLayout(es, alias).ensure();
        var lookup = new CandidateLookup(es, alias);

        assertFindsTheStoredStory(lookup, alias);

        assertFalse(lookup.readsSource(), "the current template gives the signature doc values");
    }

    @Test
    void readsTheRefreshesOfEachShardCopyWhichTheNodesOwnRefreshesAdvance() throws Exception {
        String alias = "it-lookup-refreshes";
        new IndexLayout(es, alias).ensure();
        var lookup = new CandidateLookup(es, alias);
        String concrete = new IndexLayout(es, alias).currentIndex().orElseThrow();

        Map<String, Long> before = lookup.refreshCounts();
        assertEquals(1, before.size(), before.toString()); // one shard, no replica on a single node
        String copy = before.keySet().iterator().next();
        assertTrue(copy.startsWith(concrete + "/0/") && copy.endsWith("/p"), copy);

        // Written without a refresh: the node's own refreshes (every second) make it searchable, and the second
        // refresh counted after the reading started after it.
        var first = article("https://refresh.example/1", Fingerprints.story(960));
        es.index(i -> i.index(alias).id(first.id()).withJson(new ByteArrayInputStream(CODEC.encode(first))));
        ItSupport.await(Duration.ofSeconds(30), "a refresh of the node's own",
                () -> refreshes(lookup, copy) >= before.get(copy) + 1);
        var second = article("https://refresh.example/2", Fingerprints.story(961));
        es.index(i -> i.index(alias).id(second.id()).withJson(new ByteArrayInputStream(CODEC.encode(second))));
        ItSupport.await(Duration.ofSeconds(30), "another refresh of the node's own",
                () -> refreshes(lookup, copy) >= before.get(copy) + 2);
        assertEquals(1, es.count(c -> c.index(alias).query(q -> q.ids(ids -> ids.values(first.id())))).count());

        long counted = refreshes(lookup, copy);
        lookup.makeWritesVisible();
        assertTrue(refreshes(lookup, copy) > counted, "a forced refresh is counted too");
    }

    private static long refreshes(CandidateLookup lookup, String copy) {
        try {
            return lookup.refreshCounts().getOrDefault(copy, -1L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void scansTheIdsTextHashesAndBandKeysOfEveryIndexedArticlePageByPage() throws Exception {
        String alias = "it-lookup-scan";
        new IndexLayout(es, alias).ensure();
        var stored = new ArrayList<EnrichedArticle>();
        for (int story = 0; story < 7; story++) {
            stored.add(article("https://scan.example/" + story, Fingerprints.story(900 + story)));
        }
        var bare = TestArticles.article("https://scan.example/bare", "Bare", "BPO", "IN", "BPO", 2026, 1e9,
                Instant.parse("2026-05-02T08:00:00Z"), ENRICHED);
        for (EnrichedArticle article : stored) {
            store(alias, article, article.id());
        }
        store(alias, bare, bare.id());

        var keys = new IndexedKeys();
        // Pages of 3: the 8 documents take three.
        String scanned = new CandidateLookup(es, alias, CandidateLookup.MAX_HITS, 3).scanKeys(keys);

        assertEquals(new IndexLayout(es, alias).currentIndex().orElseThrow(), scanned, "the index behind the alias");
        for (EnrichedArticle article : stored) {
            assertTrue(keys.mayBeIndexed(EnrichedSummary.of(article)), article.id());
        }
        // A copy under another id: found by its band keys, which the scan read from the documents.
        assertTrue(keys.mayBeIndexed(EnrichedSummary.of(article("https://copy.example/scan",
                Fingerprints.copy(903, 10, 1)))));
        var sameText = new TextFingerprint(Fingerprints.SCHEME, Fingerprints.story(905).textHash(),
                Fingerprints.story(1_905).signature(), Fingerprints.story(1_905).bands());
        assertTrue(keys.mayBeIndexed(EnrichedSummary.of(article("https://mirror.example/scan", sameText))));
        assertTrue(keys.mayBeIndexed(EnrichedSummary.of(bare.withFingerprint(Fingerprints.story(950)))),
                "a document without fingerprint is held by its id");
        assertFalse(keys.mayBeIndexed(EnrichedSummary.of(article("https://other.example/scan",
                Fingerprints.story(951)))));
    }

    @Test
    void looksArticlesUpOneByOneWhenMoreDocumentsMatchThanOneSearchReturns() throws Exception {
        String alias = "it-lookup-one-by-one";
        new IndexLayout(es, alias).ensure();
        // No document fits in one search's answer: every batch that matches anything takes the multi-search.
        var lookup = new CandidateLookup(es, alias, 0, CandidateLookup.SCAN_PAGE);

        assertFindsTheStoredStory(lookup, alias);
    }

    @Test
    void oneSearchForTheBatchFindsWhatASearchPerArticleFinds() throws Exception {
        String alias = "it-lookup-batch";
        var layout = new IndexLayout(es, alias);
        for (String index : layout.versionedIndices()) {
            es.indices().delete(d -> d.index(index));
        }
        layout.ensure();
        // 3,000 indexed articles (every 7th a copy of an earlier story), then a batch of 1,200 new ones, every 3rd a
        // copy of an indexed story: more than one search takes, so it is split, and many articles have candidates.
        var bulk = new BulkRequest.Builder().index(alias);
        for (int n = 0; n < 3_000; n++) {
            var article = TestArticles.fingerprinted(n, ENRICHED, 7);
            byte[] json = ClusterFields.addTo(CODEC.encode(article), ClusterAssignment.canonical(article.id()));
            bulk.operations(o -> o.index(i -> i.id(article.id()).document(JsonData.fromJson(
                    new String(json, StandardCharsets.UTF_8)))));
        }
        var response = es.bulk(bulk.build());
        assertFalse(response.errors(), "bulk errors");
        es.indices().refresh(r -> r.index(alias));
        var batch = new ArrayList<EnrichedArticle>();
        for (int i = 0; i < 1_200; i++) {
            var article = TestArticles.numbered(10_000 + i, ENRICHED);
            batch.add(article.withFingerprint(i % 3 == 0 ? Fingerprints.copy(i % 3_000, 6, i)
                    : Fingerprints.story(20_000 + i)));
        }
        batch.add(TestArticles.fingerprinted(5, ENRICHED, 7)); // an indexed article again: its own document

        var together = candidates(new CandidateLookup(es, alias).find(summaries(batch)));
        var oneByOne = candidates(new CandidateLookup(es, alias, 0, CandidateLookup.SCAN_PAGE)
                .find(summaries(batch)));

        assertEquals(oneByOne, together);
        assertTrue(together.values().stream().filter(c -> !c.isEmpty()).count() >= 400, together.toString());
    }

    @Test
    void aDocumentSharingOneBandKeyIsNoCandidateTwoMakeItEitherWay() throws Exception {
        String alias = "it-lookup-shared-bands";
        new IndexLayout(es, alias).ensure();
        var oneBand = article("https://one.example/band", Fingerprints.sharingBands(11, 1));
        var twoBands = article("https://two.example/bands", Fingerprints.sharingBands(11, 2));
        store(alias, oneBand, oneBand.id());
        store(alias, twoBands, twoBands.id());
        var article = article("https://wire.example/eleven", Fingerprints.story(11));

        for (int maxHits : List.of(CandidateLookup.MAX_HITS, 0)) { // one search for the group, then one per article
            var found = new CandidateLookup(es, alias, maxHits, CandidateLookup.SCAN_PAGE).find(summaries(article))
                    .get(article.id());

            assertEquals(List.of(twoBands.id()), found.candidates().stream().map(ClusterMember::id).toList(),
                    "maxHits " + maxHits);
        }
    }

    /** Candidate ids (sorted) and the own document's id, by article. */
    private static Map<String, List<String>> candidates(Map<String, CandidateLookup.Found> found) {
        var byArticle = new TreeMap<String, List<String>>();
        found.forEach((id, f) -> {
            var ids = new ArrayList<String>();
            f.candidates().forEach(c -> ids.add(c.id()));
            Collections.sort(ids);
            ids.add("self:" + (f.self() == null ? "-" : f.self().id()));
            byArticle.put(id, ids);
        });
        return byArticle;
    }

    @Test
    void fallsBackToSourceOnAnIndexMadeBeforeTheSignatureHadDocValues() throws Exception {
        String index = "it-lookup-old-mapping";
        // The current mappings with the signature as it was mapped before: binary without doc values.
        var mappings = (ObjectNode) new ObjectMapper()
                .readTree(IndexLayout.templateJson()).path("template").path("mappings");
        ((ObjectNode) mappings.path("properties").path("fingerprint")
                .path("properties").path("signature")).remove("doc_values");
        es.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        es.indices().create(c -> c.index(index).mappings(m -> m.withJson(new StringReader(mappings.toString()))));
        var lookup = new CandidateLookup(es, index);

        assertFindsTheStoredStory(lookup, index);

        assertTrue(lookup.readsSource(), "the old mapping has no doc values for the signature");
    }
}
