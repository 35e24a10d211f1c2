package io.outsight.app.bench;

import java.util.List;
import java.util.Objects;

/**
 * One generated article page.
 *
 * @param index the page's number in its run (0-based); with the seed it determines the whole page
 * @param path the page's path relative to the site's base ({@code markets/2025/india-bpo-eyes-growth-17.html})
 * @param title the article's headline
 * @param length how long the article is
 * @param html the whole page: article text inside boilerplate
 * @param paragraphs the article's paragraphs as plain text, in order (what a perfect extractor would return)
 * @param figures the market figures the text states
 */
public record GeneratedPage(int index, String path, String title, Length length, String html, List<String> paragraphs,
        List<PlantedFigure> figures) {

    /** How long an article is: a short news item, a feature, or a long report with sections. */
    public enum Length {
        NEWS,
        FEATURE,
        REPORT
    }

    public GeneratedPage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(html, "html");
        paragraphs = List.copyOf(paragraphs);
        figures = List.copyOf(figures);
    }

    /** Characters of article text (paragraphs only), a measure of the work a page gives the stages. */
    public int textLength() {
        return paragraphs.stream().mapToInt(String::length).sum();
    }
}
