package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    /** A value told apart by identity, as the band table's entries are. */
    private static final class Value {
        private final int number;

        Value(int number) {
            this.number = number;
        }

        @Override
        public String toString() {
            return "v" + number;
        }
    }

    @Test
    void holdsWhatAPlainMultimapHoldsThroughPutsRemovalsGrowthAndClear() {
        var random = new SplittableRandom(42);
        var index = new LongKeyIndex<Value>();
        var expected = new HashMap<Long, List<Value>>();
        int made = 0;
        for (int step = 0; step < 20_000; step++) {
            long key = key(random);
            var values = expected.computeIfAbsent(key, k -> new ArrayList<>());
            boolean room = expected.values().stream().mapToInt(List::size).sum() < 300;
            if (values.isEmpty() || random.nextInt(3) > 0 && room) {
                var value = new Value(made++);
                index.put(key, value);
                values.add(value);
            } else {
                var value = values.remove(random.nextInt(values.size()));
                index.remove(key, value);
            }
            if (step % 97 == 0) {
                assertSame(expected, index);
            }
            if (step == 10_000) {
                index.clear();
                expected.clear();
            }
        }
        assertSame(expected, index);
    }

    @Test
    void growsOnlyOnceFiveEighthsOfItsSlotsAreTaken() {
        var index = new LongKeyIndex<Value>();
        var random = new SplittableRandom(7);
        while (index.slots() < 1024) {
            index.put(random.nextLong(), new Value(index.size()));
        }
        while (index.size() < 1024 * 5 / 8) {
            index.put(random.nextLong(), new Value(index.size()));
        }
        assertEquals(1024, index.slots());
        index.put(random.nextLong(), new Value(index.size()));
        assertEquals(2048, index.slots());
    }

    /** The inverse of the index's multiplier modulo 2^64, by Newton's iteration: keys whose home slot is known. */
    private static final long INVERSE = inverse(0x9E3779B97F4A7C15L);

    /**
     * Keys whose home is the table's last slot or its first, whatever its size, and a few others: probe runs that
     * wrap around the end of the table and collide with runs starting at its beginning.
     */
    private static long key(SplittableRandom random) {
        int which = random.nextInt(30);
        return switch (which % 3) {
            case 0 -> INVERSE * (-1L - which); // top bits all ones: the last slot
            case 1 -> INVERSE * which; // top bits all zeros: the first slot
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
        var index = new LongKeyIndex<Value>();
        var held = new Value(1);
        index.put(7, held);
        index.remove(7, new Value(1));
        index.remove(8, held);
        var found = new ArrayList<Value>();
        index.forEach(7, found::add);
        assertEquals(List.of(held), found);
        assertEquals(1, index.size());
    }

    private static void assertSame(Map<Long, List<Value>> expected, LongKeyIndex<Value> index) {
        int size = 0;
        for (var entry : expected.entrySet()) {
            Set<Value> found = new HashSet<>();
            index.forEach(entry.getKey(), found::add);
            assertEquals(new HashSet<>(entry.getValue()), found, "key " + entry.getKey());
            size += entry.getValue().size();
        }
        assertEquals(size, index.size());
    }
}
