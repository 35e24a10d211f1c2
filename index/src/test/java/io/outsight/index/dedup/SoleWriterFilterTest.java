package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.index.ItSupport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SoleWriterFilterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** An index holding one article, whose scans after the first wait until {@link #release} counts down. */
    private static final class SlowIndex implements CandidateSource {
        final AtomicInteger scans = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) {
            throw new AssertionError("the filter never searches");
        }

        @Override
        public String scanKeys(IndexedKeys keys) throws IOException {
            if (scans.incrementAndGet() > 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("scan stopped");
                }
            }
            keys.allocate(1);
            keys.add("indexed", (long[]) null);
            return "index-v1";
        }

        @Override
        public String concreteIndex() {
            return "index-v1";
        }
    }

    /** Lets the filter read the index, then places one article more than it was sized for; returns it. */
    private static IndexedKeys fullAfterItsFirstScan(SoleWriterFilter filter) throws InterruptedException {
        filter.writesAlone(true);
        ItSupport.await(WAIT, "the first scan", () -> filter.ready() != null);
        IndexedKeys first = filter.ready();
        for (int i = 0; i <= IndexedKeys.MIN_ARTICLES; i++) {
            filter.placed("placed-" + i, null);
        }
        assertTrue(first.full());
        return first;
    }

    @Test
    void aFullFilterAnswersUntilTheOneReadAgainIsReadyAndHoldsWhatWasPlacedMeanwhile() throws Exception {
        var index = new SlowIndex();
        try (var filter = new SoleWriterFilter(index, new BandTable(10), Duration.ofDays(1))) {
            IndexedKeys first = fullAfterItsFirstScan(filter);

            filter.check(true); // full: read again, slowly
            assertSame(first, filter.ready(), "the full filter answers while the next one is read");
            assertTrue(filter.ready().mayHoldId("placed-7"));
            assertFalse(filter.ready().mayHoldId("never-placed"), "and still rules out what it never held");
            filter.placed("during-the-scan", null);
            assertTrue(filter.ready().mayHoldId("during-the-scan"), "given what is placed meanwhile");

            index.release.countDown();
            ItSupport.await(WAIT, "the second scan", () -> filter.ready() != first);
            IndexedKeys second = filter.ready();
            assertNotSame(first, second);
            assertFalse(second.full());
            assertTrue(second.mayHoldId("indexed"));
            assertTrue(second.mayHoldId("during-the-scan"), "the new filter holds what was placed during its scan");
            assertEquals(2, index.scans.get());
        }
    }

    @Test
    void aFullFilterIsDroppedWithTheRestWhenAnotherWorkerMayWrite() throws Exception {
        var index = new SlowIndex();
        try (var filter = new SoleWriterFilter(index, new BandTable(10), Duration.ofDays(1))) {
            fullAfterItsFirstScan(filter);
            filter.check(true);
            filter.writesAlone(false);
            assertNull(filter.ready(), "incomplete from now on: every article is searched");
        }
    }
}
