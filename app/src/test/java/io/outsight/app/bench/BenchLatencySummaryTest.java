package io.outsight.app.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchLatencySummaryTest {
    /** Nearest rank: the value at rank ceil(p/100 * n), 1-based. */
    @ParameterizedTest(name = "p{1} of 1..{0} = {2}")
    @CsvSource({
        "1, 50, 1", "1, 95, 1", "1, 100, 1",
        "2, 50, 1", "2, 95, 2",
        "10, 50, 5", "10, 95, 10", "10, 10, 1", "10, 11, 2",
        "20, 50, 10", "20, 95, 19", "20, 100, 20",
        "100, 50, 50", "100, 95, 95", "100, 99, 99",
        "101, 50, 51", "101, 95, 96"})
    void percentileIsTheNearestRankOfTheSortedValues(int n, double percent, long expected) {
        long[] sorted = LongStream.rangeClosed(1, n).toArray();
        assertEquals(expected, LatencySummary.percentile(sorted, percent));
    }

    @Test
    void summaryTakesValuesInAnyOrderAndLeavesThemAlone() {
        long[] values = {900, 10, 40, 30, 20, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190};
        long[] copy = values.clone();
        var summary = LatencySummary.of(values);
        assertEquals(new LatencySummary(20, 100, 190, 900), summary);
        assertArrayEquals(copy, values);
    }

    @Test
    void aSingleOutlierMovesTheMaxButNotTheMedian() {
        long[] values = LongStream.range(0, 1000).map(i -> 100).toArray();
        values[500] = 60_000;
        var summary = LatencySummary.of(values);
        assertEquals(100, summary.p50());
        assertEquals(100, summary.p95());
        assertEquals(60_000, summary.max());
    }

    @Test
    void noValuesGiveTheEmptySummary() {
        assertEquals(LatencySummary.EMPTY, LatencySummary.of(new long[0]));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "100.5"})
    void percentOutsideZeroToHundredIsRefused(double percent) {
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[] {1, 2}, percent));
    }

    @ParameterizedTest
    @CsvSource({"100, 10, 10.0", "5000, 250, 20.0", "7, 0, 0.0", "0, 3, 0.0"})
    void rateIsArticlesPerSecondAndZeroWithoutTime(long articles, double seconds, double expected) {
        assertEquals(expected, BenchReport.rate(articles, seconds), 1e-9);
    }
}
