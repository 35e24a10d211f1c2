package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides an article's cluster from what is already placed; a pure function, so the rule is tested without a
 * server.
 *
 * <ul>
 *   <li><b>Duplicate</b>: its estimated Jaccard similarity with a placed article is at least {@link #THRESHOLD}
 *       (or their normalised texts are equal). It joins the cluster of the most similar such article (ties: the
 *       smallest cluster id), whose canonical article it names in {@code duplicate_of}.
 *   <li><b>Canonical</b>: otherwise, or when it has no fingerprint. The canonical article of a story is therefore
 *       the first copy the index stage placed; the stage places each batch {@link #EARLIEST_FIRST earliest
 *       published first}. It stays canonical: a copy arriving later but published earlier joins as a duplicate,
 *       because moving the canonical would rewrite every copy already indexed.
 *   <li><b>Stable</b>: an article already placed keeps its cluster when it comes again (a replay, or a new
 *       enrichment of the same text); a canonical article keeps its place even when its text changed, since other
 *       copies point at it. Only a duplicate whose normalised text changed is placed afresh.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusterRule {
    /**
     * The least estimated Jaccard similarity of the shingle sets for two texts to be the same story. At 0.8 a
     * different lead paragraph, a sign-off or a reworded sentence or two still match; an update that rewrote a
     * fifth of the text, or a piece quoting another, does not. With 128 components the estimate's standard error
     * near 0.8 is 0.035.
     */
    public static final double THRESHOLD = 0.8;

    /**
     * Band keys a placed article must share with an article to be its candidate (unless their normalised texts are
     * equal). Two: a copy at the threshold (each band of 4 components agrees with probability 0.8⁴ = 0.41) shares
     * about 13 of the 32 bands, and fewer than two with probability 1.1 × 10⁻⁶; unrelated texts that share one band by
     * chance are far more common than those sharing two (974 against 8 pairs among 1,000 generated benchmark articles,
     * {@code BandSharing}). With one, a look-up in a large index returned thousands of such documents per batch, each
     * read, sent and compared for nothing.
     */
    public static final int MIN_SHARED_BANDS = 2;

    /** The order in which a batch is placed: published first (fetched when undated), ties by id. */
    public static final Comparator<EnrichedSummary> EARLIEST_FIRST = Comparator
            .comparing(EnrichedSummary::firstSeen)
            .thenComparing(EnrichedSummary::id);

    private ClusterRule() {}

    /**
     * The cluster of {@code article}.
     *
     * @param self the article as already placed (indexed or earlier in the batch), or null when it is new
     * @param candidates placed articles that may be copies of it (they share {@link #sharedBandsRequired enough} band
     *     keys or the normalised text); itself is ignored among them, and so is any that fails verification
     */
    public static ClusterAssignment decide(EnrichedSummary article, @Nullable ClusterMember self,
            Collection<ClusterMember> candidates) {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(candidates, "candidates");
        String id = article.id();
        TextFingerprint fingerprint = article.fingerprint();
        ClusterAssignment stored = self == null ? null : self.assignment();
        if (stored != null && (stored.isCanonical() || sameText(self.fingerprint(), fingerprint))) {
            return stored;
        }
        if (fingerprint == null) {
            return ClusterAssignment.canonical(id);
        }
        return nearest(id, fingerprint, candidates)
                .map(best -> best.cluster().equals(id)
                        ? ClusterAssignment.canonical(id) // a copy already names this article as its canonical
                        : ClusterAssignment.duplicate(id, best.cluster()))
                .orElseGet(() -> ClusterAssignment.canonical(id));
    }

    /** The band keys a candidate must share with this fingerprint: {@value #MIN_SHARED_BANDS}, or all if fewer. */
    static int sharedBandsRequired(TextFingerprint fingerprint) {
        return Math.max(1, Math.min(MIN_SHARED_BANDS, fingerprint.bands().size()));
    }

    private static boolean sameText(@Nullable TextFingerprint before, @Nullable TextFingerprint now) {
        return before != null && now != null && before.scheme().equals(now.scheme())
                && before.textHash().equals(now.textHash());
    }

    /** The verified candidate most similar to the fingerprint (ties: smallest cluster id), excluding {@code id}. */
    static Optional<ClusterMember> nearest(String id, TextFingerprint fingerprint,
            Collection<ClusterMember> candidates) {
        ClusterMember best = null;
        double bestSimilarity = -1;
        for (ClusterMember candidate : candidates) {
            if (candidate.id().equals(id) || candidate.fingerprint() == null) {
                continue;
            }
            double similarity = fingerprint.estimatedJaccard(candidate.fingerprint());
            if (similarity < THRESHOLD) {
                continue;
            }
            if (similarity > bestSimilarity || (similarity == bestSimilarity
                    && candidate.cluster().compareTo(best.cluster()) < 0)) {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
        return Optional.ofNullable(best);
    }
}
