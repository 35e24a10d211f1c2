package io.outsight.index.dedup;

import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory LSH table of placed articles: band key (and normalised-text hash) → members. It holds two kinds of
 * members in one index of keys: those of the batches placed and not yet written ({@linkplain #place unfinished}, held
 * until their batch is written or forgotten), and at most the last {@code capacity} articles {@linkplain #written
 * written} (oldest forgotten first, and {@linkplain #forgetWrittenBefore those the index shows} before), which a search
 * cannot see until Elasticsearch refreshes. Looking up an article costs one probe per band, whatever the number of
 * articles held. The keys are probed by their 64-bit hashes ({@link
 * KeyHashes}) in a {@link LongKeyIndex}: the hash maps of string keys this table had (and the set of ids per shared
 * key) were 35 % of the index stage thread's samples in the sink benchmark, adding, forgetting and looking up. The
 * two kinds were two tables, and every article was added to both and removed from the first in turn: a third of the
 * stage thread's samples went to those probes of a table of several megabytes (JFR, sink benchmark); a written
 * article now stays where it was placed. The index knows each member by its place in a pool, a number, so that an
 * entry is one long; a member it yields for a key is checked against its own keys.
 *
 * <p>Not thread-safe: one per stage worker.
 */
final class BandTable {
    /** 32 band keys and the text hash: the keys of a member as enrich makes them. */
    private static final int KEYS_PER_MEMBER = IndexedKeys.KEYS_PER_ARTICLE - 1;

    private final int capacity;
    /** The members of the batches not yet written, by id: the latest placement of each. */
    private final HashMap<String, Held> unfinished = new HashMap<>();
    /** The members written, by id, oldest first: made for the capacity, like {@link #byKey}. */
    private final LinkedHashMap<String, Held> written;
    /** The held members by the hashes of their keys, each member by its place in {@link #pool}. */
    private final LongKeyIndex byKey;
    /** The held members by their {@link Held#ref}; null where none is. */
    private @Nullable Held[] pool = new Held[64];
    /** The places in {@link #pool} freed, to be taken first (a stack of {@link #freeCount}). */
    private int[] free = new int[64];
    private int freeCount;
    /** How many places of {@link #pool} were ever taken. */
    private int pooled;
    /** How many members were {@linkplain #written written} so far: the next one's ordinal. */
    private long writtenCount;
    /** What {@link LongKeyIndex#touch} read, kept only so that its reads are made. */
    private long touched;

    /**
     * A member and the hashes of its band keys and text hash, kept so that it is forgotten without hashing again.
     * Told apart by identity (not a record: its value hash would hash the whole fingerprint at every probe). Once
     * written, it holds the member without its band keys ({@link ClusterMember#withoutBandKeys}: two thirds of a
     * member's own memory, and nothing reads them again).
     */
    private static final class Held {
        private ClusterMember member;
        private final long[] keys;
        /** Which member written it was (counted from 0), once written. */
        private long ordinal = -1;
        /** Its place in the pool while it is held. */
        private int ref = -1;

        Held(ClusterMember member, long[] keys) {
            this.member = member;
            this.keys = keys;
        }

        boolean holds(long key) {
            for (long own : keys) {
                if (own == key) {
                    return true;
                }
            }
            return false;
        }

        boolean hasText(long key) {
            return keys[keys.length - 1] == key;
        }
    }

    /**
     * @param capacity how many written members are held at most; the index of their keys is made for that many at
     *     once (it grows if the unfinished ones need more)
     */
    BandTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.byKey = new LongKeyIndex(capacity * KEYS_PER_MEMBER);
        this.written = LinkedHashMap.newLinkedHashMap(capacity);
    }

    /**
     * A member placed in a batch not yet written, replacing an unfinished placement of its id. Members without a
     * fingerprint are not held (nothing can match them).
     *
     * @param hashes the {@linkplain KeyHashes#of hashes} of its fingerprint, or null when it has none
     */
    void place(ClusterMember member, long @Nullable [] hashes) {
        Objects.requireNonNull(member, "member");
        unhold(unfinished.remove(member.id()));
        if (member.fingerprint() == null || hashes == null) {
            return;
        }
        var held = new Held(member, hashes);
        unfinished.put(member.id(), held);
        hold(held);
    }

    /**
     * The member's batch was written: it is held among the written ones from now on, in place of an older written
     * member of its id, and the oldest written members beyond the capacity are forgotten. A member whose unfinished
     * placement was replaced since (a later batch placed its id again) is held all the same: it is what the index
     * holds until that batch is written.
     */
    void written(ClusterMember member, long @Nullable [] hashes) {
        Objects.requireNonNull(member, "member");
        long ordinal = writtenCount++;
        Held held = unfinished.get(member.id());
        if (held != null && held.member == member) {
            unfinished.remove(member.id());
        } else if (member.fingerprint() != null && hashes != null) {
            held = new Held(member, hashes);
            hold(held);
        } else {
            unhold(written.remove(member.id()));
            return;
        }
        held.member = member.withoutBandKeys();
        held.ordinal = ordinal;
        unhold(written.remove(member.id()));
        written.put(member.id(), held);
        while (written.size() > capacity) {
            unhold(written.pollFirstEntry().getValue());
        }
    }

    /**
     * Forgets the written members that came before the {@code ordinal}-th {@linkplain #written written} (counted from
     * 0, members without a fingerprint included), oldest first: those the index is known to show.
     */
    void forgetWrittenBefore(long ordinal) {
        while (!written.isEmpty() && written.firstEntry().getValue().ordinal < ordinal) {
            unhold(written.pollFirstEntry().getValue());
        }
    }

    /** Forgets this unfinished member (its batch failed, or it was not written), unless it was placed again since. */
    void forget(ClusterMember member) {
        Held held = unfinished.get(member.id());
        if (held != null && held.member == member) {
            unhold(unfinished.remove(member.id()));
        }
    }

    /**
     * The latest member of this id: its unfinished placement if it has one, else as it was written. Written members
     * come without their band keys.
     */
    Optional<ClusterMember> get(String id) {
        Held held = unfinished.get(id);
        if (held == null) {
            held = written.get(id);
        }
        return held == null ? Optional.empty() : Optional.of(held.member);
    }

    /**
     * Members sharing {@linkplain ClusterRule#sharedBandsRequired enough} band keys or the normalised text with the
     * fingerprint: by band first, in the order they reached enough.
     */
    List<ClusterMember> candidates(TextFingerprint fingerprint) {
        return candidates(fingerprint, KeyHashes.of(fingerprint));
    }

    /** {@link #candidates(TextFingerprint)} with the {@linkplain KeyHashes#of hashes} of the fingerprint at hand. */
    List<ClusterMember> candidates(TextFingerprint fingerprint, long[] keys) {
        var matches = new Matches(ClusterRule.sharedBandsRequired(fingerprint));
        touched = byKey.touch(keys);
        for (int band = 0; band < keys.length - 1; band++) {
            matches.probe(keys[band], false);
        }
        matches.probe(keys[keys.length - 1], true);
        return matches.members();
    }

    /**
     * The members sharing keys with one fingerprint, by band first, in the order they reached enough. Its maps are
     * made at the first shared key: most look-ups share none, and making them for each was 200 MB of garbage per
     * 90,000 articles placed (JFR, sink benchmark).
     */
    private final class Matches implements IntConsumer {
        private final int required;
        private @Nullable IdentityHashMap<Held, Integer> shared;
        private @Nullable LinkedHashSet<Held> found;
        /** The key probed, and whether it is the text hash. */
        private long key;
        private boolean text;

        Matches(int required) {
            this.required = required;
        }

        void probe(long key, boolean text) {
            this.key = key;
            this.text = text;
            byKey.forEach(key, this);
        }

        /**
         * A member held under the key probed, or under another of the same tag: its own keys tell. Any of its keys
         * counts for a band key; a text hash counts only as its text hash (a band key hashing to it is no text match).
         */
        @Override
        public void accept(int ref) {
            Held held = pool[ref];
            if (text ? held.hasText(key) : held.holds(key)) {
                if (text) {
                    found(held);
                } else {
                    shares(held);
                }
            }
        }

        private void shares(Held held) {
            if (shared == null) {
                shared = new IdentityHashMap<>();
            }
            if (shared.merge(held, 1, Integer::sum) == required) {
                found(held);
            }
        }

        private void found(Held held) {
            if (found == null) {
                found = new LinkedHashSet<>();
            }
            found.add(held);
        }

        List<ClusterMember> members() {
            if (found == null) {
                // An ArrayList too, not List.of(): ClusterRule.nearest's loop then meets one class, where a second
                // had the compiled clustering code trapped and compiled again in every round of the sink benchmark.
                return new ArrayList<>();
            }
            var members = new ArrayList<ClusterMember>(found.size());
            found.forEach(held -> members.add(held.member));
            return members;
        }
    }

    /** How many written members are held. */
    int size() {
        return written.size();
    }

    /** Each unfinished member's id and the hashes of its fingerprint. */
    void forEachUnfinished(BiConsumer<String, long[]> action) {
        unfinished.forEach((id, held) -> action.accept(id, held.keys));
    }

    /** Forgets every unfinished member; the written ones stay. */
    void forgetUnfinished() {
        unfinished.values().forEach(this::unhold);
        unfinished.clear();
    }

    private void hold(Held held) {
        held.ref = take(held);
        for (long key : held.keys) {
            byKey.put(key, held.ref);
        }
    }

    private void unhold(@Nullable Held held) {
        if (held != null && held.ref >= 0) {
            for (long key : held.keys) {
                byKey.remove(key, held.ref);
            }
            release(held.ref);
            held.ref = -1;
        }
    }

    /** A place in the pool for the member: a freed one if there is one. */
    private int take(Held held) {
        int ref;
        if (freeCount > 0) {
            ref = free[--freeCount];
        } else {
            ref = pooled++;
            if (ref == pool.length) {
                pool = Arrays.copyOf(pool, 2 * pool.length);
            }
        }
        pool[ref] = held;
        return ref;
    }

    private void release(int ref) {
        pool[ref] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, 2 * free.length);
        }
        free[freeCount++] = ref;
    }
}
