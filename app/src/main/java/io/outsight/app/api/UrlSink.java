package io.outsight.app.api;

import io.outsight.core.record.UrlRequest;
import java.util.List;

/** Where submitted URLs go: {@code outsight.urls}. Implementations must be thread-safe. */
public interface UrlSink {
    /** Sends the requests and returns once they are acknowledged. */
    void submit(List<UrlRequest> requests) throws Exception;

    /** Whether Kafka answers, for the health check. */
    boolean reachable();
}
