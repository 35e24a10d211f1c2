package io.outsight.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.ingest.fetch.Validators;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlMemoryTest {
    private static UrlMemory.Seen seen(String requestId) {
        return new UrlMemory.Seen(requestId, Instant.parse("2026-01-05T09:00:00Z"), Validators.NONE, "hash", "id");
    }

    @Test
    void forgetsTheLeastRecentlyUsedUrlBeyondItsCapacity() {
        var memory = new UrlMemory(2);
        memory.remember("https://a.example/", seen("r1"));
        memory.remember("https://b.example/", seen("r2"));
        memory.lastFetch("https://a.example/"); // a is now more recent than b
        memory.remember("https://c.example/", seen("r3"));
        assertEquals(2, memory.size());
        assertTrue(memory.lastFetch("https://a.example/").isPresent());
        assertEquals(Optional.empty(), memory.lastFetch("https://b.example/"));
    }

    @Test
    void remembersNothingWithCapacityZero() {
        var memory = new UrlMemory(0);
        memory.remember("https://a.example/", seen("r1"));
        assertEquals(Optional.empty(), memory.lastFetch("https://a.example/"));
    }

    @Test
    void letsOneRequestAtATimeFetchAUrl() {
        var memory = new UrlMemory(10);
        assertTrue(memory.start("https://a.example/", "r1"));
        assertFalse(memory.start("https://a.example/", "r2"));
        assertTrue(memory.start("https://a.example/", "r1"), "the same request may come back");
        memory.finish("https://a.example/", "r1");
        assertTrue(memory.start("https://a.example/", "r2"));
    }
}
