package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressing multimap against a plain one, over random puts and removals that crowd few keys. */
class LongKeyIndexTest {
    @Test
    void holdsWhatAPlainMultimapHoldsThroughPutsRemovalsAndGrowth() {
        var random = new SplittableRandom(42);
        var index = new LongKeyIndex(0);
        var expected = new HashMap<Long, List<Integer>>();
        for (int step = 0; step < 20_000; step++) {
            long key = key(random);
            var values = expected.computeIfAbsent(key, k -> new ArrayList<>());
            boolean room = expected.values().stream().mapToInt(List::size).sum() < 300;
            if (values.isEmpty() || random.nextInt(3) > 0 && room) {
                int value = random.nextInt(5); // few values: a key often holds one twice
                index.put(key, value);
                values.add(value);
            } else {
                Integer value = values.remove(random.nextInt(values.size()));
                index.remove(key, value);
            }
            if (step % 97 == 0) {
                assertSame(expected, index);
            }
        }
        assertSame(expected, index);
    }

    @Test
    void isSizedForTheEntriesExpectedAndGrowsOnlyOnceFiveEighthsOfItsSlotsAreTaken() {
        var index = new LongKeyIndex(600);
        assertEquals(1024, index.slots(), "600 entries fit five eighths of 1,024 slots, not of 512");
        var random = new SplittableRandom(7);
        while (index.size() < 1024 * 5 / 8) {
            index.put(random.nextLong(), index.size());
        }
        assertEquals(1024, index.slots());
        index.put(random.nextLong(), index.size());
        assertEquals(2048, index.slots());
        assertEquals(64, new LongKeyIndex(0).slots());
    }

    @Test
    void aKeyOfTheSameTagYieldsTheOtherKeysValuesTooAndRemovalTellsThemApart() {
        var index = new LongKeyIndex(0);
        long key = 12_345;
        long sameTag = key + INVERSE; // its hash is one more: the same upper half
        index.put(key, 1);
        index.put(sameTag, 2);
        assertEquals(Set.of(1, 2), found(index, key), "the caller checks the values it is given");
        index.remove(key, 2); // no entry of this value under this tag but the other key's: removed all the same
        assertEquals(Set.of(1), found(index, sameTag));
        index.remove(sameTag, 1);
        assertEquals(0, index.size());
    }

    @Test
    void rejectsValuesItCannotHold() {
        var index = new LongKeyIndex(0);
        assertThrows(IllegalArgumentException.class, () -> index.put(1, -1));
        assertThrows(IllegalArgumentException.class, () -> index.put(1, Integer.MAX_VALUE));
        index.put(1, Integer.MAX_VALUE - 1);
        assertEquals(Set.of(Integer.MAX_VALUE - 1), found(index, 1));
    }

    /** The inverse of the index's multiplier modulo 2^64, by Newton's iteration: keys whose home slot is known. */
    static final long INVERSE = inverse(0x9E3779B97F4A7C15L);

    /**
     * Keys whose home is the table's last slot or its first, whatever its size, and a few others: probe runs that
     * wrap around the end of the table and collide with runs starting at its beginning.
     */
    private static long key(SplittableRandom random) {
        int which = random.nextInt(30);
        return switch (which % 3) {
            case 0 -> INVERSE * ~((long) which << 32); // top bits all ones (not the tag's last): the last slot
            case 1 -> INVERSE * ((long) which << 32); // top bits all zeros (not the tag's last): the first slot
            default -> which;
        };
    }

    private static long inverse(long odd) {
        long inverse = odd;
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }

    @Test
    void removingAValueNotHeldChangesNothing() {
        var index = new LongKeyIndex(0);
        index.put(7, 1);
        index.remove(7, 2);
        index.remove(8, 1);
        assertEquals(Set.of(1), found(index, 7));
        assertEquals(1, index.size());
    }

    private static Set<Integer> found(LongKeyIndex index, long key) {
        var found = new HashSet<Integer>();
        index.forEach(key, found::add);
        return found;
    }

    /** Each key's values, as many times as they were put and not removed (the test's keys differ in their tags). */
    private static void assertSame(Map<Long, List<Integer>> expected, LongKeyIndex index) {
        int size = 0;
        for (var entry : expected.entrySet()) {
            var found = new ArrayList<Integer>();
            index.forEach(entry.getKey(), found::add);
            var want = new ArrayList<>(entry.getValue());
            want.sort(null);
            found.sort(null);
            assertEquals(want, found, "key " + entry.getKey());
            size += entry.getValue().size();
        }
        assertEquals(size, index.size());
    }
}
