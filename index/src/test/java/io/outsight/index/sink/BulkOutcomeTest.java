package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkOutcomeTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "200, -, Written",
        "201, -, Written",
        "409, version_conflict_engine_exception, Stale",
        "400, document_parsing_exception, Rejected",
        "400, mapper_parsing_exception, Rejected",
        "400, illegal_argument_exception, Rejected",
        "409, some_other_conflict, Rejected",
        "413, request_entity_too_large, Rejected",
        "429, es_rejected_execution_exception, Retry",
        "500, exception, Retry",
        "503, unavailable_shards_exception, Retry",
        "404, index_not_found_exception, Retry",
        "401, security_exception, Retry",
        "403, security_exception, Retry",
    })
    void classifiesItemsByStatusAndErrorType(int status, String type, String expected) {
        BulkOutcome outcome = BulkOutcome.of(status, type, "because");
        assertEquals(expected, outcome.getClass().getSimpleName());
    }

    @ParameterizedTest
    @CsvSource({"400, document_parsing_exception", "429, es_rejected_execution_exception"})
    void reasonsNameTheStatusTypeAndElasticsearchsReason(int status, String type) {
        String reason = switch (BulkOutcome.of(status, type, "failed to parse field [http_status]")) {
            case BulkOutcome.Rejected r -> r.reason();
            case BulkOutcome.Retry r -> r.reason();
            default -> throw new AssertionError("expected a failure");
        };
        assertTrue(reason.contains(String.valueOf(status)) && reason.contains(type)
                && reason.contains("failed to parse field [http_status]"), reason);
    }

    @ParameterizedTest
    @CsvSource({"200", "201"})
    void successIsWrittenEvenWithoutErrorType(int status) {
        assertInstanceOf(BulkOutcome.Written.class, BulkOutcome.of(status, null, null));
    }

    @ParameterizedTest
    @CsvSource({
        "400, parse_exception, Rejected",
        "413, request_entity_too_large, Rejected",
        "405, method_not_allowed, Rejected",
        "408, timeout, Retry",
        "429, es_rejected_execution_exception, Retry",
        "500, exception, Retry",
        "502, bad_gateway, Retry",
        "503, unavailable_shards_exception, Retry",
        "404, index_not_found_exception, Retry",
        "401, security_exception, Retry",
        "403, security_exception, Retry",
    })
    void classifiesAWholeRequestRefusedByElasticsearchByItsStatus(int status, String type, String expected) {
        var failure = new ElasticsearchException("bulk",
                ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("because"))));
        BulkOutcome outcome = BulkOutcome.ofRequestFailure(failure);
        assertEquals(expected, outcome.getClass().getSimpleName());
        String reason = outcome instanceof BulkOutcome.Rejected r ? r.reason() : ((BulkOutcome.Retry) outcome).reason();
        assertTrue(reason.contains(String.valueOf(status)) && reason.contains(type) && reason.contains("because"),
                reason);
    }

    @ParameterizedTest
    @CsvSource({"400, Rejected", "413, Rejected", "408, Retry", "429, Retry", "503, Retry", "200, Retry", "302, Retry"})
    void classifiesAWholeRequestWithoutAnErrorBodyByItsStatus(int status, String expected) {
        var failure = new TransportException(new StatusOnly(status), "no error body", "bulk");
        assertEquals(expected, BulkOutcome.ofRequestFailure(failure).getClass().getSimpleName());
        // The ingester may hand the failure over wrapped, as a future would.
        assertEquals(expected, BulkOutcome.ofRequestFailure(new CompletionException(failure)).getClass()
                .getSimpleName());
        assertEquals(expected, BulkOutcome.ofRequestFailure(new ExecutionException(failure)).getClass()
                .getSimpleName());
    }

    @Test
    void aRequestWithoutAnswerIsAlwaysRetried() {
        for (Throwable failure : List.of(new ConnectException("Connection refused"),
                new SocketTimeoutException("Read timed out"), new IOException("Connection reset"),
                new CompletionException(new ConnectException("Connection refused")),
                new IllegalStateException("I/O reactor has been shut down"))) {
            assertInstanceOf(BulkOutcome.Retry.class, BulkOutcome.ofRequestFailure(failure), failure.toString());
        }
    }

    /** A response that has nothing but a status, like a proxy's or an HTTP layer's error page. */
    private record StatusOnly(int statusCode) implements TransportHttpClient.Response {
        @Override
        public TransportHttpClient.@Nullable Node node() {
            return null;
        }

        @Override
        public @Nullable String header(String name) {
            return null;
        }

        @Override
        public List<String> headers(String name) {
            return List.of();
        }

        @Override
        public @Nullable BinaryData body() {
            return null;
        }

        @Override
        public @Nullable Object originalResponse() {
            return null;
        }

        @Override
        public void close() {}
    }
}
