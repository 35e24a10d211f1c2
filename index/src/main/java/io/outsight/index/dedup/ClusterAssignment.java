package io.outsight.index.dedup;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The story an article belongs to. The cluster is named after its canonical article: {@code clusterId} is that
 * article's id, and {@code duplicateOf} is the same id on every other member (absent on the canonical one).
 *
 * @param id the article
 * @param clusterId the id of the cluster's canonical article ({@code id} itself when the article is canonical)
 * @param duplicateOf the canonical article's id, or null when this article is the canonical one
 */
public record ClusterAssignment(String id, String clusterId, @Nullable String duplicateOf) {
    public ClusterAssignment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clusterId, "clusterId");
        if (duplicateOf == null ? !clusterId.equals(id) : !duplicateOf.equals(clusterId) || duplicateOf.equals(id)) {
            throw new IllegalArgumentException("inconsistent cluster for " + id + ": cluster " + clusterId
                    + ", duplicate of " + duplicateOf);
        }
    }

    /** The article is the canonical one of its own cluster. */
    public static ClusterAssignment canonical(String id) {
        return new ClusterAssignment(id, id, null);
    }

    /** The article is a copy of {@code canonicalId}'s story. */
    public static ClusterAssignment duplicate(String id, String canonicalId) {
        return new ClusterAssignment(id, canonicalId, canonicalId);
    }

    public boolean isCanonical() {
        return duplicateOf == null;
    }
}
