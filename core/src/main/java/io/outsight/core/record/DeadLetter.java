package io.outsight.core.record;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record a stage could not process, kept on {@code outsight.articles.dlq} so nothing is dropped silently.
 *
 * @param key the failed record's Kafka key (usually the article id)
 * @param stage ingest, enrich or index
 * @param reason why it failed, naming the cause
 * @param attempts how many times the stage tried
 * @param sourceTopic where the failed record was read from
 * @param payload the failed record's value as text, unchanged (it may be malformed)
 */
public record DeadLetter(
        @Nullable String key,
        String stage,
        String reason,
        int attempts,
        Instant failedAt,
        @Nullable String sourceTopic,
        int partition,
        long offset,
        @Nullable String payload) {

    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
