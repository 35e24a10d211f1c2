package io.outsight.index.sink;

import java.util.Objects;

/**
 * One document for the {@link BulkSink}: its id, its external version and its JSON, already serialised.
 *
 * @param id the Elasticsearch {@code _id} (the article id)
 * @param version the external version: a document is only replaced by one with a higher version (see
 *     {@link BulkSettings#versionType()})
 * @param json the document source as UTF-8 JSON, sent as it is
 */
public record IndexDocument(String id, long version, byte[] json) {
    public IndexDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        if (version < 0) {
            throw new IllegalArgumentException("external version must be >= 0, was " + version + " for " + id);
        }
    }
}
