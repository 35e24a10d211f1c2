package io.outsight.ingest.fetch;

import io.outsight.core.record.FetchOutcome;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What fetching one URL gave: a page, or an outcome other than OK with its reason. */
public sealed interface FetchResult {

    /**
     * An HTML page.
     *
     * @param charset the charset the server declared, or null to let the parser detect it (BOM, meta tag)
     */
    record Fetched(String finalUrl, int status, String contentType, @Nullable String charset,
            @Nullable String etag, @Nullable String lastModified, byte[] body) implements FetchResult {
        public Fetched {
            Objects.requireNonNull(finalUrl, "finalUrl");
            Objects.requireNonNull(body, "body");
        }
    }

    /** No page: robots, HTTP error, too large, not HTML, timeout, blocked address, … */
    record Failed(FetchOutcome outcome, @Nullable Integer httpStatus, String reason) implements FetchResult {
        public Failed {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
            if (outcome == FetchOutcome.OK) {
                throw new IllegalArgumentException("a failed fetch cannot have outcome ok");
            }
        }
    }
}
