package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import io.outsight.index.TestArticles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical rule and the threshold, without a server. */
class ClusterRuleTest {
    private static final Instant ENRICHED = Instant.parse("2026-05-01T00:00:00Z");

    static EnrichedSummary article(String url, @Nullable Instant published, @Nullable TextFingerprint fingerprint) {
        var a = TestArticles.article(url, "Title", "BPO", "IN", "BPO", 2026, 1e9, published, ENRICHED);
        return EnrichedSummary.of(a.withFingerprint(fingerprint));
    }

    private static ClusterMember placed(EnrichedSummary article, ClusterAssignment assignment) {
        return ClusterMember.of(assignment, article.fingerprint());
    }

    @Test
    void anArticleWithNoCopyIsTheCanonicalOfItsOwnCluster() {
        var a = article("https://a.example/1", null, Fingerprints.story(1));
        var other = article("https://b.example/2", null, Fingerprints.story(2));
        var decided = ClusterRule.decide(a, null, List.of(placed(other, ClusterAssignment.canonical(other.id()))));
        assertEquals(ClusterAssignment.canonical(a.id()), decided);
        assertEquals(a.id(), decided.clusterId());
        assertEquals(null, decided.duplicateOf());
    }

    @ParameterizedTest(name = "{0} of 128 components changed: duplicate = {1}")
    @CsvSource({"0, true", "1, true", "12, true", "25, true", "26, false", "40, false", "128, false"})
    void aCopyJoinsWhenTheEstimatedSimilarityReachesTheThreshold(int changed, boolean duplicate) {
        var original = article("https://wire.example/story", null, Fingerprints.story(7));
        var copy = article("https://portal.example/copy", null, Fingerprints.copy(7, changed, 1));
        var decided = ClusterRule.decide(copy, null,
                List.of(placed(original, ClusterAssignment.canonical(original.id()))));
        assertEquals(duplicate ? ClusterAssignment.duplicate(copy.id(), original.id())
                : ClusterAssignment.canonical(copy.id()), decided);
    }

    @Test
    void aCopyOfACopyNamesTheCanonicalArticleNotTheCopy() {
        var canonical = article("https://wire.example/s", null, Fingerprints.story(3));
        var copy = article("https://one.example/s", null, Fingerprints.copy(3, 2, 1));
        var third = article("https://two.example/s", null, Fingerprints.copy(3, 3, 2));
        var placedCopy = placed(copy, ClusterAssignment.duplicate(copy.id(), canonical.id()));
        assertEquals(ClusterAssignment.duplicate(third.id(), canonical.id()),
                ClusterRule.decide(third, null, List.of(placedCopy)));
    }

    @Test
    void theMostSimilarClusterWinsAndTiesGoToTheSmallestClusterId() {
        var near = article("https://near.example/s", null, Fingerprints.copy(5, 2, 1));
        var far = article("https://far.example/s", null, Fingerprints.copy(5, 20, 2));
        var copy = article("https://new.example/s", null, Fingerprints.story(5));
        var candidates = List.of(placed(far, ClusterAssignment.canonical(far.id())),
                placed(near, ClusterAssignment.canonical(near.id())));
        assertEquals(near.id(), ClusterRule.decide(copy, null, candidates).clusterId());

        var twin = article("https://twin.example/s", null, Fingerprints.copy(5, 2, 1));
        var tied = new ArrayList<>(List.of(placed(near, ClusterAssignment.canonical(near.id())),
                placed(twin, ClusterAssignment.canonical(twin.id()))));
        String smallest = near.id().compareTo(twin.id()) < 0 ? near.id() : twin.id();
        assertEquals(smallest, ClusterRule.decide(copy, null, tied).clusterId());
        java.util.Collections.reverse(tied);
        assertEquals(smallest, ClusterRule.decide(copy, null, tied).clusterId(), "independent of candidate order");
    }

