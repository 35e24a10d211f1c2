package io.outsight.stack;

/**
 * A local server could not be started, reached or stopped. The message says what went wrong and what to do about
 * it (a missing user, a Java that is too old, the server log and its last lines).
 */
public final class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
