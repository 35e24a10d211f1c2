package io.outsight.index.dedup;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter of what the index holds ({@link IndexedKeys}) over its life: kept while the worker is the index's only
 * writer, read from the index once in the background, and given every article the worker places. It is dropped when
 * the worker stops being the only writer (a rebalance gave another worker partitions: it was incomplete from then
 * on, even if this worker gets them all back), and read again when the alias moved to another index (checked every
 * {@code checkInterval} at most, and whenever the caller refreshed), when it is full, or after its scan failed.
 *
 * <p>A full filter goes on answering while the next one is read, and is given every article placed meanwhile: it
 * still holds every key of the index, and only lets more articles through to a search than it was sized for. Dropped
 * at once, it left every article to be searched until the scan was done: in a sink benchmark of 60,000 articles a
 * round, the last 10,000 were all searched (53 to 56 searches a round, 22 to 25 with the full filter answering), and
 * the scans of a large index take longer. The two filters are held together only during the scan.
 *
 * <p>Called on the stage thread; the scans run on a thread of their own. Close it to stop that thread.
 */
final class SoleWriterFilter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SoleWriterFilter.class);

    private final CandidateSource index;
    private final BandTable unfinished;
    private final Duration checkInterval;
    private @Nullable IndexedKeys keys;
    /** The full filter that answers until {@link #keys}, read again, is ready; null when there is none. */
    private @Nullable IndexedKeys previous;
    private boolean alone;
    private long checkedAt;
    private @Nullable ExecutorService scans;
    private @Nullable Future<?> scanning;

    /**
     * @param unfinished holds the placements of the batches not yet written, given to each new filter (its scan,
     *     reading what the index holds after a refresh, might miss them)
     */
    SoleWriterFilter(CandidateSource index, BandTable unfinished, Duration checkInterval) {
        this.index = Objects.requireNonNull(index, "index");
        this.unfinished = Objects.requireNonNull(unfinished, "unfinished");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    }

    /** Whether the worker is now its index's only writer: see the class comment. */
    void writesAlone(boolean alone) {
        this.alone = alone;
        if (!alone) {
            keys = null;
            previous = null;
            stopScanning();
        } else if (keys == null) {
            scan();
        }
    }

    /**
     * Before a look-up: builds the filter again when the alias moved, it is full, or its scan failed.
     *
     * @param refreshed whether the caller just refreshed the index (a moment to check, whatever the interval)
     */
    void check(boolean refreshed) throws IOException {
        if (!alone || (!refreshed && System.nanoTime() - checkedAt < checkInterval.toNanos())) {
            return;
        }
        checkedAt = System.nanoTime();
        IndexedKeys current = keys;
        if (current != null && current.isReady() && current.full()) {
            previous = current;
            scan();
        } else if (current == null || current.hasFailed()) {
            scan(); // a full filter whose successor's scan failed still answers, until one succeeds
        } else if (current.isReady() && !index.concreteIndex().equals(current.index())) {
            log.info("the index behind the clustering's look-ups changed from {}; reading its keys again",
                    current.index());
            previous = null; // it holds another index's keys
            scan();
        }
    }

    /** An article placed: held by the filter from now on (before it is written, so no later look-up misses it). */
    void placed(String id, long @Nullable [] fingerprintHashes) {
        if (keys != null) {
            keys.add(id, fingerprintHashes);
        }
        if (previous != null) {
            previous.add(id, fingerprintHashes);
        }
    }

    /**
     * The filter, once its scan is done and while the worker writes alone, or the full one it replaces until then;
     * null otherwise (search everything).
     */
    @Nullable IndexedKeys ready() {
        if (keys != null && keys.isReady()) {
            previous = null;
            return keys;
        }
        return previous;
    }

    /** Whether the last scan failed (the next check starts another). */
    boolean scanFailed() {
        return keys != null && keys.hasFailed();
    }

    /** Starts filling a new filter: the unfinished batches' articles now, then the index's, in the background. */
    private void scan() {
        stopScanning();
        var filling = new IndexedKeys();
        unfinished.forEachUnfinished(filling::add);
        keys = filling;
        scanning = scanThread().submit(() -> {
            long started = System.nanoTime();
            try {
                filling.ready(index.scanKeys(filling));
                log.info("read the keys of {} in {} ms; only articles that may match one are searched from now on",
                        filling.index(), (System.nanoTime() - started) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                log.warn("could not read the keys of the index (every article is searched until a scan succeeds): "
                        + "{}", e.getMessage());
                filling.failed();
            }
        });
    }

    /** Stops a scan whose filter is no longer wanted (it would only cost the index its reads). */
    private void stopScanning() {
        if (scanning != null) {
            scanning.cancel(true);
            scanning = null;
        }
    }

    private ExecutorService scanThread() {
        if (scans == null) {
            scans = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster-keys-scan").daemon()
                    .factory());
        }
        return scans;
    }

    @Override
    public void close() {
        if (scans != null) {
            scans.shutdownNow();
        }
    }
}
