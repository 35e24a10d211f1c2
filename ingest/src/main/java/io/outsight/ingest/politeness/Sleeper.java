package io.outsight.ingest.politeness;

import java.time.Duration;

/** Waits. Injected with a {@link java.time.Clock} so that tests can make time pass without waiting. */
@FunctionalInterface
public interface Sleeper {
    /** The real one: {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
