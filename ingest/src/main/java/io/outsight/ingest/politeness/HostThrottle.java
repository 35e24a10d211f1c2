package io.outsight.ingest.politeness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Spaces the requests to each host: at most {@code hostConcurrency} in flight, and request starts at least the
 * host's delay apart (the larger of our minimum and its robots.txt Crawl-delay), or later when the host asked us to
 * back off (Retry-After). Waiting for one host never holds up a caller who wants another.
 *
 * <p>Each caller reserves the next free start time of its host and then sleeps until it, through the injected
 * {@link Sleeper}; a caller whose start would fall after its deadline gets nothing and reserves nothing.
 *
 * <p>Thread-safe.
 */
public final class HostThrottle {
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final Sleeper sleeper;
    private final int hostConcurrency;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

    private static final class Host {
        final Semaphore slots;
        Instant nextStart = Instant.MIN; // guarded by this
        int users; // guarded by the map's compute

        Host(int concurrency) {
            this.slots = new Semaphore(concurrency, true);
        }
    }

    /** Permission to send requests to a host now; close it when the request is done. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    public HostThrottle(Clock clock, Sleeper sleeper, int hostConcurrency) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (hostConcurrency < 1) {
            throw new IllegalArgumentException("hostConcurrency must be at least 1: " + hostConcurrency);
        }
        this.hostConcurrency = hostConcurrency;
    }

    /**
     * Waits for a slot of the host and for its next start time, then returns the permit.
     *
     * @param host the host key ({@code host:port})
     * @param delay the least time until the host's next request start after this one
     * @param deadline the latest acceptable start; empty when the host cannot be had by then
     */
    public Optional<Permit> acquire(String host, Duration delay, Instant deadline) throws InterruptedException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(deadline, "deadline");
        Host state = join(host);
        boolean slot = false;
        boolean issued = false;
        try {
            long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            slot = state.slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            if (!slot) {
                return Optional.empty();
            }
            Instant start;
            Instant now = clock.instant();
            synchronized (state) {
                start = now.isAfter(state.nextStart) ? now : state.nextStart;
                if (start.isAfter(deadline)) {
                    return Optional.empty();
                }
                state.nextStart = start.plus(delay);
            }
            sleeper.sleep(Duration.between(now, start));
            issued = true;
            return Optional.of(new HostPermit(host, state));
        } finally {
            if (!issued) {
                if (slot) {
                    state.slots.release();
                }
                leave(host);
            }
        }
    }

    /** Makes the host's next request start no earlier than {@code until} (its Retry-After, a backoff). */
    public void deferHost(String host, Instant until) {
        Host state = join(host);
        try {
            synchronized (state) {
                if (until.isAfter(state.nextStart)) {
                    state.nextStart = until;
                }
            }
        } finally {
            leave(host);
        }
    }

    /** The earliest time the host's next request may start (for tests and diagnostics). */
    Instant nextStart(String host) {
        Host state = hosts.get(host);
        if (state == null) {
            return Instant.MIN;
        }
        synchronized (state) {
            return state.nextStart;
        }
    }

    private Host join(String host) {
        Host state = hosts.compute(host, (k, v) -> {
            Host h = v == null ? new Host(hostConcurrency) : v;
            h.users++;
            return h;
        });
        if (hosts.size() > SWEEP_ABOVE) {
            sweep();
        }
        return state;
    }

    private void leave(String host) {
        hosts.computeIfPresent(host, (k, v) -> {
            v.users--;
            return v;
        });
    }

    /** Forgets hosts nobody uses whose next start is past: their state says nothing any more. */
    private void sweep() {
        Instant now = clock.instant();
        for (String host : hosts.keySet()) {
            hosts.computeIfPresent(host, (k, v) -> {
                synchronized (v) {
                    return v.users == 0 && v.nextStart.isBefore(now) ? null : v;
                }
            });
        }
    }

    private final class HostPermit implements Permit {
        private final String host;
        private final Host state;
        private boolean closed;

        HostPermit(String host, Host state) {
            this.host = host;
            this.state = state;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                state.slots.release();
                leave(host);
            }
        }
    }
}
