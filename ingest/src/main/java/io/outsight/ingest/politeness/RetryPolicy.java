package io.outsight.ingest.politeness;

import io.outsight.core.kafka.Backoff;
import io.outsight.ingest.fetch.FetchResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether and when to retry a failed fetch: only transient failures (429, 503, connection errors), at most
 * {@code retries} times, after an exponential backoff with full jitter or the server's Retry-After, whichever is
 * longer. A Retry-After longer than {@code maxWait} is not waited for. Thread-safe.
 */
public final class RetryPolicy {
    private final int retries;
    private final Backoff backoff;
    private final Duration maxWait;

    /** What to do after a failure. */
    public sealed interface Decision {
        record Retry(Duration delay) implements Decision {}

        /** @param why appended to the failure's reason, empty when the failure is not transient */
        record GiveUp(String why) implements Decision {}
    }

    public RetryPolicy(int retries, Duration firstBackoff, Duration maxWait) {
        this.retries = retries;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.backoff = new Backoff(Objects.requireNonNull(firstBackoff, "firstBackoff"), maxWait);
    }

    /**
     * @param retriesDone how many retries were already made for this URL
     * @param now the current time, to read a Retry-After given as a date
     */
    public Decision decide(FetchResult.Failed failure, int retriesDone, Instant now) {
        if (!failure.transientFailure()) {
            return new Decision.GiveUp("");
        }
        if (retriesDone >= retries) {
            return new Decision.GiveUp(retries == 0 ? "" : " (after " + (retries + 1) + " attempts)");
        }
        Duration wait = backoff.delay(retriesDone);
        var retryAfter = retryAfter(failure.retryAfter(), now);
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(maxWait) > 0) {
                return new Decision.GiveUp(" (Retry-After " + retryAfter.get().toSeconds()
                        + " s is longer than ingest.fetch.max-retry-wait, " + maxWait.toSeconds() + " s)");
            }
            if (retryAfter.get().compareTo(wait) > 0) {
                wait = retryAfter.get();
            }
        }
        return new Decision.Retry(wait);
    }

    /** A Retry-After header: delay seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            // not seconds: try the date form below
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
