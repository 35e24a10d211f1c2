package io.outsight.index.dedup;

import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
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
 * article now stays where it was placed.
 *
 * <p>Not thread-safe: one per stage worker.
 */
final class BandTable {
    private final int capacity;
    /** The members of the batches not yet written, by id: the latest placement of each. */
    private final HashMap<String, Held> unfinished = new HashMap<>();
    /** The members written, by id, oldest first. */
    private final LinkedHashMap<String, Held> written = new LinkedHashMap<>();
    private final LongKeyIndex<Held> byKey = new LongKeyIndex<>();
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

        Held(ClusterMember member, long[] keys) {
            this.member = member;
            this.keys = keys;
        }
    }

    /** @param capacity how many written members are held at most */
    BandTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
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
            byKey.forEach(keys[band], matches::shares);
        }
        long text = keys[keys.length - 1];
        byKey.forEach(text, held -> {
            // Held under its text hash (the last key) too: a member whose band key hashes to it is not a text match.
            if (held.keys[held.keys.length - 1] == text) {
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
        for (long key : held.keys) {
            byKey.put(key, held);
        }
    }

    private void unhold(@Nullable Held held) {
        if (held != null) {
            for (long key : held.keys) {
                byKey.remove(key, held);
            }
        }
    }
}
