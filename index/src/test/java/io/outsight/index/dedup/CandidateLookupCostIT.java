package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the clustering asks of Elasticsearch per batch, seen on the wire through a counting proxy: one search
 * request, whose size follows the batch (the keys of its articles) and not the corpus (the same bytes for the same
 * batch whether the index holds 200 or 2,000 articles), and whose answer is bounded by the matches. That is why
 * placing a batch does not grow with the square of the corpus; the timings at 1,000 to 30,000 articles are in
 * BENCHMARKS.md ({@code io.outsight.index.bench.ClusterLookupBenchmark}).
 */
@ExtendWith(LocalStackExtension.class)
class CandidateLookupCostIT {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final Instant ENRICHED = Instant.parse("2026-06-01T00:00:00Z");
    private static final String ALIAS = "it-lookup-cost";
    private static ElasticsearchClient es;
    private static CountingHttpProxy proxy;
    private static ElasticsearchClient proxied;

    @BeforeAll
    static void connect(StackAddresses stack) throws Exception {
        es = ItSupport.client(stack.elasticsearchUrl());
        proxy = new CountingHttpProxy(stack.elasticsearchUrl());
        proxied = ItSupport.client(proxy.url());
    }

    @AfterAll
    static void close() throws Exception {
        proxied.close();
        proxy.close();
        es.close();
    }

    /** Distinct stories {@code from} to {@code to - 1}, stored as the sink stores them (each its own cluster). */
    private static void storeStories(int from, int to) throws Exception {
        var articles = new ArrayList<EnrichedArticle>();
        for (int n = from; n < to; n++) {
            articles.add(TestArticles.fingerprinted(n, ENRICHED, 0));
        }
        store(ALIAS, articles);
    }

    /** The articles as the sink stores them, each its own cluster, made searchable. */
    private static void store(String alias, List<EnrichedArticle> articles) throws Exception {
        var operations = new ArrayList<BulkOperation>();
        for (EnrichedArticle article : articles) {
            byte[] json = ClusterFields.addTo(CODEC.encode(article), ClusterAssignment.canonical(article.id()));
            BinaryData source = BinaryData.of(json, ContentType.APPLICATION_JSON);
            operations.add(BulkOperation.of(o -> o.index(i -> i.id(article.id()).document(source))));
        }
        var response = es.bulk(b -> b.index(alias).operations(operations));
        assertTrue(!response.errors(), "bulk had item errors");
        es.indices().refresh(r -> r.index(alias));
    }

    /** Half syndicated copies of stories 0, 1, …, half new stories that are in no index. */
    private static List<EnrichedArticle> batch(int size) {
        var batch = new ArrayList<EnrichedArticle>();
        for (int i = 0; i < size; i++) {
            var article = TestArticles.numbered(1_000_000 + i, ENRICHED);
            batch.add(i % 2 == 0 ? article.withFingerprint(Fingerprints.copy(i / 2, 6, i))
                    : article.withFingerprint(Fingerprints.story(2_000_000 + i)));
        }
        return batch;
    }

    private record Lookup(List<CountingHttpProxy.Exchange> exchanges, Map<String, List<String>> candidates) {
        CountingHttpProxy.Exchange only() {
            assertEquals(1, exchanges.size(), "requests for one batch: " + exchanges);
            return exchanges.getFirst();
        }
    }

    private static Lookup lookUp(List<EnrichedArticle> batch) throws Exception {
        var lookup = new CandidateLookup(proxied, ALIAS);
        proxy.clear();
        var found = lookup.find(batch.stream().map(EnrichedSummary::of).toList());
        var candidates = new TreeMap<String, List<String>>();
        found.forEach((id, f) -> candidates.put(id, f.candidates().stream().map(ClusterMember::id).sorted().toList()));
        return new Lookup(proxy.exchanges(), candidates);
    }

    @Test
    void aBatchIsOneRequestWhoseSizeFollowsTheBatchNotTheCorpus() throws Exception {
        var layout = new IndexLayout(es, ALIAS);
        for (String index : layout.versionedIndices()) { // a corpus left by an earlier run would skew the sizes
            es.indices().delete(d -> d.index(index));
        }
        layout.ensure();
        var twenty = batch(20);
        var forty = batch(40);

        storeStories(0, 200);
        var small = lookUp(twenty);
        var smallForty = lookUp(forty);
        storeStories(200, 2_000);
        var large = lookUp(twenty);
        var largeForty = lookUp(forty);

        for (var lookup : List.of(small, smallForty, large, largeForty)) {
            // One search for the whole batch (up to 100 articles), not one per article.
            assertEquals("POST /" + ALIAS + "/_search", lookup.only().method() + " " + lookup.only().path());
        }
        // Ten times the corpus: the very same request for the same batch, and the same candidates.
        assertEquals(small.only().requestBytes(), large.only().requestBytes());
        assertEquals(smallForty.only().requestBytes(), largeForty.only().requestBytes());
        assertEquals(small.candidates(), large.candidates());
        // The answer is bounded by the matches, not the corpus: only the timings in it may differ.
        assertTrue(Math.abs(large.only().responseBytes() - small.only().responseBytes())
                < small.only().responseBytes() / 20, small.only() + " vs " + large.only());
        // Twice the batch: about twice the request.
        double ratio = (double) smallForty.only().requestBytes() / small.only().requestBytes();
        assertTrue(ratio > 1.8 && ratio < 2.2, "40 articles vs 20: request bytes ratio " + ratio);

        // And the lookup did its job at both sizes: each copy finds its story, each new story nothing.
        for (int i = 0; i < twenty.size(); i++) {
            var expected = i % 2 == 0 ? List.of(TestArticles.numbered(i / 2, ENRICHED).id()) : List.<String>of();
            assertEquals(expected, large.candidates().get(twenty.get(i).id()), "article " + i);
        }
    }

    @Test
    void documentsSharingOneBandKeyByChanceDoNotComeBack() throws Exception {
        String alias = "it-lookup-chance";
        new IndexLayout(es, alias).ensure();
        // 20 stories; for each, 16 indexed texts sharing one band key with it, a different band each (every part).
        var sharers = new ArrayList<EnrichedArticle>();
        for (int story = 0; story < 20; story++) {
            for (int band = 0; band < 32; band += 2) {
                sharers.add(TestArticles.numbered(3_000_000 + story * 100 + band, ENRICHED)
                        .withFingerprint(Fingerprints.sharingBand(5_000 + story, band)));
            }
        }
        store(alias, sharers);
        var batch = new ArrayList<EnrichedSummary>();
        for (int story = 0; story < 20; story++) {
            batch.add(EnrichedSummary.of(TestArticles.numbered(4_000_000 + story, ENRICHED)
                    .withFingerprint(Fingerprints.story(5_000 + story))));
        }
        // At most 10 documents per search: had the 320 chance sharers come back, the search would have been too
        // small and the articles looked up one by one, a second request.
        var lookup = new CandidateLookup(proxied, alias, 10, CandidateLookup.SCAN_PAGE);
        proxy.clear();

        var found = lookup.find(batch);

        assertEquals(1, proxy.exchanges().size(), "requests: " + proxy.exchanges());
        found.values().forEach(f -> assertTrue(f.candidates().isEmpty(), f.toString()));
    }
}
