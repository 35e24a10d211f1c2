package io.outsight.app.bench;

import java.util.Arrays;
import java.util.Objects;

/**
 * Percentiles of a set of durations in milliseconds, by the nearest-rank method: the p-th percentile is the smallest
 * value with at least p % of the values at or below it, so every percentile is a value that was measured.
 *
 * @param count how many values
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param max the largest value
 */
public record LatencySummary(int count, long p50, long p95, long max) {
    /** The summary of no values: all zeros. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0);

    /** Summarises the values (in any order; the array is not changed). */
    public static LatencySummary of(long[] millis) {
        Objects.requireNonNull(millis, "millis");
        if (millis.length == 0) {
            return EMPTY;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                sorted[sorted.length - 1]);
    }

    /**
     * The nearest-rank percentile of sorted values: the value at rank ⌈p/100 · n⌉ (1-based).
     *
     * @param percent in (0, 100]
     */
    public static long percentile(long[] sorted, double percent) {
        Objects.requireNonNull(sorted, "sorted");
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
