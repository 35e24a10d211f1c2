package io.outsight.index.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which URL statuses to show.
 *
 * @param outcomes keep these outcomes (wire names: http_4xx, robots_denied, …); empty: all
 * @param hosts keep URLs on these hosts; empty: all
 * @param failedOnly keep only outcomes that mean something went wrong
 * @param since keep statuses checked at or after this instant, or null
 * @param size how many statuses to return, newest first
 */
public record FetchStatusQuery(List<String> outcomes, List<String> hosts, boolean failedOnly, @Nullable Instant since,
        int size) {
    public FetchStatusQuery {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        hosts = List.copyOf(Objects.requireNonNull(hosts, "hosts"));
        if (size < 0 || size > 10_000) {
            throw new IllegalArgumentException("size must be 0..10000, was " + size);
        }
    }

    /** The latest {@code size} failures of every kind. */
    public static FetchStatusQuery failures(int size) {
        return new FetchStatusQuery(List.of(), List.of(), true, null, size);
    }
}
