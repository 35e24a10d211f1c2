package io.outsight.ingest.extract.metadata;

import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/** Tidying of metadata strings. Stateless and thread-safe. */
final class Texts {

    private Texts() {}

    /** Unescapes entities (JSON-LD and meta values often carry them), collapses whitespace; null when blank. */
    static @Nullable String clean(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String s = value.indexOf('&') >= 0 ? Parser.unescapeEntities(value, false) : value;
        s = s.replaceAll("[\\s\\u00A0\\u200B]+", " ").strip();
        return s.isEmpty() ? null : s;
    }
}
