package io.outsight.ingest.extract.metadata;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one source of metadata says about a page, unvalidated: dates as written, names as found. Not thread-safe;
 * filled by one reader.
 */
final class Found {
    @Nullable String title;
    final List<String> authors = new ArrayList<>();
    final List<String> published = new ArrayList<>();
    final List<String> modified = new ArrayList<>();
    @Nullable String canonicalUrl;
    @Nullable String siteName;
    @Nullable String description;
    @Nullable String articleBody;

    void title(@Nullable String value) {
        if (title == null) {
            title = Texts.clean(value);
        }
    }

    void siteName(@Nullable String value) {
        if (siteName == null) {
            siteName = Texts.clean(value);
        }
    }

    void description(@Nullable String value) {
        if (description == null) {
            description = Texts.clean(value);
        }
    }

    void canonicalUrl(@Nullable String value) {
        if (canonicalUrl == null && value != null && !value.isBlank()) {
            canonicalUrl = value.strip();
        }
    }

    void author(@Nullable String value) {
        String clean = Texts.clean(value);
        if (clean != null) {
            authors.add(clean);
        }
    }

    void published(@Nullable String value) {
        if (value != null && !value.isBlank()) {
            published.add(value.strip());
        }
    }

    void modified(@Nullable String value) {
        if (value != null && !value.isBlank()) {
            modified.add(value.strip());
        }
    }
}
