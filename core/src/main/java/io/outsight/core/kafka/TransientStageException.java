package io.outsight.core.kafka;

/**
 * A batch could not be processed for a reason that should pass (a server unreachable, overloaded or timing out):
 * the loop backs off and processes the same records again instead of sending them to the dead-letter topic.
 */
public class TransientStageException extends Exception {
    public TransientStageException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientStageException(String message) {
        super(message);
    }
}
