package io.outsight.index.sink;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of one document sent to Elasticsearch. A closed set: the sink commits a batch only when no outcome
 * is {@link Retry}, and sends each {@link Rejected} document to the dead-letter topic.
 */
public sealed interface BulkOutcome {
    /** Elasticsearch stored the document. */
    record Written() implements BulkOutcome {}

    /**
     * Elasticsearch already holds this version of the document or a newer one (a version conflict under external
     * versioning): a replayed or older record, nothing to do.
     */
    record Stale() implements BulkOutcome {}

    /** Elasticsearch will never accept this document as it is (a mapping or parse error): dead-letter it. */
    record Rejected(String reason) implements BulkOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A failure that should pass (overload, server error, lost connection, missing index): send it again. */
    record Retry(String reason) implements BulkOutcome {
        public Retry {
            Objects.requireNonNull(reason, "reason");
        }
    }

    BulkOutcome WRITTEN = new Written();
    BulkOutcome STALE = new Stale();

    /**
     * Classifies one bulk item by its HTTP status and error type, never by message text.
     *
     * @param status the item's status
     * @param errorType the error's {@code type} when the item failed, else null
     * @param errorReason the error's {@code reason}, for the dead letter and logs
     */
    static BulkOutcome of(int status, @Nullable String errorType, @Nullable String errorReason) {
        if (errorType == null && status < 300) {
            return WRITTEN;
        }
        String what = status + " " + (errorType == null ? "error" : errorType)
                + (errorReason == null ? "" : ": " + errorReason);
        if (status == 409 && "version_conflict_engine_exception".equals(errorType)) {
            return STALE;
        }
        // 429: overloaded. 5xx: the cluster is unwell. 404: the index or alias is missing (require_alias), which the
        // operator fixes by starting Outsight's layout again. 401/403: credentials or privileges, also an operator
        // fix; dead-lettering every document until then would empty the stream into the DLQ.
        if (status == 429 || status >= 500 || status == 404 || status == 401 || status == 403 || status == 408) {
            return new Retry(what);
        }
        return new Rejected(what);
    }
}
