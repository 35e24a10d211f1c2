package io.outsight.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RatioIntervalTest {
    @Test
    void roundsThatAllAgreeGiveAnIntervalOfTheirRatioAlone() {
        var raw = List.of(8000.0, 6000.0, 7000.0, 8000.0, 6000.0, 7000.0);
        var interval = RatioInterval.of(raw, raw.stream().map(rate -> rate * 0.8).toList());
        assertEquals(0.8, interval.ratio(), 1e-9);
        assertEquals(0.8, interval.low(), 1e-9);
        assertEquals(0.8, interval.high(), 1e-9);
        assertTrue(interval.reaches(0.8));
        assertEquals("shown (the whole interval reaches it)", interval.verdict(0.8));
        assertEquals("missed (the whole interval is below it)", interval.verdict(0.85));
    }

    @Test
    void tooFewRoundsGiveNoVerdict() {
        var interval = RatioInterval.of(List.of(8000.0), List.of(7000.0));
        assertEquals(interval.low(), interval.high()); // one round: a point, not an interval
        assertFalse(interval.reaches(0.8));
        assertTrue(interval.verdict(0.8).startsWith("too few rounds to tell"), interval.verdict(0.8));
    }

    @Test
    void noisyRoundsGiveAnIntervalAroundTheRatioThatNarrowsWithMoreRounds() {
        var few = noisyRounds(6);
        var many = noisyRounds(96);
        var fewInterval = RatioInterval.of(few.get(0), few.get(1));
        var manyInterval = RatioInterval.of(many.get(0), many.get(1));
        for (var interval : List.of(fewInterval, manyInterval)) {
            assertTrue(interval.low() <= interval.ratio() && interval.ratio() <= interval.high(), interval.toString());
        }
        assertTrue(manyInterval.high() - manyInterval.low() < fewInterval.high() - fewInterval.low(),
                fewInterval + " against " + manyInterval);
        // The rates were drawn around a ratio of 0.8: many rounds must not show it reached, nor missed by far.
        assertFalse(manyInterval.reaches(0.85), manyInterval.toString());
        assertTrue(manyInterval.high() > 0.78, manyInterval.toString());
        assertEquals("not shown either way", manyInterval.verdict(0.8), manyInterval.toString());
    }

    @Test
    void theRoundsOwnRatiosAreNotMixedUpByANodeThatDrifts() {
        // The node twice as fast in the last three rounds, the sink at 0.9 then at 0.8 of each round's raw bulk.
        var raw = List.of(100.0, 100.0, 100.0, 300.0, 300.0, 300.0);
        var sink = List.of(90.0, 90.0, 90.0, 240.0, 240.0, 240.0);
        assertEquals(165.0 / 200.0, RatioInterval.of(raw, sink).ratio(), 1e-9); // medians mixing both halves
        var own = RatioInterval.ofRoundRatios(raw, sink);
        assertEquals(0.85, own.ratio(), 1e-9);
        assertEquals(0.8, own.low(), 1e-9);
        assertEquals(0.9, own.high(), 1e-9);
        assertEquals("not shown either way", own.verdict(0.85));
        var agreeing = RatioInterval.ofRoundRatios(raw, raw.stream().map(rate -> rate * 0.82).toList());
        assertEquals(0.82, agreeing.low(), 1e-9);
        assertEquals("shown (the whole interval reaches it)", agreeing.verdict(0.8));
        assertThrows(IllegalArgumentException.class, () -> RatioInterval.ofRoundRatios(List.of(1.0), List.of()));
    }

    @Test
    void refusesUnpairedRounds() {
        assertThrows(IllegalArgumentException.class, () -> RatioInterval.of(List.of(1.0, 2.0), List.of(1.0)));
        assertThrows(IllegalArgumentException.class, () -> RatioInterval.of(List.of(), List.of()));
    }

    /** Raw bulk rates 5,000-9,000 and the sink at 0.8 of each, give or take a tenth. */
    private static List<List<Double>> noisyRounds(int rounds) {
        var random = new Random(rounds);
        var raw = new ArrayList<Double>();
        var sink = new ArrayList<Double>();
        for (int i = 0; i < rounds; i++) {
            double rate = 5000 + 4000 * random.nextDouble();
            raw.add(rate);
            sink.add(rate * (0.8 + 0.1 * random.nextGaussian()));
        }
        return List.of(raw, sink);
    }
}
