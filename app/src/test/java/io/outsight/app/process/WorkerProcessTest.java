package io.outsight.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on real child JVMs. No Kafka is needed: the worker runs (loading its stage, waiting for the broker)
 * long enough to be stopped or killed.
 */
class WorkerProcessTest {
    /** Nothing listens here: the worker keeps trying to reach Kafka. */
    private static final Endpoints NOWHERE = new Endpoints("127.0.0.1:1", "http://127.0.0.1:1");

    @Test
    void stopEndsTheWorkerWithSigtermAfterItRecordedItsHeap(@TempDir Path dir) throws Exception {
        try (var worker = WorkerProcess.start(Stage.ENRICH, NOWHERE, List.of("-Xmx128m"), List.of(), dir)) {
            assertTrue(worker.pid() > 0);
            assertEquals(dir.resolve("enrich-1.log").toAbsolutePath(), worker.logFile());
            awaitStats(worker);
            assertTrue(worker.isAlive(), worker.logTail(20));
            assertTrue(worker.cpuTime().isPresent());

            assertEquals(143, worker.stop(Duration.ofSeconds(30)), worker.logTail(20));
            assertFalse(worker.isAlive());
            var heap = worker.heapStats().orElseThrow();
            assertEquals(128L << 20, heap.maxBytes(), 16L << 20);
            assertTrue(heap.peakUsedBytes() > 0 && heap.peakUsedBytes() <= heap.maxBytes(), heap.toString());
        }
    }

    @Test
    void killEndsTheWorkerAtOnceAndASecondWorkerGetsItsOwnFiles(@TempDir Path dir) throws Exception {
        try (var first = WorkerProcess.start(Stage.INDEX, NOWHERE, List.of("-Xmx128m"), List.of(), dir);
                var second = WorkerProcess.start(Stage.INDEX, NOWHERE, List.of("-Xmx128m"), List.of(), dir)) {
            assertEquals(dir.resolve("index-2.log").toAbsolutePath(), second.logFile());
            assertEquals(137, first.kill());
            assertFalse(first.isAlive());
            assertTrue(second.isAlive(), second.logTail(20));
            assertTrue(first.waitFor(Duration.ofSeconds(1)).isPresent());
        }
    }

    @Test
    void aWorkerOfSeveralStagesRunsThemInOneProcessNamedAfterThemInPipelineOrder(@TempDir Path dir)
            throws Exception {
        try (var worker = WorkerProcess.start(EnumSet.of(Stage.INDEX, Stage.INGEST, Stage.ENRICH), NOWHERE,
                List.of("-Xmx128m"), List.of(), dir)) {
            assertEquals("ingest+enrich+index", worker.name());
            assertEquals(List.of(Stage.INGEST, Stage.ENRICH, Stage.INDEX), List.copyOf(worker.stages()));
            assertEquals(dir.resolve("ingest+enrich+index-1.log").toAbsolutePath(), worker.logFile());
            // The heap stats start once the command line is parsed: a command refusing three stages would end first.
            awaitStats(worker);
            assertTrue(worker.isAlive(), worker.logTail(20));
            assertEquals(143, worker.stop(Duration.ofSeconds(30)), worker.logTail(20));
        }
        assertThrows(IllegalArgumentException.class,
                () -> WorkerProcess.start(EnumSet.noneOf(Stage.class), NOWHERE, List.of(), List.of(), dir));
    }

    private static void awaitStats(WorkerProcess worker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && worker.isAlive() && !Files.exists(worker.statsFile())) {
            Thread.sleep(100); // polling with a deadline
        }
        assertTrue(Files.exists(worker.statsFile()), "no heap stats from " + worker + ": " + worker.logTail(20));
    }
}
