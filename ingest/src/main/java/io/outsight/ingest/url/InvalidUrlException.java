package io.outsight.ingest.url;

/** A URL that cannot be fetched, with the reason. */
public final class InvalidUrlException extends IllegalArgumentException {
    private final String url;

    public InvalidUrlException(String url, String reason) {
        super("invalid URL '" + url + "': " + reason);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
