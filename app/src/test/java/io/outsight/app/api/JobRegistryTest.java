package io.outsight.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRegistryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static FetchStatus status(String key, FetchOutcome outcome, Instant at) {
        return new FetchStatus(key, null, outcome, null, outcome.wireName(), at, "api");
    }

    @Test
    void theOldestJobIsForgottenBeyondCapacityWithItsStatuses() {
        var jobs = new JobRegistry(1, Clock.fixed(T0, ZoneOffset.UTC));
        var first = jobs.create(List.of(new Job.Url("https://a.example/", "https://a.example/")));
        var second = jobs.create(List.of(new Job.Url("https://b.example/", "https://b.example/")));
        assertTrue(jobs.job(first.id()).isEmpty());
        assertTrue(jobs.job(second.id()).isPresent());
        jobs.observe("https://a.example/", status("https://a.example/", FetchOutcome.OK, T0));
        jobs.observe("https://b.example/", status("https://b.example/", FetchOutcome.HTTP_4XX, T0));
        assertEquals(List.of("https://b.example/"), List.copyOf(jobs.statuses(second).keySet()));
        assertEquals(List.of(), List.copyOf(jobs.statuses(first).keySet()), "statuses of forgotten jobs are dropped");
    }

    @Test
    void theLatestCheckedStatusWinsWhateverTheOrderTheyArrive() {
        var jobs = new JobRegistry(10, Clock.fixed(T0, ZoneOffset.UTC));
        var job = jobs.create(List.of(new Job.Url("https://a.example/", "https://a.example/")));
        jobs.observe("https://a.example/", status("https://a.example/", FetchOutcome.OK, T0.plusSeconds(2)));
        jobs.observe("https://a.example/", status("https://a.example/", FetchOutcome.TIMEOUT, T0.plusSeconds(1)));
        assertEquals(FetchOutcome.OK, jobs.statuses(job).get("https://a.example/").outcome());
    }
}
