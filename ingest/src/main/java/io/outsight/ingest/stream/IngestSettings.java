package io.outsight.ingest.stream;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * How the ingest worker handles its batches.
 *
 * @param concurrency pages fetched at once, across hosts
 * @param batchTimeBudget how long one batch may wait for busy hosts before its remaining URLs are re-queued
 * @param dedupWindow a URL requested again this soon after it was fetched is a duplicate (zero: never)
 * @param memorySize URLs remembered for conditional GET, content hashes and de-duplication
 */
public record IngestSettings(int concurrency, Duration batchTimeBudget, Duration dedupWindow, int memorySize) {
    public IngestSettings {
        Objects.requireNonNull(batchTimeBudget, "batchTimeBudget");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
    }

    public static IngestSettings from(Config config) {
        Objects.requireNonNull(config, "config");
        return new IngestSettings(config.get(ConfigKeys.INGEST_FETCH_CONCURRENCY),
                config.get(ConfigKeys.INGEST_FETCH_BATCH_TIME_BUDGET), config.get(ConfigKeys.INGEST_DEDUP_WINDOW),
                config.get(ConfigKeys.INGEST_URL_MEMORY_SIZE));
    }
}
