package io.outsight.ingest.politeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.FetchResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-10-21T07:27:00Z");
    private final RetryPolicy policy = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(60));

    private static FetchResult.Failed tooMany(String retryAfter) {
        return new FetchResult.Failed(FetchOutcome.HTTP_4XX, 429, "HTTP 429", true, retryAfter);
    }

    @ParameterizedTest
    @CsvSource({"7, 7", "0, 0", "-3, 0", "'Wed, 21 Oct 2026 07:28:00 GMT', 60", "'Wed, 21 Oct 2026 07:00:00 GMT', 0"})
    void readsRetryAfterAsSecondsOrAsADate(String header, long seconds) {
        assertEquals(Optional.of(Duration.ofSeconds(seconds)), RetryPolicy.retryAfter(header, NOW));
    }

    @Test
    void ignoresAnUnreadableRetryAfter() {
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("soon", NOW));
    }

    @Test
    void waitsAtLeastTheRetryAfter() {
        var retry = assertInstanceOf(RetryPolicy.Decision.Retry.class, policy.decide(tooMany("7"), 0, NOW));
        assertEquals(Duration.ofSeconds(7), retry.delay());
    }

    @Test
    void backsOffExponentiallyWithJitterWithoutRetryAfter() {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int i = 0; i < 50; i++) {
                var retry = assertInstanceOf(RetryPolicy.Decision.Retry.class, policy.decide(tooMany(null), attempt, NOW));
                assertTrue(!retry.delay().isNegative() && retry.delay().compareTo(Duration.ofSeconds(1L << attempt)) <= 0,
                        retry.delay().toString());
            }
        }
    }

    @Test
    void givesUpAfterTheLastRetry() {
        var giveUp = assertInstanceOf(RetryPolicy.Decision.GiveUp.class, policy.decide(tooMany("1"), 2, NOW));
        assertEquals(" (after 3 attempts)", giveUp.why());
    }

    @Test
    void doesNotWaitForARetryAfterLongerThanTheMaximum() {
        var giveUp = assertInstanceOf(RetryPolicy.Decision.GiveUp.class, policy.decide(tooMany("3600"), 0, NOW));
        assertTrue(giveUp.why().contains("Retry-After 3600 s"), giveUp.why());
    }

    @Test
    void neverRetriesAPermanentFailure() {
        var notFound = new FetchResult.Failed(FetchOutcome.HTTP_4XX, 404, "HTTP 404");
        assertEquals(new RetryPolicy.Decision.GiveUp(""), policy.decide(notFound, 0, NOW));
    }
}
