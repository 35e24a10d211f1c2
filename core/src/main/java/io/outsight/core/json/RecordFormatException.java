package io.outsight.core.json;

/** A record could not be read: malformed JSON, a missing or wrongly typed field, or a missing schema version. */
public class RecordFormatException extends RuntimeException {
    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordFormatException(String message) {
        super(message);
    }
}
