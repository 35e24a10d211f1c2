package io.outsight.core.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One fetched page with its main text and metadata, as produced to {@code outsight.articles.raw}.
 *
 * @param id hex SHA-256 of the canonical URL (see {@link io.outsight.core.id.ArticleIds})
 * @param text the main text, paragraphs separated by blank lines; entity offsets point into it
 * @param contentHash hex SHA-256 of {@code text}
 */
public record RawArticle(
        String id,
        String url,
        String finalUrl,
        String canonicalUrl,
        Instant fetchedAt,
        int httpStatus,
        @Nullable String contentType,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable String title,
        List<String> authors,
        @Nullable Instant publishedAt,
        @Nullable Instant modifiedAt,
        @Nullable String siteName,
        @Nullable String description,
        @Nullable String language,
        String text,
        List<String> headings,
        String contentHash,
        String source) {

    public RawArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(canonicalUrl, "canonicalUrl");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(source, "source");
        authors = authors == null ? List.of() : List.copyOf(authors);
        headings = headings == null ? List.of() : List.copyOf(headings);
    }
}
