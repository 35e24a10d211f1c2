package io.outsight.ingest.extract;

import net.dankito.readability4j.Article;
import net.dankito.readability4j.Readability4J;

/**
 * The main text that readability4j finds in a page: {@code Article.getTextContent()}, which is jsoup's
 * {@code Element.text()} of the article element (blocks separated by spaces), or empty when it finds no article.
 * This is the text both the benchmark times and the accuracy comparison scores. Stateless and thread-safe (each call
 * builds its own {@link Readability4J}, which holds one parsed document).
 */
final class Readability4jText {

    private Readability4jText() {}

    static String extract(String html, String url) {
        Article article = new Readability4J(url, html).parse();
        String text = article.getTextContent();
        return text == null ? "" : text;
    }
}
