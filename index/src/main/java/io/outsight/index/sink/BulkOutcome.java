package io.outsight.index.sink;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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

    /**
     * Elasticsearch will never accept this document as it is (a mapping or parse error, or a request holding only
     * this document refused as a whole): dead-letter it.
     */
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
        return retryable(status) ? new Retry(what) : new Rejected(what);
    }

    /**
     * Classifies the failure of a bulk request as a whole, which says nothing about single documents: a lost or
     * refused connection, a timeout, or an error status for the entire request.
     *
     * @return {@link Retry} for anything that should pass (no answer at all, or a status {@link #retryable} says
     *     will); {@link Rejected} when Elasticsearch refused the request for good (400, 413, ...), which the sink
     *     answers by sending the documents again in smaller requests, down to single documents it dead-letters
     */
    static BulkOutcome ofRequestFailure(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        int status = switch (cause) {
            case ElasticsearchException e -> e.status();
            case TransportException e -> e.statusCode();
            // The low-level client's own error for statuses it treats itself (502, 503 and 504: it tries the other
            // nodes first), which the transport passes on unconverted.
            case ResponseException e -> e.getResponse().getStatusCode();
            default -> 0;
        };
        String what = cause instanceof ElasticsearchException e && e.error() != null
                ? status + " " + e.error().type() + ": " + e.error().reason()
                : (status > 0 ? status + " " : "") + cause;
        // Only a 4xx says the request itself is wrong. No status: it never got an answer (connection refused or lost,
        // timeout); anything else (an odd redirect from a proxy) is no verdict on the documents either.
        boolean refused = status >= 400 && status < 500 && !retryable(status);
        return refused ? new Rejected(what) : new Retry(what);
    }

    /**
     * Whether a failure with this HTTP status should pass if the same request is sent again. 408: timeout. 429:
     * overloaded. 5xx: the cluster is unwell. 404: the index or alias is missing (require_alias), which the operator
     * fixes by starting Outsight's layout again. 401/403: credentials or privileges, also an operator fix;
     * dead-lettering every document until then would empty the stream into the DLQ.
     */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500 || status == 404 || status == 401 || status == 403;
    }
}
