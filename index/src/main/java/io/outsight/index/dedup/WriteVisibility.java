package io.outsight.index.dedup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every written article findable: in the worker's memory of recent articles, or searchable in the index. The
 * memory holds the last {@code memory} articles written; an article it forgot must have been written before a
 * refresh that has completed (a refresh makes searchable every write acknowledged before it started).
 *
 * <p>Refreshes run in the background: one starts once half the memory was written since the last one started, and a
 * look-up waits only if the memory forgot an article that no completed refresh covers (the refresh in flight is
 * awaited, or one is made then). Elasticsearch refreshes every second on its own, but later under load, and copies
 * whose story had left the memory before a refresh showed it started clusters of their own. The refreshes used to
 * be made on the stage thread before the look-up that was due: in the sink benchmark, with the other costs of
 * clustering cut, the stage then waited for them a third of the time while both cores had work to spare.
 *
 * <p>Called on the stage thread; the refreshes run on a thread of their own. Close it to stop that thread.
 */
final class WriteVisibility implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteVisibility.class);

    private final CandidateSource index;
    private final int memory;
    /** Articles written (and remembered) so far. */
    private long written;
    /** {@link #written} when the last refresh that completed started: every article before it is searchable. */
    private long searchableBefore;
    /** {@link #written} when the last refresh was started. */
    private long lastStartedAt;
    private @Nullable Future<?> running;
    private long runningFrom;
    private @Nullable ExecutorService thread;

    /** @param memory how many of the last written articles the worker remembers */
    WriteVisibility(CandidateSource index, int memory) {
        this.index = Objects.requireNonNull(index, "index");
        if (memory < 2) {
            throw new IllegalArgumentException("memory must be at least 2, was " + memory);
        }
        this.memory = memory;
    }

    /** Counts articles written and remembered. */
    void written(int articles) {
        written += articles;
    }

    /**
     * Before a look-up: makes sure every article the memory forgot is searchable, and starts a refresh in the
     * background when one is due.
     *
     * @return whether a refresh was started or made (a moment to check the index, see {@link ClusterAssigner})
     * @throws IOException when a refresh that had to be made failed (the caller retries the batch)
     */
    boolean beforeLookUp() throws IOException {
        collect(false);
        long forgotten = written - memory; // the articles before this one have left the memory
        if (forgotten > searchableBefore && running != null && runningFrom >= forgotten) {
            collect(true);
        }
        boolean refreshed = false;
        if (forgotten > searchableBefore) {
            long from = written;
            index.makeWritesVisible();
            searchableBefore = from;
            lastStartedAt = from;
            refreshed = true;
        }
        if (running == null && written - lastStartedAt >= memory / 2) {
            long from = written;
            runningFrom = from;
            lastStartedAt = from;
            running = thread().submit(() -> {
                index.makeWritesVisible();
                return null;
            });
            refreshed = true;
        }
        return refreshed;
    }

    /** Takes note of the refresh in flight if it is done (or when {@code wait}, once it is). */
    private void collect(boolean wait) throws IOException {
        Future<?> refresh = running;
        if (refresh == null || (!wait && !refresh.isDone())) {
            return;
        }
        running = null;
        try {
            refresh.get();
            searchableBefore = Math.max(searchableBefore, runningFrom);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the index refreshed");
        } catch (ExecutionException e) {
            // Not counted as done: the next look-up that needs it refreshes on its own thread, and fails the batch if
            // that fails too.
            log.debug("a background refresh failed: {}", e.getCause().toString());
        }
    }

    private ExecutorService thread() {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster-refresh").daemon().factory());
        }
        return thread;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
