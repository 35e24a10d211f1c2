package io.outsight.index.dedup;

import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory LSH table of placed articles: band key (and normalised-text hash) → members, holding at most
 * {@code capacity} articles and forgetting the oldest first. Looking up an article costs one map probe per band,
 * whatever the number of articles held.
 *
 * <p>Not thread-safe: one per stage worker.
 */
final class BandTable {
    private final int capacity;
    private final LinkedHashMap<String, ClusterMember> members = new LinkedHashMap<>();
    /**
     * Member ids by key: one id as a String (nearly every band key belongs to one article), several as a set. A set
     * per key cost about 12 KB per member and made this table, at its 10,000 members, most of the index worker's
     * live heap.
     */
    private final Map<String, Object> byKey = new HashMap<>();

    BandTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds or replaces a member; members without a fingerprint are not held (nothing can match them). */
    void put(ClusterMember member) {
        Objects.requireNonNull(member, "member");
        remove(member.id());
        TextFingerprint fingerprint = member.fingerprint();
        if (fingerprint == null) {
            return;
        }
        members.put(member.id(), member);
        for (String key : fingerprint.bands()) {
            byKey.merge(key, member.id(), BandTable::withId);
        }
        byKey.merge(textKey(fingerprint), member.id(), BandTable::withId);
        while (members.size() > capacity) {
            remove(members.firstEntry().getKey());
        }
    }

    Optional<ClusterMember> get(String id) {
        return Optional.ofNullable(members.get(id));
    }

    /**
     * Members sharing {@linkplain ClusterRule#sharedBandsRequired enough} band keys or the normalised text with the
     * fingerprint: by band first, in the order they reached enough.
     */
    List<ClusterMember> candidates(TextFingerprint fingerprint) {
        int required = ClusterRule.sharedBandsRequired(fingerprint);
        var shared = new HashMap<String, Integer>();
        var ids = new LinkedHashSet<String>();
        for (String key : fingerprint.bands()) {
            forEachId(byKey.get(key), id -> {
                if (shared.merge(id, 1, Integer::sum) == required) {
                    ids.add(id);
                }
            });
        }
        forEachId(byKey.get(textKey(fingerprint)), ids::add);
        var found = new ArrayList<ClusterMember>(ids.size());
        ids.forEach(id -> found.add(members.get(id)));
        return found;
    }

    int size() {
        return members.size();
    }

    /** Every member held, oldest first. */
    void forEach(Consumer<ClusterMember> action) {
        members.values().forEach(action);
    }

    /** Forgets this member, unless the table holds another under its id by now (a later placement of the same id). */
    void removeIfHeld(ClusterMember member) {
        if (members.get(member.id()) == member) {
            remove(member.id());
        }
    }

    /** Forgets every member, keeping the maps' tables (a table refilled batch after batch need not grow again). */
    void clear() {
        members.clear();
        byKey.clear();
    }

    private static void forEachId(@Nullable Object held, Consumer<String> action) {
        if (held instanceof String id) {
            action.accept(id);
        } else if (held instanceof Set<?> several) {
            several.forEach(id -> action.accept((String) id));
        }
    }

    private void remove(String id) {
        ClusterMember old = members.remove(id);
        if (old == null || old.fingerprint() == null) {
            return;
        }
        for (String key : old.fingerprint().bands()) {
            byKey.computeIfPresent(key, (k, held) -> withoutId(held, id));
        }
        byKey.computeIfPresent(textKey(old.fingerprint()), (k, held) -> withoutId(held, id));
    }

    /** The ids held for a key with {@code id} added (the merge of {@link #put}). */
    private static Object withId(Object held, Object id) {
        if (held.equals(id)) {
            return held;
        }
        Set<String> several = held instanceof String one ? new LinkedHashSet<>(List.of(one)) : castSet(held);
        several.add((String) id);
        return several;
    }

    /** The ids held for a key without {@code id}; null (the key goes) when none is left. */
    private static @Nullable Object withoutId(Object held, String id) {
        if (held instanceof String one) {
            return one.equals(id) ? null : one;
        }
        Set<String> several = castSet(held);
        several.remove(id);
        return several.isEmpty() ? null : several.size() == 1 ? several.iterator().next() : several;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> castSet(Object held) {
        return (Set<String>) held;
    }

    /** The text hash's key, under a prefix no band key has; the band keys are used as the fingerprint holds them. */
    private static String textKey(TextFingerprint fingerprint) {
        return "t:" + fingerprint.scheme() + ":" + fingerprint.textHash();
    }
}
