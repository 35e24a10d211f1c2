package io.outsight.index.dedup;

import java.util.function.IntConsumer;

/**
 * A multimap from 64-bit keys to small non-negative ints, in open addressing with linear probing: one array of longs,
 * no entry objects, no boxing. The band table keys every held article by its 33 hashed keys, and the hash maps of
 * string keys it used cost most of the index stage's time spent on clustering (adding, forgetting and looking up: 40 %
 * of the stage thread's samples). A key may be held with several values (copies share band keys). Removal shifts the
 * following entries back, so there are no tombstones and probes stay short.
 *
 * <p>Each slot holds its entry whole in 64 bits: the upper half of the key's hash (its <em>tag</em>, which also names
 * the home slot) and the value. Keys in one array and values in another made every probe, insertion and removal read
 * two cache lines far apart in 24 MB, where it now reads one in 16 MB: the band table's probes, insertions and
 * removals were a third of the clustering's samples on the index stage thread, and the node beside the worker shares
 * the caches (see BENCHMARKS.md, session 22, for what that was measured to cost it). The price is that a tag stands
 * for the key: a value of another key with the same tag is yielded too (an entry sharing the key's home slot has its
 * tag once in 2,048 at the band table's 2 million slots), so the caller checks the values it is given.
 *
 * <p>Not thread-safe.
 */
final class LongKeyIndex {
    private static final int MIN_SLOTS = 64;
    private static final long TAG = 0xFFFF_FFFF_0000_0000L;
    private static final long VALUE = 0x0000_0000_FFFF_FFFFL;

    /** The entries: tag in the upper half, value + 1 in the lower (so that an empty slot is 0). */
    private long[] slots;
    private int mask;
    private int shift;
    private int size;

    /**
     * @param expected how many entries it should hold without growing: a table grown step by step from a few slots
     *     moves on the way about as many entries as it ends up able to hold, each a random write (the sink benchmark,
     *     which makes one per round, paid that in every round; a worker pays it once)
     */
    LongKeyIndex(int expected) {
        int count = MIN_SLOTS;
        while (!fits(expected, count)) {
            count *= 2;
        }
        slots = new long[count];
        mask = count - 1;
        shift = shift(count);
    }

    void put(long key, int value) {
        checkValue(value);
        // Grown past five eighths full: the band table of 30,000 recent articles and two polls of 2,500 in flight
        // (35,000 articles of 33 keys) then fits 2 million slots, where past one half it took 4 million, with every
        // probe further out of the caches. Probes lengthen a little at the fullest (1.8 slots for a key held, 4.1 for
        // one absent, from 1.5 and 2.5), most within the same cache line of 8 slots.
        if (!fits(size + 1, slots.length)) {
            resize(slots.length * 2);
        }
        insert(entry(key, value));
        size++;
    }

    /** Removes one entry of this key and value, if held. */
    void remove(long key, int value) {
        checkValue(value);
        long entry = entry(key, value);
        for (int slot = home(entry); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (slots[slot] == entry) {
                delete(slot);
                return;
            }
        }
    }

    /** Each value held under the key, and those held under another key of the same tag (see the class comment). */
    void forEach(long key, IntConsumer action) {
        long tag = tag(key);
        for (int slot = home(tag); slots[slot] != 0; slot = (slot + 1) & mask) {
            if ((slots[slot] & TAG) == tag) {
                action.accept((int) (slots[slot] & VALUE) - 1);
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
            sum += slots[home(tag(key))];
        }
        return sum;
    }

    int size() {
        return size;
    }

    /** The slots of the table, taken or not. */
    int slots() {
        return slots.length;
    }

    private static boolean fits(long entries, int slots) {
        return 8L * entries <= 5L * slots;
    }

    private static void checkValue(int value) {
        if (value < 0 || value == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value out of range: " + value);
        }
    }

    /** The upper half of the key's Fibonacci hash: its bits spread over the table's index by a multiplication. */
    private static long tag(long key) {
        return (key * 0x9E3779B97F4A7C15L) & TAG;
    }

    private static long entry(long key, int value) {
        return tag(key) | (value + 1L);
    }

    /** The home slot of an entry or a tag: the top bits of the hash, as many as the table's size takes. */
    private int home(long entryOrTag) {
        return (int) (entryOrTag >>> shift);
    }

    private void insert(long entry) {
        int slot = home(entry);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
    }

    /**
     * Empties the slot and moves back each following entry of the run that would no longer be found past the gap
     * (its home is not cyclically within the gap and its slot).
     */
    private void delete(int gap) {
        int slot = gap;
        while (true) {
            slot = (slot + 1) & mask;
            if (slots[slot] == 0) {
                break;
            }
            int home = home(slots[slot]);
            boolean stays = gap <= slot ? gap < home && home <= slot : gap < home || home <= slot;
            if (!stays) {
                slots[gap] = slots[slot];
                gap = slot;
            }
        }
        slots[gap] = 0;
        size--;
    }

    /** How far the hash is shifted for the home slot: the table's size is a power of two. */
    private static int shift(int count) {
        return 64 - Integer.numberOfTrailingZeros(count);
    }

    private void resize(int count) {
        long[] old = slots;
        slots = new long[count];
        mask = count - 1;
        shift = shift(count);
        for (long entry : old) {
            if (entry != 0) {
                insert(entry);
            }
        }
    }
}
