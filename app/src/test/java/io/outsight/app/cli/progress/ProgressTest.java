package io.outsight.app.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rate, ETA and drawing on a fake clock: no sleeping. */
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND); // any origin: only differences count
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);

    @Test
    void rateIsTheAverageSinceTheStartAndEtaFollowsFromIt() {
        var meter = new ProgressMeter(1000, now::get);
        assertTrue(meter.ratePerSecond().isEmpty(), "no rate before any work");
        assertTrue(meter.eta().isEmpty(), "no ETA before any work");
        now.addAndGet(10 * SECOND);
        meter.advance(250);
        assertEquals(25.0, meter.ratePerSecond().orElseThrow(), 1e-9);
        assertEquals(Optional.of(Duration.ofSeconds(30)), meter.eta()); // 750 left at 25/s
        assertEquals(0.25, meter.fraction().orElseThrow(), 1e-9);
    }

    @Test
    void unknownTotalHasARateButNoFractionNorEta() {
        var meter = new ProgressMeter(0, now::get);
        now.addAndGet(2 * SECOND);
        meter.advance(7);
        assertEquals(3.5, meter.ratePerSecond().orElseThrow(), 1e-9);
        assertTrue(meter.fraction().isEmpty());
        assertTrue(meter.eta().isEmpty());
    }

    @Test
    void moreWorkThanExpectedIsDoneNotNegative() {
        var meter = new ProgressMeter(10, now::get);
        now.addAndGet(SECOND);
        meter.advance(12); // e.g. records that arrived during a reprocess
        assertEquals(1.0, meter.fraction().orElseThrow());
        assertEquals(Optional.of(Duration.ZERO), meter.eta());
    }

    @ParameterizedTest
    @CsvSource({"0, 0:00", "7, 0:07", "750, 12:30", "3723, 1:02:03"})
    void formatsDurations(long seconds, String expected) {
        assertEquals(expected, ProgressLine.duration(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource({"152.4, 152/s", "2.24, 2.2/s", "0.5, 30.0/min"})
    void formatsRates(double perSecond, String expected) {
        assertEquals(expected, ProgressLine.rate(perSecond));
    }

    @Test
    void barShowsPercentCountsRateAndEta() {
        var meter = new ProgressMeter(200, now::get);
        now.addAndGet(4 * SECOND);
        meter.advance(100);
        assertEquals("reprocess [############............]  50%  100/200  25.0/s  ETA 0:04",
                ProgressLine.bar("reprocess", meter));
    }

    @Test
    void terminalBarIsRedrawnInPlaceAtMostTenTimesASecondAndEndsItsLine() {
        try (var progress = new Progress("fetching", 100, Progress.Mode.BAR, err, now::get)) {
            progress.advance(1);
            now.addAndGet(SECOND / 20);
            progress.advance(1); // too soon after the first draw: not redrawn
            assertEquals(1, count(text.toString(), '\r'), text.toString());
            now.addAndGet(SECOND);
            progress.advance(1);
            assertEquals(2, count(text.toString(), '\r'));
            assertTrue(text.toString().endsWith("3/100  2.9/s  ETA 0:34"), text.toString());
        }
        assertTrue(text.toString().endsWith(System.lineSeparator()), "the bar's line is ended on close");
    }

    @Test
    void messagesAppearAboveTheBar() {
        try (var progress = new Progress("reprocess", 10, Progress.Mode.BAR, err, now::get)) {
            progress.println("outsight: alias swapped");
        }
        String[] lines = text.toString().split("\r");
        assertTrue(text.toString().contains("outsight: alias swapped" + System.lineSeparator()));
        assertTrue(lines[lines.length - 1].startsWith("reprocess ["), "the bar is drawn again after the message");
    }

    @Test
    void withoutATerminalPrintsAPlainLineEveryTenSecondsAndNoCarriageReturns() {
        try (var progress = new Progress("fetching", 0, Progress.Mode.LINES, err, now::get)) {
            for (int i = 0; i < 50; i++) {
                now.addAndGet(SECOND);
                progress.advance(2);
            }
        }
        assertFalse(text.toString().contains("\r"));
        assertEquals(5, text.toString().lines().count(), text.toString());
        assertTrue(text.toString().startsWith("outsight: fetching: 20  2.0/s  0:10 elapsed"), text.toString());
    }

    @Test
    void offPrintsNothingButMessages() {
        try (var progress = new Progress("fetching", 10, Progress.Mode.OFF, err, now::get)) {
            now.addAndGet(60 * SECOND);
            progress.advance(10);
            progress.println("outsight: done");
        }
        assertEquals("outsight: done" + System.lineSeparator(), text.toString());
    }

    @Test
    void jsonOrQuietTurnsProgressOff() {
        assertEquals(Progress.Mode.OFF, Progress.Mode.detect(true, false));
        assertEquals(Progress.Mode.OFF, Progress.Mode.detect(false, true));
        // Under Maven there is no terminal: a plain line now and then.
        assertEquals(Progress.Mode.LINES, Progress.Mode.detect(false, false));
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
