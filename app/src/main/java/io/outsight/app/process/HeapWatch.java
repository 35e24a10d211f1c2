package io.outsight.app.process;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.jspecify.annotations.Nullable;

/**
 * Records this JVM's heap high-water marks and writes them to the file named by the system property
 * {@value #STATS_FILE_PROPERTY}: every second, and once more at shutdown, so the file is current even after a
 * {@code kill -9} (to within a second). A worker started by {@link WorkerProcess} has the property set.
 *
 * <p>Two peaks, because they answer different questions:
 * <ul>
 *   <li><b>peak used</b>: the most heap in use at any moment, garbage included: the heap used just before each
 *       collection (from the collector's notifications, so short peaks between samples are not missed) and a sample
 *       every 100 ms. Bounded by {@code -Xmx}; it says how full the heap got.
 *   <li><b>peak live</b>: the most heap still in use right after a collection, i.e. what the worker really holds
 *       (plus what that collection did not reach). This is the number that must stay well under the heap limit for
 *       a worker to run steadily.
 * </ul>
 * Also written: the heap limit, the collections and their total pause time. See {@link HeapStats} for the format.
 *
 * <p>Thread-safe; one watch per JVM ({@link #startIfRequested()} is idempotent).
 */
public final class HeapWatch {
    /** The system property naming the stats file. */
    public static final String STATS_FILE_PROPERTY = "outsight.worker.stats-file";

    private static @Nullable HeapWatch started;

    private final Path file;
    private final Set<String> heapPools;
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong pauseMillis = new AtomicLong();

    private HeapWatch(Path file) {
        this.file = file;
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Starts watching when {@value #STATS_FILE_PROPERTY} is set (else does nothing): a daemon thread samples and
     * writes, a shutdown hook writes the final numbers.
     */
    public static synchronized void startIfRequested() {
        String name = System.getProperty(STATS_FILE_PROPERTY);
        if (started != null || name == null || name.isBlank()) {
            return;
        }
        var watch = new HeapWatch(Path.of(name));
        started = watch;
        watch.listenToCollections();
        Thread.ofPlatform().daemon().name("outsight-heap-watch").start(watch::sampleForever);
        Runtime.getRuntime().addShutdownHook(new Thread(watch::write, "outsight-heap-watch-final"));
    }

    private void listenToCollections() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    // G1 also reports its concurrent cycles ("G1 Concurrent GC"), which are no pauses.
                    boolean pause = !info.getGcName().contains("Concurrent");
                    long before = heapSum(info.getGcInfo().getMemoryUsageBeforeGc());
                    long after = heapSum(info.getGcInfo().getMemoryUsageAfterGc());
                    peakUsed.accumulateAndGet(before, Math::max);
                    if (pause) {
                        peakLive.accumulateAndGet(after, Math::max);
                        collections.incrementAndGet();
                        pauseMillis.addAndGet(info.getGcInfo().getDuration());
                    }
                }, null, null);
            }
        }
    }

    private long heapSum(Map<String, MemoryUsage> usageByPool) {
        long sum = 0;
        for (var entry : usageByPool.entrySet()) {
            if (heapPools.contains(entry.getKey())) {
                sum += entry.getValue().getUsed();
            }
        }
        return sum;
    }

    private void sampleForever() {
        var memory = ManagementFactory.getMemoryMXBean();
        long lastWrite = 0;
        while (true) {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            long now = System.nanoTime();
            if (now - lastWrite >= 1_000_000_000L) {
                write();
                lastWrite = now;
            }
            try {
                Thread.sleep(100); // a sampling period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The numbers so far. */
    HeapStats snapshot() {
        long max = Runtime.getRuntime().maxMemory();
        return new HeapStats(peakUsed.get(), peakLive.get(), max, collections.get(), pauseMillis.get());
    }

    private synchronized void write() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, snapshot().format());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Statistics must never disturb the worker; the reader notices a missing or stale file.
        }
    }
}
