package io.outsight.ingest.extract.metadata;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of a page, each field from the most trusted source that has it.
 *
 * @param title the article's title, without a trailing site name
 * @param authors names in page order, without duplicates
 * @param publishedAt first publication, UTC; null when absent or implausible
 * @param modifiedAt last modification, UTC; null when absent, implausible or before {@code publishedAt}
 * @param canonicalUrl absolute canonical URL
 * @param siteName name of the publication
 * @param description the page's summary
 * @param declaredLanguage the primary language subtag of {@code <html lang>} or the content-language meta tag
 * @param declaredBody the article text the page declares in JSON-LD ({@code articleBody}), as given (it may hold
 *     markup); pages rendered by scripts sometimes have it and no text in the HTML
 */
public record PageMetadata(
        @Nullable String title,
        List<String> authors,
        @Nullable Instant publishedAt,
        @Nullable Instant modifiedAt,
        @Nullable String canonicalUrl,
        @Nullable String siteName,
        @Nullable String description,
        @Nullable String declaredLanguage,
        @Nullable String declaredBody) {

    public PageMetadata {
        authors = List.copyOf(authors);
    }
}
