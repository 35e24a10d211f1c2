package io.outsight.core.record;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened when one URL was fetched; key on the topic = the normalised URL.
 *
 * @param articleId the id of the article produced, when the outcome produced one
 * @param httpStatus the final HTTP status, when a response was received
 * @param reason a human-readable reason ("HTTP 404 Not Found", "robots.txt disallows /private/")
 */
public record FetchStatus(
        String url,
        @Nullable String articleId,
        FetchOutcome outcome,
        @Nullable Integer httpStatus,
        String reason,
        Instant checkedAt,
        String source) {

    public FetchStatus {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(source, "source");
    }
}