    @Test
    void aReplayKeepsItsClusterWhateverIsIndexedSince() {
        var copy = article("https://portal.example/c", null, Fingerprints.copy(9, 1, 1));
        var stored = new ClusterMember(copy.id(), "canonical-id", "canonical-id", copy.fingerprint());
        var closer = article("https://closer.example/c", null, Fingerprints.story(9));
        var decided = ClusterRule.decide(copy, stored, List.of(placed(closer,
                ClusterAssignment.canonical(closer.id()))));
        assertEquals(ClusterAssignment.duplicate(copy.id(), "canonical-id"), decided);
    }

    @Test
    void aCanonicalArticleStaysCanonicalEvenWhenItsTextChanged() {
        var rewritten = article("https://wire.example/r", null, Fingerprints.story(11));
        var stored = new ClusterMember(rewritten.id(), rewritten.id(), null, Fingerprints.story(12));
        var other = article("https://other.example/r", null, Fingerprints.copy(11, 1, 1));
        assertEquals(ClusterAssignment.canonical(rewritten.id()), ClusterRule.decide(rewritten, stored,
                List.of(placed(other, ClusterAssignment.canonical(other.id())))));
    }

    @Test
    void aDuplicateWhoseTextChangedIsPlacedAfresh() {
        var changed = article("https://portal.example/x", null, Fingerprints.story(13));
        var stored = new ClusterMember(changed.id(), "old-canonical", "old-canonical", Fingerprints.story(14));
        assertEquals(ClusterAssignment.canonical(changed.id()), ClusterRule.decide(changed, stored, List.of()));
    }

    @Test
    void documentsIndexedBeforeClusteringCountAsTheirOwnCluster() {
        var old = article("https://old.example/o", null, Fingerprints.story(15));
        var unclustered = new ClusterMember(old.id(), null, null, old.fingerprint());
        var copy = article("https://new.example/o", null, Fingerprints.story(15));
        assertEquals(ClusterAssignment.duplicate(copy.id(), old.id()),
                ClusterRule.decide(copy, null, List.of(unclustered)));
    }

    @Test
    void articlesWithoutFingerprintOrOfAnotherSchemeAreNeverClustered() {
        var bare = article("https://bare.example/b", null, null);
        var twin = article("https://twin.example/b", null, Fingerprints.story(16));
        assertEquals(ClusterAssignment.canonical(bare.id()),
                ClusterRule.decide(bare, null, List.of(placed(twin, ClusterAssignment.canonical(twin.id())))));
        var fp = Fingerprints.story(16);
        var otherScheme = article("https://scheme.example/b", null,
                new TextFingerprint("other-scheme", fp.textHash(), fp.signature(), fp.bands()));
        assertEquals(ClusterAssignment.canonical(otherScheme.id()), ClusterRule.decide(otherScheme, null,
                List.of(placed(twin, ClusterAssignment.canonical(twin.id())))));
    }

    @Test
    void batchesArePlacedEarliestPublishedFirstFetchedWhenUndatedTiesById() {
        var early = article("https://c.example/1", Instant.parse("2026-01-01T00:00:00Z"), null);
        var late = article("https://a.example/2", Instant.parse("2026-03-01T00:00:00Z"), null);
        // Undated: its fetch time (TestArticles: enriched minus a minute) counts, which is after both dates.
        var undated = article("https://b.example/3", null, null);
        var sameDay = article("https://d.example/4", Instant.parse("2026-01-01T00:00:00Z"), null);
        var ordered = new ArrayList<>(List.of(undated, late, sameDay, early));
        ordered.sort(ClusterRule.EARLIEST_FIRST);
        var firstTwo = early.id().compareTo(sameDay.id()) < 0 ? List.of(early, sameDay) : List.of(sameDay, early);
        assertEquals(List.of(firstTwo.get(0), firstTwo.get(1), late, undated), ordered);
    }

    @Test
    void assignmentsAreConsistent() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterAssignment("a", "b", null));
        assertThrows(IllegalArgumentException.class, () -> new ClusterAssignment("a", "a", "a"));
        assertThrows(IllegalArgumentException.class, () -> new ClusterAssignment("a", "b", "c"));
    }
}
