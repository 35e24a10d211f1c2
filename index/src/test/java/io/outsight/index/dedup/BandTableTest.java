package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BandTableTest {
    private static ClusterMember member(String id, long story, int changed) {
        return new ClusterMember(id, id, null, Fingerprints.copy(story, changed, 1));
    }

    private static long[] hashes(ClusterMember member) {
        return member.fingerprint() == null ? null : KeyHashes.of(member.fingerprint());
    }

    private static void place(BandTable table, ClusterMember member) {
        table.place(member, hashes(member));
    }

    /** Placed, then written at once. */
    private static void write(BandTable table, ClusterMember member) {
        place(table, member);
        table.written(member, hashes(member));
    }

    private static List<String> found(BandTable table, TextFingerprint fingerprint) {
        return table.candidates(fingerprint).stream().map(ClusterMember::id).toList();
    }

    @Test
    void findsMembersSharingTwoBandsOrTheTextButNotOneBand() {
        var table = new BandTable(10);
        write(table, member("a", 1, 0));
        place(table, member("b", 1, 30)); // two bands intact; unfinished members are found alike
        write(table, member("c", 2, 0));
        place(table, new ClusterMember("d", "d", null, Fingerprints.sharingBands(1, 1)));
        assertEquals(List.of("a", "b"), found(table, Fingerprints.story(1)));
    }

    @Test
    void aMemberWhoseKeysShareOnlyTheirTagsWithTheArticlesIsNoCandidate() {
        var table = new BandTable(10);
        var copy = member("a", 1, 0);
        write(table, copy);
        var other = member("b", 1, 0);
        long[] sameTags = hashes(other).clone();
        for (int i = 0; i < sameTags.length; i++) {
            sameTags[i] += LongKeyIndexTest.INVERSE; // hashed, one more: the same tag, another key
        }
        table.place(other, sameTags);
        assertEquals(List.of("a"), found(table, Fingerprints.story(1)));
    }

    @Test
    void forgetsTheOldestWrittenBeyondItsCapacityAndReplacesById() {
        var table = new BandTable(2);
        write(table, member("a", 1, 0));
        write(table, member("b", 2, 0));
        write(table, member("a", 3, 0)); // a again, now about story 3: no longer found for story 1
        assertTrue(found(table, Fingerprints.story(1)).isEmpty());
        write(table, member("c", 4, 0)); // evicts b, the oldest
        assertEquals(2, table.size());
        assertTrue(table.get("b").isEmpty());
        assertTrue(found(table, Fingerprints.story(2)).isEmpty());
        assertEquals(List.of("a"), found(table, Fingerprints.story(3)));
    }

    @Test
    void forgetsTheWrittenMembersBeforeAnOrdinalAndNoOthers() {
        var table = new BandTable(10);
        write(table, member("a", 1, 0)); // written 0
        table.written(new ClusterMember("n", "n", null, null), null); // written 1: counted, not held
        write(table, member("b", 2, 0)); // written 2
        write(table, member("c", 3, 0)); // written 3
        place(table, member("d", 4, 0)); // unfinished
        table.forgetWrittenBefore(3);
        assertEquals(1, table.size());
        assertTrue(table.get("a").isEmpty());
        assertTrue(table.get("b").isEmpty());
        assertTrue(found(table, Fingerprints.story(1)).isEmpty());
        assertTrue(found(table, Fingerprints.story(2)).isEmpty());
        assertEquals(List.of("c"), found(table, Fingerprints.story(3)));
        assertEquals(List.of("d"), found(table, Fingerprints.story(4)), "an unfinished member stays");
        write(table, member("b", 2, 0)); // written 4: b again, newer than the mark
        table.forgetWrittenBefore(4);
        assertEquals(List.of("b"), found(table, Fingerprints.story(2)));
        assertTrue(found(table, Fingerprints.story(3)).isEmpty());
    }

    @Test
    void unfinishedMembersAreNeitherCountedNorForgottenForTheCapacity() {
        var table = new BandTable(1);
        place(table, member("a", 1, 0));
        place(table, member("b", 2, 0));
        write(table, member("c", 3, 0));
        write(table, member("d", 4, 0)); // evicts c, the oldest written; a and b wait for their batch
        assertEquals(1, table.size());
        assertEquals(List.of("a"), found(table, Fingerprints.story(1)));
        assertEquals(List.of("b"), found(table, Fingerprints.story(2)));
        assertTrue(found(table, Fingerprints.story(3)).isEmpty());
    }

    @Test
    void writtenMembersLoseTheirBandKeysAndAreFoundByThemAllTheSame() {
        var table = new BandTable(10);
        var member = member("a", 1, 0);
        place(table, member);
        assertSame(member, table.get("a").orElseThrow(), "unfinished: held as placed");
        table.written(member, hashes(member));
        var held = table.get("a").orElseThrow();
        assertTrue(held.fingerprint().bands().isEmpty(), "the band keys were hashed, then dropped");
        assertEquals(member.fingerprint().signature(), held.fingerprint().signature(), "verified on its signature");
        assertEquals(member.fingerprint().textHash(), held.fingerprint().textHash());
        assertEquals(List.of("a"), found(table, Fingerprints.copy(1, 30, 2)));
    }

    @Test
    void aPlacementOfAWrittenIdIsSeenFirstAndForgettingItLeavesTheWrittenOne() {
        var table = new BandTable(10);
        var first = member("a", 1, 0);
        write(table, first);
        var again = member("a", 2, 0); // a replayed, now about story 2, in a batch not yet written
        place(table, again);
        assertSame(again, table.get("a").orElseThrow());
        assertEquals(List.of("a"), found(table, Fingerprints.story(1)), "the written one is what the index holds");
        assertEquals(List.of("a"), found(table, Fingerprints.story(2)));
        table.forget(again); // its batch failed
        assertEquals(first.fingerprint().textHash(), table.get("a").orElseThrow().fingerprint().textHash(),
                "the written member is the one left");
        assertTrue(found(table, Fingerprints.story(2)).isEmpty());
        assertEquals(List.of("a"), found(table, Fingerprints.story(1)));
    }

    @Test
    void aMemberReplacedByALaterPlacementIsStillHeldWhenItsBatchIsWrittenAndForgettingItDoesNothing() {
        var table = new BandTable(10);
        var first = member("a", 1, 0);
        var second = member("a", 2, 0);
        place(table, first);
        place(table, second); // a later batch placed a again before the first batch was written
        assertTrue(found(table, Fingerprints.story(1)).isEmpty(), "an unfinished placement replaces the last");
        table.forget(first);
        assertSame(second, table.get("a").orElseThrow(), "forgetting a replaced placement leaves the later one");
        table.written(first, hashes(first)); // the first batch was written after all
        assertEquals(List.of("a"), found(table, Fingerprints.story(1)));
        assertEquals(List.of("a"), found(table, Fingerprints.story(2)));
        assertSame(second, table.get("a").orElseThrow(), "the unfinished placement is still the latest");
        table.written(second, hashes(second));
        assertTrue(found(table, Fingerprints.story(1)).isEmpty(), "the newer written member replaced it");
        assertEquals(List.of("a"), found(table, Fingerprints.story(2)));
        assertEquals(1, table.size());
    }

    @Test
    void forgetUnfinishedForgetsThePlacementsAndKeepsTheWritten() {
        var table = new BandTable(10);
        write(table, member("a", 1, 0));
        place(table, member("b", 2, 0));
        var ids = new ArrayList<String>();
        table.forEachUnfinished((id, keys) -> ids.add(id));
        assertEquals(List.of("b"), ids);
        table.forgetUnfinished();
        assertTrue(table.get("b").isEmpty());
        assertTrue(found(table, Fingerprints.story(2)).isEmpty());
        assertEquals(List.of("a"), found(table, Fingerprints.story(1)));
        place(table, member("c", 2, 3));
        assertEquals(List.of("c"), found(table, Fingerprints.story(2)));
    }

    @Test
    void membersWithoutFingerprintAreNotHeldAndReplaceAWrittenOne() {
        var table = new BandTable(2);
        write(table, member("x", 1, 0));
        write(table, new ClusterMember("x", "x", null, null)); // written again, now without a fingerprint
        assertEquals(0, table.size());
        assertTrue(found(table, Fingerprints.story(1)).isEmpty());
    }

    @Test
    void membersSharingKeysStayFindableAsOthersComeAndGo() {
        var table = new BandTable(3);
        write(table, member("a", 1, 0));
        write(table, member("b", 1, 0)); // the same text: every key shared with a
        write(table, member("c", 1, 30)); // two bands shared with a and b
        assertEquals(List.of("a", "b", "c"), found(table, Fingerprints.story(1)));
        write(table, member("b", 5, 0)); // b now tells another story: it leaves story 1's keys
        assertEquals(List.of("a", "c"), found(table, Fingerprints.story(1)));
        assertEquals(List.of("b"), found(table, Fingerprints.story(5)));
        write(table, member("d", 6, 0)); // evicts a, the oldest: c alone is left on story 1's keys
        assertEquals(List.of("c"), found(table, Fingerprints.story(1)));
        write(table, member("e", 7, 0)); // evicts c
        assertTrue(found(table, Fingerprints.story(1)).isEmpty());
        assertEquals(3, table.size());
    }
}
