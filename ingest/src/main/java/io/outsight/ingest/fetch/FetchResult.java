package io.outsight.ingest.fetch;

import io.outsight.core.record.FetchOutcome;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What fetching one URL gave: a body, "not modified", a failure with its reason, or "try again later". */
public sealed interface FetchResult {

    /**
     * A response body (for pages: HTML or XHTML).
     *
     * @param contentType the Content-Type header, empty when the server sent none
     * @param charset the charset the server declared, or null to detect it (BOM, meta tag, content)
     */
    record Fetched(String finalUrl, int status, String contentType, @Nullable String charset,
            @Nullable String etag, @Nullable String lastModified, byte[] body) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(finalUrl, "finalUrl");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        public Validators validators() {
            return new Validators(etag, lastModified);
        }
    }

    /** The server answered 304: the page is the one fetched before (conditional GET). */
    record NotModified(String finalUrl) implements FetchResult {
        public NotModified {
            Objects.requireNonNull(finalUrl, "finalUrl");
        }
    }

    /**
     * No body: robots, HTTP error, too large, not HTML, timeout, blocked address, …
     *
     * @param transientFailure whether trying again later may succeed (429, 503, connection errors)
     * @param retryAfter the server's Retry-After header, as sent
     */
    record Failed(FetchOutcome outcome, @Nullable Integer httpStatus, String reason, boolean transientFailure,
            @Nullable String retryAfter) implements FetchResult {
        public Failed {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            if (outcome == FetchOutcome.OK) {
                throw new IllegalArgumentException("a failed fetch cannot have outcome ok");
            }
        }

        /** A failure that trying again will not fix. */
        public Failed(FetchOutcome outcome, @Nullable Integer httpStatus, String reason) {
            this(outcome, httpStatus, reason, false, null);
        }

        public Failed withReason(String newReason) {
            return new Failed(outcome, httpStatus, newReason, transientFailure, retryAfter);
        }
    }

    /** Not fetched now (the host is busy past the batch's time budget); the request should be tried again later. */
    record Deferred(String reason) implements FetchResult {
        public Deferred {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
