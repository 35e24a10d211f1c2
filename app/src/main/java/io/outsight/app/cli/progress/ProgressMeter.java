package io.outsight.app.cli.progress;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Work done against a total, with the rate and the time left, measured on an injectable nanosecond clock so tests
 * need no sleeping. The rate is the average since the start: steadier than an instantaneous rate for batchy work
 * (Kafka polls, bulk requests). Thread-safe.
 */
public final class ProgressMeter {
    private final LongSupplier nanoClock;
    private final long startedAt;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total;

    /**
     * @param total units of work expected; 0 or less when unknown
     * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
     */
    public ProgressMeter(long total, LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.total = new AtomicLong(Math.max(0, total));
        this.startedAt = nanoClock.getAsLong();
    }

    public void advance(long units) {
        done.addAndGet(units);
    }

    /** Sets the work done so far (for work that is observed rather than counted, such as statuses arriving). */
    public void set(long units) {
        done.set(units);
    }

    /** Changes the expected total (work discovered on the way); 0 or less: unknown. */
    public void total(long units) {
        total.set(Math.max(0, units));
    }

    public long done() {
        return done.get();
    }

    /** The expected total; 0 when unknown. */
    public long total() {
        return total.get();
    }

    public Duration elapsed() {
        return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - startedAt));
    }

    /** Units per second since the start; empty before any time passed or any work was done. */
    public OptionalDouble ratePerSecond() {
        long nanos = nanoClock.getAsLong() - startedAt;
        long units = done.get();
        if (nanos <= 0 || units <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(units * 1e9 / nanos);
    }

    /** The fraction done, 0..1; empty when the total is unknown. More work than expected counts as 1. */
    public OptionalDouble fraction() {
        long expected = total.get();
        return expected <= 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1.0, (double) done.get() / expected));
    }

    /** Time left at the current rate; empty when the total or the rate is unknown, zero when done. */
    public Optional<Duration> eta() {
        long expected = total.get();
        if (expected <= 0) {
            return Optional.empty();
        }
        long left = expected - done.get();
        if (left <= 0) {
            return Optional.of(Duration.ZERO);
        }
        OptionalDouble rate = ratePerSecond();
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil(left / rate.getAsDouble() * 1e9)));
    }
}
