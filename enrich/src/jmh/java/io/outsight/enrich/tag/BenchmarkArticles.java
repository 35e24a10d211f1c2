package io.outsight.enrich.tag;

import io.outsight.enrich.tag.eval.GoldSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Article-sized texts for the tagging benchmark, made from the short documents of the tagging development set
 * ({@code eval/tagging/dev.json}): the documents in file order, each a paragraph of its own, joined until an article
 * has at least {@code minChars} characters; the title is the first document's. A short remainder joins the last
 * article. Immutable.
 */
record BenchmarkArticles(List<Article> articles) {

    /** One article: a title and a body of paragraphs separated by blank lines. */
    record Article(String title, String text) {}

    BenchmarkArticles {
        articles = List.copyOf(articles);
    }

    static BenchmarkArticles fromDevSet(Path devSet, int minChars) throws IOException {
        if (!Files.isRegularFile(devSet)) {
            throw new IllegalStateException("No tagging development set at " + devSet.toAbsolutePath()
                    + ": pass -p devSet=FILE in -Djmh.args");
        }
        List<Article> articles = new ArrayList<>();
        String title = null;
        var text = new StringBuilder();
        for (GoldSet.Document doc : GoldSet.read(devSet).documents()) {
            if (title == null) {
                title = doc.title();
            } else {
                text.append("\n\n");
            }
            text.append(doc.text());
            if (text.length() >= minChars) {
                articles.add(new Article(title, text.toString()));
                title = null;
                text.setLength(0);
            }
        }
        if (title != null) {
            if (articles.isEmpty() || text.length() >= minChars / 2) {
                articles.add(new Article(title, text.toString()));
            } else {
                Article last = articles.removeLast();
                articles.add(new Article(last.title(), last.text() + "\n\n" + text));
            }
        }
        return new BenchmarkArticles(articles);
    }
}
