package io.outsight.ingest.fetch;

import org.jspecify.annotations.Nullable;

/**
 * What a server said identifies the version of a page, sent back on a re-fetch (conditional GET) so that an unchanged
 * page is answered with 304 Not Modified.
 */
public record Validators(@Nullable String etag, @Nullable String lastModified) {
    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
