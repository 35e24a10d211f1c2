package io.outsight.index.search;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One bucket of a facet: a value and how many articles (or, for figure facets, figures) have it.
 *
 * @param key the value: a tag, {@code yyyy-MM} for months, a year
 * @param count how many articles or figures fall in the bucket
 * @param children finer buckets (years within a segment), empty when none
 * @param stats statistics of the figures' values in the bucket, for {@link Facet#MARKET_SIZE} leaves
 */
public record FacetBucket(String key, long count, List<FacetBucket> children, @Nullable ValueStats stats) {
    public FacetBucket {
        Objects.requireNonNull(key, "key");
        children = List.copyOf(children);
    }

    public static FacetBucket of(String key, long count) {
        return new FacetBucket(key, count, List.of(), null);
    }

    /** Statistics of numeric values (market sizes, in the figures' normalised units). */
    public record ValueStats(long count, double min, double max, double avg, double sum) {}
}
