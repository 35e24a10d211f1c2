package io.outsight.index.dedup;

import io.outsight.core.record.TextFingerprint;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the clustering knows of an article already placed: indexed, or earlier in the same batch.
 *
 * @param clusterId its cluster, or null for a document indexed before clustering existed (then it counts as the
 *     canonical article of a cluster of its own)
 * @param fingerprint its fingerprint, or null when it has none (too short, or enriched before fingerprints)
 */
public record ClusterMember(String id, @Nullable String clusterId, @Nullable String duplicateOf,
        @Nullable TextFingerprint fingerprint) {
    public ClusterMember {
        Objects.requireNonNull(id, "id");
    }

    /** A member as the clustering placed it. */
    public static ClusterMember of(ClusterAssignment assignment, @Nullable TextFingerprint fingerprint) {
        return new ClusterMember(assignment.id(), assignment.clusterId(), assignment.duplicateOf(), fingerprint);
    }

    /**
     * The member without its fingerprint's band keys, for holding many: the band keys are 32 strings, two thirds of
     * a member's memory, and once hashed into a table's keys nothing reads them (verification compares signatures).
     */
    ClusterMember withoutBandKeys() {
        if (fingerprint == null || fingerprint.bands().isEmpty()) {
            return this;
        }
        return new ClusterMember(id, clusterId, duplicateOf, new TextFingerprint(fingerprint.scheme(),
                fingerprint.textHash(), fingerprint.signature(), List.of()));
    }

    /** The cluster it belongs to: its own when it has none recorded. */
    public String cluster() {
        return clusterId == null ? id : clusterId;
    }

    /** Its assignment as stored, if it has one. */
    @Nullable ClusterAssignment assignment() {
        if (clusterId == null) {
            return null;
        }
        try {
            return new ClusterAssignment(id, clusterId, duplicateOf);
        } catch (IllegalArgumentException e) {
            return null; // an inconsistent stored pair (edited by hand): decide afresh
        }
    }
}
