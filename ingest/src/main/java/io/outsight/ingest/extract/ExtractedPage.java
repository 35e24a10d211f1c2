package io.outsight.ingest.extract;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What was extracted from one page.
 *
 * @param title the article's title; empty when the page has none
 * @param authors the authors' names, in page order, without duplicates
 * @param publishedAt when the article was first published, if the page says so plausibly
 * @param modifiedAt when the article was last modified, if the page says so plausibly
 * @param canonicalUrl the absolute canonical URL the page declares
 * @param siteName the name of the publication
 * @param description the page's summary of itself
 * @param language ISO 639-1 code when one exists (else ISO 639-3) of the text's language
 * @param text the article text: paragraphs separated by one blank line ({@code "\n\n"}); empty when none was found
 * @param headings the headings inside the text, in order
 */
public record ExtractedPage(
        String title,
        List<String> authors,
        @Nullable Instant publishedAt,
        @Nullable Instant modifiedAt,
        @Nullable String canonicalUrl,
        @Nullable String siteName,
        @Nullable String description,
        @Nullable String language,
        String text,
        List<String> headings) {

    public ExtractedPage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        authors = List.copyOf(authors);
        headings = List.copyOf(headings);
    }
}
