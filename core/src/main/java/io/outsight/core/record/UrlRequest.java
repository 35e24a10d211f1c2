package io.outsight.core.record;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to fetch one URL, as produced to {@code outsight.urls}.
 *
 * @param url the URL as given (the ingest stage normalises it)
 * @param source where the request came from ("cli", "demo", "sitemap:https://…", "api")
 * @param requestedAt when it was requested
 * @param priority higher is fetched first; 0 is normal
 */
public record UrlRequest(String url, String source, Instant requestedAt, int priority) {
    public UrlRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
