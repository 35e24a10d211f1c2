package io.outsight.app.fault;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting by polling against a deadline: the only kind of waiting the fault tests do. */
final class Poll {
    private static final long INTERVAL_MILLIS = 200;

    private Poll() {}

    /**
     * Polls {@code condition} until it holds; fails after {@code timeout} with {@code what} and the current
     * {@code state}. Returns the time it took.
     */
    static Duration until(Duration timeout, String what, Supplier<String> state, BooleanSupplier condition)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + " (" + state.get()
                        + ")");
            }
            Thread.sleep(INTERVAL_MILLIS); // the polling interval, not a guess at how long something takes
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Runs {@code check} over and over until {@code length} has passed: a fault that must last that long. */
    static void throughout(Duration length, Runnable check) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() - end < 0) {
            check.run();
            Thread.sleep(INTERVAL_MILLIS);
        }
        check.run();
    }
}
