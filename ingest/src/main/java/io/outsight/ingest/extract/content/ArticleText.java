package io.outsight.ingest.extract.content;

import java.util.List;
import java.util.Objects;

/**
 * The main text of a page.
 *
 * @param text paragraphs separated by one blank line; empty when no article text was found
 * @param headings the headings inside the text, in order
 */
public record ArticleText(String text, List<String> headings) {

    /** No article text. */
    public static final ArticleText EMPTY = new ArticleText("", List.of());

    public ArticleText {
        Objects.requireNonNull(text, "text");
        headings = List.copyOf(headings);
    }
}
