package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
