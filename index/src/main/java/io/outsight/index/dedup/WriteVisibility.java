package io.outsight.index.dedup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every written article findable: in the worker's memory of recent articles, or searchable in the index. The
 * memory holds the last {@code memory} articles written; an article it forgot must have been written before a
 * refresh that has completed (a refresh makes searchable every write acknowledged before it started).
 *
 * <p>Elasticsearch refreshes on its own (every second by default), so the worker first watches for that: each time an
 * eighth of the memory was written, a check in the background reads how many refreshes each copy of the index has
 * made ({@link CandidateSource#refreshCounts}) and remembers it with the number of articles written then. Once every
 * copy has refreshed twice more, the second of those refreshes started after the reading, so everything written
 * before it is searchable. Only when that falls behind by three quarters of the memory (the node refreshes late, or
 * never, as with {@code refresh_interval: -1}) does the check have the index refreshed itself. Forced refreshes, one
 * per half memory written, had doubled the node's refreshes (and their time) in the sink benchmark, beside its own.
 * The proof lags the writes by up to two refresh intervals and a check, so three quarters of the memory must hold more
 * than that many seconds of writes for the node's own refreshes to do; checks every quarter of the memory had the
 * proof fall behind by a quarter more.
 *
 * <p>A look-up waits only if the memory forgot an article that nothing yet shows searchable: for the check in flight,
 * then for a refresh of its own. The refreshes used to be made on the stage thread before the look-up that was due:
 * in the sink benchmark the stage then waited for them a third of the time while both cores had work to spare.
 *
 * <p>Called on the stage thread; the checks run on a thread of their own. Close it to stop that thread.
 */
final class WriteVisibility implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriteVisibility.class);
    /** Refreshes of every copy after a reading that prove a refresh started after it. */
    private static final int REFRESHES_AFTER = 2;
    /** How many checks are started while the memory's worth of articles is written. */
    static final int CHECKS_PER_MEMORY = 8;

    private final CandidateSource index;
    private final int memory;
    /** Articles written (and remembered) so far. */
    private long written;
    /** Every article before this many written is searchable. */
    private long searchableBefore;
    /** {@link #written} when the last check was started. */
    private long lastStartedAt;
    private @Nullable Future<Long> running;
    private final @Nullable Executor checks;
    private @Nullable ExecutorService thread;
    /** The refresh counts read by earlier checks, oldest first, with {@link #written} then; on the check thread. */
    private final ArrayDeque<Reading> readings = new ArrayDeque<>();

    private record Reading(long written, Map<String, Long> refreshes) {}

    /** @param memory how many of the last written articles the worker remembers */
    WriteVisibility(CandidateSource index, int memory) {
        this(index, memory, null);
    }

    /** @param checks runs the checks (in tests, on the calling thread); null for a thread of its own */
    WriteVisibility(CandidateSource index, int memory, @Nullable Executor checks) {
        this.index = Objects.requireNonNull(index, "index");
        if (memory < CHECKS_PER_MEMORY) {
            throw new IllegalArgumentException("memory must be at least " + CHECKS_PER_MEMORY + ", was " + memory);
        }
        this.memory = memory;
        this.checks = checks;
    }

    /** Counts articles written and remembered. */
    void written(int articles) {
        written += articles;
    }

    /**
     * How many of the articles written first are known searchable (as of the last look-up): the memory need not hold
     * them.
     */
    long searchableBefore() {
        return searchableBefore;
    }

    /**
     * Before a look-up: makes sure every article the memory forgot is searchable, and starts a check in the
     * background when one is due.
     *
     * @return whether a check was started or a refresh made (a moment to check the index, see {@link ClusterAssigner})
     * @throws IOException when a refresh that had to be made failed (the caller retries the batch)
     */
    boolean beforeLookUp() throws IOException {
        collect(false);
        long forgotten = written - memory; // the articles before this one have left the memory
        if (forgotten > searchableBefore && running != null) {
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
        if (running == null && written - lastStartedAt >= memory / CHECKS_PER_MEMORY) {
            long from = written;
            long searchable = searchableBefore;
            lastStartedAt = from;
            var check = new FutureTask<>(() -> check(from, searchable));
            running = check;
            (checks == null ? thread() : checks).execute(check);
            refreshed = true;
        }
        return refreshed;
    }

    /**
     * On the check thread: how many written articles are searchable now, {@code from} being written and {@code
     * searchable} known searchable. Refreshes the index when the node's own refreshes show too little.
     */
    private long check(long from, long searchable) throws IOException {
        Map<String, Long> now;
        try {
            now = index.refreshCounts();
        } catch (IOException | RuntimeException e) {
            log.debug("could not read the index's refresh counts: {}", e.toString());
            now = Map.of();
        }
        long shown = searchable;
        while (!readings.isEmpty() && refreshedSince(readings.peekFirst().refreshes(), now)) {
            shown = Math.max(shown, readings.pollFirst().written());
        }
        if (now.isEmpty()) {
            readings.clear(); // nothing to compare with: the index refreshes when due, below
        } else {
            readings.addLast(new Reading(from, now));
        }
        if (from - shown > memory - memory / 4) {
            // Past this, the memory could forget what nothing shows searchable before the next check.
            index.makeWritesVisible();
            readings.clear(); // the counts read before this refresh prove nothing it did not
            return from;
        }
        return shown;
    }

    /** Whether every copy now has made {@value #REFRESHES_AFTER} refreshes more than at the reading. */
    private static boolean refreshedSince(Map<String, Long> reading, Map<String, Long> now) {
        if (now.isEmpty() || !reading.keySet().containsAll(now.keySet())) {
            return false; // a copy not read then (relocated, or another index behind the alias) proves nothing
        }
        for (var copy : now.entrySet()) {
            if (copy.getValue() < reading.get(copy.getKey()) + REFRESHES_AFTER) {
                return false;
            }
        }
        return true;
    }

    /** Takes note of the check in flight if it is done (or when {@code wait}, once it is). */
    private void collect(boolean wait) throws IOException {
        Future<Long> check = running;
        if (check == null || (!wait && !check.isDone())) {
            return;
        }
        running = null;
        try {
            searchableBefore = Math.max(searchableBefore, check.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the index's refreshes");
        } catch (ExecutionException e) {
            // Not counted as done: the next look-up that needs it refreshes on its own thread, and fails the batch if
            // that fails too.
            log.debug("a background check of the refreshes failed: {}", e.getCause().toString());
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
