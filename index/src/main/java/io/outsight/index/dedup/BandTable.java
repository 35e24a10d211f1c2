package io.outsight.index.dedup;

import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory LSH table of placed articles: band key (and normalised-text hash) → members, holding at most
 * {@code capacity} articles and forgetting the oldest first. Looking up an article costs one probe per band, whatever
 * the number of articles held. The keys are probed by their 64-bit hashes ({@link KeyHashes}) in a {@link
 * LongKeyIndex}: the hash maps of string keys this table had (and the set of ids per shared key) were 35 % of the
 * index stage thread's samples in the sink benchmark, adding, forgetting and looking up.
 *
 * <p>Not thread-safe: one per stage worker.
 */
final class BandTable {
    private final int capacity;
    /** Whether the members keep their band keys (only those of the unfinished batches are read again). */
    private final boolean keepsBandKeys;
    /** The members held, by id, oldest first, with the hashes they are held under. */
    private final LinkedHashMap<String, Held> members = new LinkedHashMap<>();
    private final LongKeyIndex<Held> byKey = new LongKeyIndex<>();

    /**
     * A member and the hashes of its band keys and text hash, kept so that it is forgotten without hashing again.
     * Told apart by identity (not a record: its value hash would hash the whole fingerprint at every probe).
     */
    private static final class Held {
        private final ClusterMember member;
        private final long[] keys;

        Held(ClusterMember member, long[] keys) {
            this.member = member;
            this.keys = keys;
        }

        ClusterMember member() {
            return member;
        }

        long[] keys() {
            return keys;
        }
    }

    /**
     * @param keepsBandKeys whether {@link #get} and {@link #forEach} give the members as they were put, or without
     *     their fingerprints' band keys ({@link ClusterMember#withoutBandKeys}: two thirds of a member's own memory)
     */
    BandTable(int capacity, boolean keepsBandKeys) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.keepsBandKeys = keepsBandKeys;
    }

    /** Adds or replaces a member; members without a fingerprint are not held (nothing can match them). */
    void put(ClusterMember member) {
        TextFingerprint fingerprint = member.fingerprint();
        put(member, fingerprint == null ? null : KeyHashes.of(fingerprint));
    }

    /** {@link #put(ClusterMember)} with the {@linkplain KeyHashes#of hashes} of its fingerprint at hand. */
    void put(ClusterMember member, long @Nullable [] hashes) {
        Objects.requireNonNull(member, "member");
        remove(member.id());
        if (member.fingerprint() == null || hashes == null) {
            return;
        }
        var held = new Held(keepsBandKeys ? member : member.withoutBandKeys(), hashes);
        members.put(member.id(), held);
        for (long key : held.keys()) {
            byKey.put(key, held);
        }
        while (members.size() > capacity) {
            remove(members.firstEntry().getKey());
        }
    }

    Optional<ClusterMember> get(String id) {
        Held held = members.get(id);
        return held == null ? Optional.empty() : Optional.of(held.member());
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
        for (int band = 0; band < keys.length - 1; band++) {
            byKey.forEach(keys[band], matches::shares);
        }
        long text = keys[keys.length - 1];
        byKey.forEach(text, held -> {
            // Held under its text hash (the last key) too: a member whose band key hashes to it is not a text match.
            if (held.keys()[held.keys().length - 1] == text) {
                matches.found(held);
            }
        });
        return matches.members();
    }

    /**
     * The members sharing keys with one fingerprint, by band first, in the order they reached enough. Its maps are
     * made at the first shared key: most look-ups share none, and making them for each was 200 MB of garbage per
     * 90,000 articles placed (JFR, sink benchmark).
     */
    private static final class Matches {
        private final int required;
        private @Nullable IdentityHashMap<Held, Integer> shared;
        private @Nullable LinkedHashSet<Held> found;

        Matches(int required) {
            this.required = required;
        }

        void shares(Held held) {
            if (shared == null) {
                shared = new IdentityHashMap<>();
            }
            if (shared.merge(held, 1, Integer::sum) == required) {
                found(held);
            }
        }

        void found(Held held) {
            if (found == null) {
                found = new LinkedHashSet<>();
            }
            found.add(held);
        }

        List<ClusterMember> members() {
            if (found == null) {
                return List.of();
            }
            var members = new ArrayList<ClusterMember>(found.size());
            found.forEach(held -> members.add(held.member()));
            return members;
        }
    }

    int size() {
        return members.size();
    }

    /** Every member held, oldest first. */
    void forEach(Consumer<ClusterMember> action) {
        members.values().forEach(held -> action.accept(held.member()));
    }

    /**
     * Forgets this member, unless the table holds another under its id by now (a later placement of the same id).
     * Only for a table that {@linkplain #BandTable keeps band keys}, which holds the members as they were put.
     */
    void removeIfHeld(ClusterMember member) {
        Held held = members.get(member.id());
        if (held != null && held.member() == member) {
            remove(member.id());
        }
    }

    /** Forgets every member, keeping the tables' arrays (a table refilled batch after batch need not grow again). */
    void clear() {
        members.clear();
        byKey.clear();
    }

    private void remove(String id) {
        Held old = members.remove(id);
        if (old != null) {
            for (long key : old.keys()) {
                byKey.remove(key, old);
            }
        }
    }
}
