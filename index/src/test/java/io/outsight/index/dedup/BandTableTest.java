package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BandTableTest {
    private static ClusterMember member(String id, long story, int changed) {
        return new ClusterMember(id, id, null, Fingerprints.copy(story, changed, 1));
    }

    @Test
    void findsMembersSharingTwoBandsOrTheTextButNotOneBand() {
        var table = new BandTable(10, false);
        table.put(member("a", 1, 0));
        table.put(member("b", 1, 30)); // two bands intact
        table.put(member("c", 2, 0));
        table.put(new ClusterMember("d", "d", null, Fingerprints.sharingBands(1, 1)));
        var found = table.candidates(Fingerprints.story(1)).stream().map(ClusterMember::id).toList();
        assertEquals(List.of("a", "b"), found);
    }

    @Test
    void forgetsTheOldestBeyondItsCapacityAndReplacesById() {
        var table = new BandTable(2, false);
        table.put(member("a", 1, 0));
        table.put(member("b", 2, 0));
        table.put(member("a", 3, 0)); // a again, now about story 3: no longer found for story 1
        assertTrue(table.candidates(Fingerprints.story(1)).isEmpty());
        table.put(member("c", 4, 0)); // evicts b, the oldest
        assertEquals(2, table.size());
        assertTrue(table.get("b").isEmpty());
        assertTrue(table.candidates(Fingerprints.story(2)).isEmpty());
        assertEquals("a", table.candidates(Fingerprints.story(3)).getFirst().id());
    }

    @Test
    void aTableThatDropsBandKeysFindsItsMembersByThemAllTheSame() {
        var dropping = new BandTable(10, false);
        var keeping = new BandTable(10, true);
        var member = member("a", 1, 0);
        dropping.put(member);
        keeping.put(member);
        var held = dropping.get("a").orElseThrow();
        assertTrue(held.fingerprint().bands().isEmpty(), "the band keys were hashed, then dropped");
        assertEquals(member.fingerprint().signature(), held.fingerprint().signature(), "verified on its signature");
        assertEquals(member.fingerprint().textHash(), held.fingerprint().textHash());
        assertEquals(List.of("a"), dropping.candidates(Fingerprints.copy(1, 30, 2)).stream()
                .map(ClusterMember::id).toList());
        assertTrue(keeping.get("a").orElseThrow() == member, "kept as put");
    }

    @Test
    void clearForgetsEveryMemberAndTheTableFillsAgain() {
        var table = new BandTable(10, false);
        table.put(member("a", 1, 0));
        table.put(member("b", 2, 0));
        table.clear();
        assertEquals(0, table.size());
        assertTrue(table.get("a").isEmpty());
        assertTrue(table.candidates(Fingerprints.story(1)).isEmpty());
        table.put(member("c", 1, 3));
        assertEquals(List.of("c"), table.candidates(Fingerprints.story(1)).stream().map(ClusterMember::id).toList());
    }

    @Test
    void membersWithoutFingerprintAreNotHeld() {
        var table = new BandTable(2, false);
        table.put(new ClusterMember("x", "x", null, null));
        assertEquals(0, table.size());
    }

    @Test
    void membersSharingKeysStayFindableAsOthersComeAndGo() {
        var table = new BandTable(3, false);
        table.put(member("a", 1, 0));
        table.put(member("b", 1, 0)); // the same text: every key shared with a
        table.put(member("c", 1, 30)); // two bands shared with a and b
        assertEquals(List.of("a", "b", "c"), ids(table.candidates(Fingerprints.story(1))));
        table.put(member("b", 5, 0)); // b now tells another story: it leaves story 1's keys
        assertEquals(List.of("a", "c"), ids(table.candidates(Fingerprints.story(1))));
        assertEquals(List.of("b"), ids(table.candidates(Fingerprints.story(5))));
        table.put(member("d", 6, 0)); // evicts a, the oldest: c alone is left on story 1's keys
        assertEquals(List.of("c"), ids(table.candidates(Fingerprints.story(1))));
        table.put(member("e", 7, 0)); // evicts c
        assertTrue(table.candidates(Fingerprints.story(1)).isEmpty());
        assertEquals(3, table.size());
    }

    private static List<String> ids(List<ClusterMember> members) {
        return members.stream().map(ClusterMember::id).toList();
    }
}
