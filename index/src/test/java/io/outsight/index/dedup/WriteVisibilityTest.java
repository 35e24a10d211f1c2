package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.EnrichedSummary;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteVisibility} against a simulated node whose refreshes take time: at every look-up, each article the
 * memory forgot is searchable, whether the node refreshes on its own, never, or cannot say. The checks run on the
 * test's thread, each as it is started (on their own thread they run while the worker places a batch).
 */
class WriteVisibilityTest {
    private static final int MEMORY = 1_000;
    private static final int BATCH = 50;

    /** A node with one shard copy (or two), refreshing when told to; the truth the test checks against. */
    private static final class Node implements CandidateSource {
        long written;
        /** Every write before this is searchable. */
        long searchable;
        long count;
        long replicaCount;
        boolean replica;
        boolean countsKnown = true;
        int forced;
        private long refreshFrom = -1;

        @Override
        public Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) {
            return Map.of();
        }

        @Override
        public synchronized void makeWritesVisible() {
            forced++;
            long from = written;
            count++;
            replicaCount++;
            searchable = Math.max(searchable, from);
        }

        @Override
        public synchronized Map<String, Long> refreshCounts() {
            if (!countsKnown) {
                return Map.of();
            }
            return replica ? Map.of("i/0/n1/p", count, "i/0/n2/r", replicaCount) : Map.of("i/0/n1/p", count);
        }

        /** A refresh of the node's own starts: it will show what was written until now. */
        synchronized void startRefresh() {
            refreshFrom = written;
        }

        /** The refresh started last ends (counted only now, as Elasticsearch counts it). */
        synchronized void endRefresh() {
            if (refreshFrom >= 0) {
                count++;
                replicaCount++;
                searchable = Math.max(searchable, refreshFrom);
                refreshFrom = -1;
            }
        }

        synchronized void write(int articles) {
            written += articles;
        }

        synchronized void assertForgottenSearchable() {
            assertTrue(written - MEMORY <= searchable, written + " written, " + searchable + " searchable");
        }
    }

    /**
     * Writes {@code batches} batches, a look-up before each; the node's own refresh starts every {@code every}
     * batches (0: never) and ends {@code lasting} batches later.
     */
    private static void run(Node node, int batches, int every, int lasting) throws IOException {
        try (var visibility = new WriteVisibility(node, MEMORY, Runnable::run)) {
            for (int b = 1; b <= batches; b++) {
                visibility.beforeLookUp();
                node.assertForgottenSearchable();
                node.write(BATCH);
                visibility.written(BATCH);
                if (every > 0 && b % every == 0) {
                    node.startRefresh();
                }
                if (every > 0 && b % every == lasting % every) {
                    node.endRefresh();
                }
            }
        }
    }

    @Test
    void aNodeThatRefreshesOnItsOwnIsRefreshedByNoOne() throws IOException {
        var node = new Node();
        // A refresh per 200 articles, each lasting while 150 more are written: a reading taken during one is
        // proven only by the one after it.
        run(node, 400, 4, 3);
        assertEquals(0, node.forced, "refreshes forced");
    }

    @Test
    void aNodeWhoseRefreshesAreSlowIsRefreshedWhenTheyFallBehind() throws IOException {
        var node = new Node();
        // A refresh per 500 articles, each lasting while 350 more are written: a reading taken during one is not
        // searchable when it ends (one refresh after a reading proves nothing), and the proof comes too late for the
        // memory at times, so some refreshes are forced, fewer than for a node that never refreshes.
        run(node, 400, 10, 7);
        assertTrue(node.forced > 0 && node.forced < forcedWithoutOwnRefreshes(), node.forced + " refreshes forced");
    }

    @Test
    void aNodeThatNeverRefreshesIsRefreshedEverySevenEighthsOfTheMemory() throws IOException {
        var node = new Node();
        run(node, 400, 0, 0);
        assertEquals(forcedWithoutOwnRefreshes(), node.forced, "refreshes forced");
    }

    /**
     * Refreshes forced in {@link #run} of 400 batches on a node that shows no refresh of its own: at the first check
     * more than three quarters of the memory past the last, and checks come every eighth of it.
     */
    private static int forcedWithoutOwnRefreshes() {
        int checked = MEMORY / WriteVisibility.CHECKS_PER_MEMORY;
        int forcedEvery = (MEMORY - MEMORY / 4) / checked * checked + checked;
        return (400 * BATCH - BATCH) / forcedEvery; // the last look-up comes before the last batch is written
    }

    @Test
    void aNodeThatCannotTellItsRefreshesIsRefreshedAsIfItNeverDid() throws IOException {
        var node = new Node();
        node.countsKnown = false;
        run(node, 400, 4, 3);
        assertEquals(forcedWithoutOwnRefreshes(), node.forced, "refreshes forced");
    }

    @Test
    void aCopyThatWasNotReadProvesNothingUntilItWas() throws IOException {
        var node = new Node();
        try (var visibility = new WriteVisibility(node, MEMORY, Runnable::run)) {
            for (int b = 1; b <= 400; b++) {
                if (b == 100) {
                    node.replica = true; // a replica appears: its refreshes have no reading to count from
                }
                visibility.beforeLookUp();
                node.assertForgottenSearchable();
                node.write(BATCH);
                visibility.written(BATCH);
                if (b % 4 == 0) {
                    node.startRefresh();
                }
                if (b % 4 == 3) {
                    node.endRefresh();
                }
            }
        }
        assertEquals(1, node.forced, "refreshes forced");
    }

    @Test
    void refusesAMemoryTooSmallToCheckAnEighthOf() {
        var node = new Node();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WriteVisibility(node, WriteVisibility.CHECKS_PER_MEMORY - 1));
        assertEquals(0, node.forced);
    }
}
