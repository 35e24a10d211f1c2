package io.outsight.ingest.politeness;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * How politely hosts are fetched.
 *
 * @param hostDelay least time between the starts of two requests to one host
 * @param hostConcurrency requests in flight to one host at once
 * @param maxCrawlDelay a robots.txt Crawl-delay longer than this means the host is not fetched
 * @param retries retries of a transient failure (429, 503, connection errors)
 * @param retryBackoff ceiling of the first retry's wait; doubles each retry, full jitter
 * @param maxRetryWait longest wait before a retry; a longer Retry-After gives up
 * @param robotsCacheTtl how long a robots.txt is kept
 */
public record PolitenessSettings(Duration hostDelay, int hostConcurrency, Duration maxCrawlDelay, int retries,
        Duration retryBackoff, Duration maxRetryWait, Duration robotsCacheTtl) {

    public PolitenessSettings {
        Objects.requireNonNull(hostDelay, "hostDelay");
        Objects.requireNonNull(maxCrawlDelay, "maxCrawlDelay");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        Objects.requireNonNull(robotsCacheTtl, "robotsCacheTtl");
        if (hostConcurrency < 1) {
            throw new IllegalArgumentException("hostConcurrency must be at least 1: " + hostConcurrency);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
    }

    public static PolitenessSettings from(Config config) {
        Objects.requireNonNull(config, "config");
        return new PolitenessSettings(config.get(ConfigKeys.INGEST_FETCH_HOST_DELAY),
                config.get(ConfigKeys.INGEST_FETCH_HOST_CONCURRENCY), config.get(ConfigKeys.INGEST_FETCH_MAX_CRAWL_DELAY),
                config.get(ConfigKeys.INGEST_FETCH_RETRIES), config.get(ConfigKeys.INGEST_FETCH_RETRY_BACKOFF),
                config.get(ConfigKeys.INGEST_FETCH_MAX_RETRY_WAIT), config.get(ConfigKeys.INGEST_ROBOTS_CACHE_TTL));
    }

    public static PolitenessSettings defaults() {
        return from(Config.defaults());
    }

    public PolitenessSettings withHostDelay(Duration delay) {
        return new PolitenessSettings(delay, hostConcurrency, maxCrawlDelay, retries, retryBackoff, maxRetryWait,
                robotsCacheTtl);
    }

    public PolitenessSettings withRetries(int count, Duration backoff, Duration maxWait) {
        return new PolitenessSettings(hostDelay, hostConcurrency, maxCrawlDelay, count, backoff, maxWait,
                robotsCacheTtl);
    }
}
