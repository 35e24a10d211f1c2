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

    /**
     * Real web articles: the English main texts ({@code articleBody}) of the extraction development set's
     * {@code ground-truth.json} ({@code shared/data/extraction-dev}, third-party pages read in place, never copied
     * into the repository), in file order, each an article as it is, without a title (the set has none). A text
     * counts as English when at least one word in twelve is one of a few English function words: the set's other
     * pages are German, French, Spanish, Russian, Chinese and the like. Empty when the file is absent.
     */
    static BenchmarkArticles fromExtractionDev(Path groundTruth) throws IOException {
        if (!Files.isRegularFile(groundTruth)) {
            return new BenchmarkArticles(List.of());
        }
        List<Article> articles = new ArrayList<>();
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(groundTruth.toFile());
        for (var page : root) {
            var body = page.get("articleBody");
            if (body != null && body.isTextual() && isEnglish(body.asText())) {
                articles.add(new Article("", body.asText()));
            }
        }
        return new BenchmarkArticles(articles);
    }

    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("the", "and", "of", "to", "in", "is",
            "that", "for", "it", "with", "was", "on", "as", "are", "this", "by");

    private static boolean isEnglish(String text) {
        String[] words = text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+");
        int function = 0;
        int all = 0;
        for (String w : words) {
            if (!w.isEmpty()) {
                all++;
                function += FUNCTION_WORDS.contains(w) ? 1 : 0;
            }
        }
        return all >= 50 && function * 12 >= all;
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
