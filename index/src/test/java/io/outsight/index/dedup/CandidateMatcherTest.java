package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import io.outsight.index.TestArticles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CandidateMatcherTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void handsEachArticleTheDocumentsSharingTwoBandKeysOrItsTextAsPerArticleSearchesWould() {
        var random = new SplittableRandom(7);
        var documents = new ArrayList<ClusterMember>();
        var documentFingerprints = new ArrayList<TextFingerprint>();
        for (int i = 0; i < 400; i++) {
            // Stories 0-99, each indexed up to four times with 0 to 120 of 128 components changed: near and far copies.
            var fingerprint = Fingerprints.copy(random.nextInt(100), random.nextInt(121), i);
            documentFingerprints.add(fingerprint);
            documents.add(new ClusterMember("doc-" + i, "doc-" + i, null, withoutBandKeys(fingerprint)));
        }
        var articles = new ArrayList<EnrichedSummary>();
        for (int i = 0; i < 150; i++) {
            var fingerprint = Fingerprints.copy(random.nextInt(120), random.nextInt(121), 1_000 + i);
            articles.add(EnrichedSummary.of(TestArticles.numbered(i, NOW).withFingerprint(fingerprint)));
        }

        var found = CandidateMatcher.match(articles, documents, Integer.MAX_VALUE);

        int matched = 0;
        for (EnrichedSummary article : articles) {
            var expected = new TreeSet<String>();
            for (int d = 0; d < documents.size(); d++) {
                if (sharesKey(article.fingerprint(), documentFingerprints.get(d))) {
                    expected.add(documents.get(d).id());
                }
            }
            var actual = new TreeSet<String>();
            found.get(article.id()).candidates().forEach(c -> actual.add(c.id()));
            assertEquals(expected, actual, article.id());
            assertNull(found.get(article.id()).self(), article.id());
            matched += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(matched >= 20 && matched < 150, "articles with candidates: " + matched);
    }

    @Test
    void anArticlesOwnDocumentIsItsSelfNotACandidateAndTheCapKeepsTheFirstFound() {
        var fingerprint = Fingerprints.story(5);
        var article = TestArticles.numbered(1, NOW).withFingerprint(fingerprint);
        var documents = new ArrayList<ClusterMember>();
        documents.add(new ClusterMember(article.id(), "doc-0", "doc-0", withoutBandKeys(fingerprint)));
        for (int i = 0; i < 10; i++) {
            documents.add(new ClusterMember("doc-" + i, "doc-0", i == 0 ? null : "doc-0",
                    withoutBandKeys(Fingerprints.copy(5, 4, i))));
        }

        var found = CandidateMatcher.match(List.of(EnrichedSummary.of(article)), documents, 3).get(article.id());

        assertEquals("doc-0", found.self().clusterId());
        assertEquals(List.of("doc-0", "doc-1", "doc-2"), found.candidates().stream().map(ClusterMember::id).toList());
    }

    @Test
    void aDocumentSharingOneBandKeyIsNoCandidateTwoMakeIt() {
        var fingerprint = Fingerprints.story(3);
        var article = TestArticles.numbered(1, NOW).withFingerprint(fingerprint);
        var oneBand = new ClusterMember("one-band", "one-band", null, withoutBandKeys(Fingerprints.sharingBands(3, 1)));
        var twoBands = new ClusterMember("two-bands", "two-bands", null,
                withoutBandKeys(Fingerprints.sharingBands(3, 2)));

        var found = CandidateMatcher.match(List.of(EnrichedSummary.of(article)), List.of(oneBand, twoBands), 50);

        assertEquals(List.of("two-bands"), found.get(article.id()).candidates().stream().map(ClusterMember::id).toList());
    }

    @Test
    void aDocumentFoundTwiceCountsOnceAsSelfAndAsCandidate() {
        var fingerprint = Fingerprints.story(4);
        var article = TestArticles.numbered(1, NOW).withFingerprint(fingerprint);
        var copy = TestArticles.numbered(2, NOW).withFingerprint(Fingerprints.copy(4, 3, 1));
        // Both articles are indexed twice: in the old and the new index behind the alias, during a reprocess.
        var own = new ClusterMember(article.id(), article.id(), null, withoutBandKeys(fingerprint));
        var ownAgain = new ClusterMember(article.id(), "elsewhere", null, withoutBandKeys(fingerprint));
        var indexedCopy = new ClusterMember(copy.id(), article.id(), article.id(),
                withoutBandKeys(copy.fingerprint()));

        var found = CandidateMatcher.match(List.of(EnrichedSummary.of(article), EnrichedSummary.of(copy)),
                List.of(own, indexedCopy, ownAgain, indexedCopy), 50);

        assertEquals(own, found.get(article.id()).self());
        assertEquals(List.of(indexedCopy), found.get(article.id()).candidates());
        assertEquals(indexedCopy, found.get(copy.id()).self());
        assertEquals(List.of(own), found.get(copy.id()).candidates());
    }

    @Test
    void aDocumentWithoutFingerprintOrOfAnotherSchemeMatchesNothing() {
        var fingerprint = Fingerprints.story(9);
        var otherScheme = TextFingerprint.of("other-scheme", fingerprint.textHash(), fingerprint.components(),
                List.of());
        var documents = List.of(new ClusterMember("bare", null, null, null),
                new ClusterMember("other", null, null, otherScheme));

        var article = TestArticles.numbered(1, NOW).withFingerprint(fingerprint);

        Map<String, CandidateLookup.Found> found = CandidateMatcher.match(List.of(EnrichedSummary.of(article)), documents, 50);

        assertEquals(List.of(), found.get(article.id()).candidates());
    }

    /** As a document comes back from doc values: no band keys. */
    private static TextFingerprint withoutBandKeys(TextFingerprint fingerprint) {
        return new TextFingerprint(fingerprint.scheme(), fingerprint.textHash(), fingerprint.signature(), List.of());
    }

    /** What Elasticsearch matches: two band keys or the text hash in common. */
    private static boolean sharesKey(TextFingerprint a, TextFingerprint b) {
        Set<String> bands = new HashSet<>(a.bands());
        return a.textHash().equals(b.textHash())
                || Fingerprints.bands(b.components()).stream().filter(bands::contains).count() >= 2;
    }
}
