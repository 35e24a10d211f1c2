package io.outsight.stack;

/** How long a started server lives. */
public enum Lifetime {
    /** Stopped by {@code close()} or, failing that, when this JVM exits (a shutdown hook). */
    THIS_JVM,
    /**
     * Outlives the JVM that started it (in its own session, so the terminal's Ctrl-C and hang-up do not reach it);
     * stopped by {@link LocalStack#down(java.nio.file.Path)} or by {@code close()} on the handle that started it.
     */
    DETACHED
}
