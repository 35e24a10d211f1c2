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
    private final Map<String, Set<String>> byKey = new HashMap<>();

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
        for (String key : keys(fingerprint)) {
            byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(member.id());
        }
        while (members.size() > capacity) {
            remove(members.firstEntry().getKey());
        }
    }

    Optional<ClusterMember> get(String id) {
        return Optional.ofNullable(members.get(id));
    }

    /** Members sharing a band key or the normalised text with the fingerprint. */
    List<ClusterMember> candidates(TextFingerprint fingerprint) {
        var ids = new LinkedHashSet<String>();
        for (String key : keys(fingerprint)) {
            ids.addAll(byKey.getOrDefault(key, Set.of()));
        }
        var found = new ArrayList<ClusterMember>(ids.size());
        ids.forEach(id -> found.add(members.get(id)));
        return found;
    }

    int size() {
        return members.size();
    }

    private void remove(String id) {
        ClusterMember old = members.remove(id);
        if (old == null || old.fingerprint() == null) {
            return;
        }
        for (String key : keys(old.fingerprint())) {
            Set<String> ids = byKey.get(key);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byKey.remove(key);
                }
            }
        }
    }

    private static List<String> keys(TextFingerprint fingerprint) {
        var keys = new ArrayList<String>(fingerprint.bands().size() + 1);
        fingerprint.bands().forEach(band -> keys.add("b:" + band));
        keys.add("t:" + fingerprint.scheme() + ":" + fingerprint.textHash());
        return keys;
    }
}
