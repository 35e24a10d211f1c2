package io.outsight.app.bench;

import io.outsight.app.process.HeapStats;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One worker process's account once the benchmark stopped it, over the whole run (the workers live across the
 * rounds). Immutable.
 *
 * @param stage the stages it ran ("enrich", "ingest+enrich+index")
 * @param exitCode its exit code after SIGTERM (143 or 0 when it ended normally)
 * @param heap its heap peaks over the whole run, or null when it recorded none
 * @param cpuSeconds CPU it used from its start to the end of the last round (start-up, model loading, warm-up and
 *     the idle time during the ceilings included), or null where the OS does not tell
 * @param cpuSecondsWorking CPU it used during the pipeline part of the timed rounds, summed over the rounds, or null
 *     where the OS does not tell
 * @param log its log file
 */
record WorkerResult(String stage, long pid, int exitCode, @Nullable HeapStats heap, @Nullable Double cpuSeconds,
        @Nullable Double cpuSecondsWorking, Path log) {}
