package io.outsight.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchOutcomeTest {
    @ParameterizedTest
    @CsvSource({
        "OK, false", "NOT_MODIFIED, false", "DUPLICATE, false",
        "ROBOTS_DENIED, true", "HTTP_4XX, true", "HTTP_5XX, true", "TOO_LARGE, true", "NOT_HTML, true",
        "TIMEOUT, true", "BLOCKED_ADDRESS, true", "EXTRACTION_EMPTY, true", "FAILED, true",
    })
    void countsOnlyOutcomesThatWentWrongAsFailures(FetchOutcome outcome, boolean failure) {
        assertEquals(failure, outcome.isFailure());
    }

    @ParameterizedTest
    @CsvSource({"OK, ok", "HTTP_4XX, http_4xx", "BLOCKED_ADDRESS, blocked_address"})
    void usesTheWireNamesOfTheArchitecture(FetchOutcome outcome, String wire) {
        assertEquals(wire, outcome.wireName());
    }
}
