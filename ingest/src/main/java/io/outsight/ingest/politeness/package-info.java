/**
 * Fetching politely: robots.txt rules and Crawl-delay, a per-host delay and concurrency limit, retries with backoff
 * that honour Retry-After. Time passes through an injectable {@link java.time.Clock} and {@link
 * io.outsight.ingest.politeness.Sleeper}, so tests never wait for real.
 */
@NullMarked
package io.outsight.ingest.politeness;

import org.jspecify.annotations.NullMarked;
