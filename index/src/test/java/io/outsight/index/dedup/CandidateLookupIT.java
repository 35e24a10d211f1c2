package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.TextFingerprint;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
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

        var found = lookup.find(List.of(copy, unrelated));

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
        var again = lookup.find(List.of(stored)).get(stored.id());
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
    void looksArticlesUpOneByOneWhenMoreDocumentsMatchThanOneSearchReturns() throws Exception {
        String alias = "it-lookup-one-by-one";
        new IndexLayout(es, alias).ensure();
        // No document fits in one search's answer: every batch that matches anything takes the multi-search.
        var lookup = new CandidateLookup(es, alias, 0);

        assertFindsTheStoredStory(lookup, alias);
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
