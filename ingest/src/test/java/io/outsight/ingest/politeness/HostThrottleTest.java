package io.outsight.ingest.politeness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostThrottleTest {
    private final FakeTime time = new FakeTime();
    private final Instant farAway = time.instant().plus(Duration.ofDays(1));

    @Test
    void spacesTheRequestsToOneHostByTheDelay() throws InterruptedException {
        var throttle = new HostThrottle(time, time, 1);
        var starts = new java.util.ArrayList<Instant>();
        for (int i = 0; i < 3; i++) {
            try (var permit = throttle.acquire("a.example:443", Duration.ofSeconds(5), farAway).orElseThrow()) {
                starts.add(time.instant());
            }
        }
        Instant t0 = starts.getFirst();
        assertEquals(List.of(t0, t0.plusSeconds(5), t0.plusSeconds(10)), starts);
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), time.sleeps());
    }

    @Test
    void doesNotMakeOneHostWaitForAnother() throws InterruptedException {
        var throttle = new HostThrottle(time, time, 1);
        throttle.acquire("a.example:443", Duration.ofMinutes(10), farAway).orElseThrow().close();
        throttle.acquire("b.example:443", Duration.ofMinutes(10), farAway).orElseThrow().close();
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void honoursAHostBackOff() throws InterruptedException {
        var throttle = new HostThrottle(time, time, 1);
        throttle.deferHost("a.example:443", time.instant().plusSeconds(30));
        throttle.acquire("a.example:443", Duration.ofSeconds(1), farAway).orElseThrow().close();
        assertEquals(List.of(Duration.ofSeconds(30)), time.sleeps());
    }

    @Test
    void givesNothingWhenTheStartWouldBeAfterTheDeadlineAndReservesNothing() throws InterruptedException {
        var throttle = new HostThrottle(time, time, 1);
        Instant deadline = time.instant().plusSeconds(8);
        throttle.acquire("a.example:443", Duration.ofSeconds(5), deadline).orElseThrow().close();
        throttle.acquire("a.example:443", Duration.ofSeconds(5), deadline).orElseThrow().close();
        assertTrue(throttle.acquire("a.example:443", Duration.ofSeconds(5), deadline).isEmpty());
        assertEquals(time.instant().plusSeconds(5), throttle.nextStart("a.example:443"));
    }

    @Test
    void limitsTheRequestsInFlightToOneHost() throws InterruptedException {
        var throttle = new HostThrottle(time, time, 2);
        var first = throttle.acquire("a.example:443", Duration.ZERO, farAway).orElseThrow();
        var second = throttle.acquire("a.example:443", Duration.ZERO, farAway).orElseThrow();
        // A third waits for a slot; with the deadline now it gives up at once instead.
        assertTrue(throttle.acquire("a.example:443", Duration.ZERO, time.instant()).isEmpty());
        second.close();
        var third = throttle.acquire("a.example:443", Duration.ZERO, time.instant());
        assertTrue(third.isPresent());
        third.get().close();
        first.close();
    }
}
