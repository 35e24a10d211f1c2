package io.outsight.index.dedup;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A multimap from 64-bit keys to values, in open addressing with linear probing: two arrays, no entry objects, no
 * boxing. The band tables key every held article by its 33 hashed keys, and the hash maps of string keys they used
 * cost most of the index stage's time spent on clustering (adding, forgetting and looking up: 40 % of the stage
 * thread's samples). A key may be held with several values (copies share band keys); values are told apart by
 * identity. Removal shifts the following entries back, so there are no tombstones and probes stay short.
 *
 * <p>Not thread-safe.
 */
final class LongKeyIndex<V> {
    private static final int MIN_SLOTS = 64;

    private long[] keys = new long[MIN_SLOTS];
    private Object[] values = new Object[MIN_SLOTS];
    private int mask = MIN_SLOTS - 1;
    private int shift = 64 - Integer.numberOfTrailingZeros(MIN_SLOTS);
    private int size;

    void put(long key, V value) {
        Objects.requireNonNull(value, "value");
        // Grown past five eighths full: the band table of 30,000 recent articles and two polls of 2,500 in flight
        // (35,000 articles of 33 keys) then fits 2 million slots, 24 MB, where past one half it took 4 million, 48 MB,
        // with every probe further out of the caches. Probes lengthen a little at the fullest (1.8 slots for a key
        // held, 4.1 for one absent, from 1.5 and 2.5), most within the same cache line.
        if (8L * (size + 1) > 5L * values.length) {
            resize(values.length * 2);
        }
        int slot = home(key);
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
    }

    /** Removes the entry of this key and this very value, if held. */
    void remove(long key, V value) {
        for (int slot = home(key); values[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot] == key && values[slot] == value) {
                delete(slot);
                return;
            }
        }
    }

    /** Each value held under the key. */
    @SuppressWarnings("unchecked")
    void forEach(long key, Consumer<? super V> action) {
        for (int slot = home(key); values[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                action.accept((V) values[slot]);
            }
        }
    }

    /**
     * Reads the home slot of each key before they are probed one by one: these reads do not wait for each other, so
     * their cache misses overlap, where each probe waited for its own. Looking up an article's 33 keys in the band
     * table took a quarter less time for it (JFR of {@code PlacementBenchmark}: 136 samples of 1,206, then 101).
     * Returns what it read only so that the reads are made.
     */
    long touch(long[] keys) {
        long sum = 0;
        for (long key : keys) {
            int slot = home(key);
            sum += this.keys[slot] + (values[slot] == null ? 0 : 1);
        }
        return sum;
    }

    int size() {
        return size;
    }

    /** The slots of the table, taken or not. */
    int slots() {
        return values.length;
    }

    /** Removes every entry, keeping the arrays (a table refilled batch after batch need not grow again). */
    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    /**
     * Empties the slot and moves back each following entry of the run that would no longer be found past the gap
     * (its home is not cyclically within the gap and its slot).
     */
    private void delete(int gap) {
        int slot = gap;
        while (true) {
            slot = (slot + 1) & mask;
            if (values[slot] == null) {
                break;
            }
            int home = home(keys[slot]);
            boolean stays = gap <= slot ? gap < home && home <= slot : gap < home || home <= slot;
            if (!stays) {
                keys[gap] = keys[slot];
                values[gap] = values[slot];
                gap = slot;
            }
        }
        values[gap] = null;
        size--;
    }

    private void resize(int slots) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[slots];
        values = new Object[slots];
        mask = slots - 1;
        shift = 64 - Integer.numberOfTrailingZeros(slots);
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V value = (V) oldValues[i];
                put(oldKeys[i], value);
            }
        }
    }

    /** Fibonacci hashing: the key's bits spread over the table's index by a multiplication. */
    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
