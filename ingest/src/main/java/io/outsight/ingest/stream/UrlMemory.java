package io.outsight.ingest.stream;

import io.outsight.ingest.fetch.Validators;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one ingest worker remembers about the URLs it fetched, in memory and bounded (least recently used URLs are
 * forgotten first): when, for which request, the validators for a conditional GET, and the hash of the text. It also
 * knows which URLs are being fetched right now.
 *
 * <p>It is lost on restart, and each worker has its own; since URL requests are keyed by normalised URL, one URL
 * normally goes to the same worker. A persistent store can replace it later without changing its callers.
 *
 * <p>Thread-safe.
 */
public final class UrlMemory {
    /**
     * The last successful fetch of a URL.
     *
     * @param requestId the request (topic-partition@offset) that fetched it: the same request seen again is a
     *     redelivery (the stage retried the batch), which must be fetched again in full rather than skipped
     * @param contentHash the hash of the extracted text
     * @param articleId the id of the article produced
     */
    public record Seen(String requestId, Instant fetchedAt, Validators validators, @Nullable String contentHash,
            @Nullable String articleId) {
        public Seen {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
            Objects.requireNonNull(validators, "validators");
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Seen> seen;
    private final Map<String, String> inFlight = new HashMap<>();

    /** @param capacity how many URLs are remembered; 0 remembers none */
    public UrlMemory(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > UrlMemory.this.capacity;
            }
        };
    }

    public synchronized Optional<Seen> lastFetch(String url) {
        return Optional.ofNullable(seen.get(url));
    }

    public synchronized void remember(String url, Seen fetch) {
        if (capacity > 0) {
            seen.put(Objects.requireNonNull(url, "url"), Objects.requireNonNull(fetch, "fetch"));
        }
    }

    /**
     * Marks the URL as being fetched for a request.
     *
     * @return false when another request is fetching it right now
     */
    public synchronized boolean start(String url, String requestId) {
        String current = inFlight.putIfAbsent(url, requestId);
        return current == null || current.equals(requestId);
    }

    public synchronized void finish(String url, String requestId) {
        inFlight.remove(url, requestId);
    }

    public synchronized int size() {
        return seen.size();
    }
}
