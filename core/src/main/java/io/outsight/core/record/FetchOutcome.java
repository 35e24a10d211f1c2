package io.outsight.core.record;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of fetching one URL, as reported on {@code outsight.fetch.status}. */
public enum FetchOutcome {
    OK,
    NOT_MODIFIED,
    ROBOTS_DENIED,
    HTTP_4XX,
    HTTP_5XX,
    TOO_LARGE,
    NOT_HTML,
    TIMEOUT,
    BLOCKED_ADDRESS,
    DUPLICATE,
    EXTRACTION_EMPTY,
    /** Anything else that went wrong (bad URL, connection refused, TLS failure); the reason says what. */
    FAILED;

    /** The wire name, as in ARCHITECTURE.md: {@code robots_denied}, {@code http_4xx}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the URL gave no article because something went wrong. {@code not_modified} and {@code duplicate} give
     * no article by design and are not failures. The crawl-status index, the API's job view and its metrics all
     * use this one definition.
     */
    public boolean isFailure() {
        return this != OK && this != NOT_MODIFIED && this != DUPLICATE;
    }

    /** Whether the URL produced a raw article. */
    public boolean producedArticle() {
        return this == OK;
    }
}
