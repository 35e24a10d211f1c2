package io.outsight.enrich.tag;

import io.outsight.core.jmh.BenchmarkRatio;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * What the {@code jmh} profile runs: describes the benchmark articles, runs JMH with the given arguments, and ends
 * with the ratio the enrich issue sets a bound on: time to tag an article over time for bare sentence detection and
 * tokenisation of it (at most 2), by wall clock and by CPU time ({@link BenchmarkRatio}).
 */
public final class TaggingBenchmarkMain {

    private TaggingBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        // JMH's own Optional; with several -p values, the first one is described.
        var devSets = options.getParameter("devSet");
        var lengths = options.getParameter("articleChars");
        String devSet = devSets.hasValue() && !devSets.get().isEmpty()
                ? devSets.get().iterator().next() : TaggingBenchmark.DEFAULT_DEV_SET;
        String length = lengths.hasValue() && !lengths.get().isEmpty()
                ? lengths.get().iterator().next() : TaggingBenchmark.DEFAULT_ARTICLE_CHARS;
        describe(BenchmarkArticles.fromDevSet(Path.of(devSet), Integer.parseInt(length)), devSet);
        var reals = options.getParameter("realArticles");
        String realArticles = reals.hasValue() && !reals.get().isEmpty()
                ? reals.get().iterator().next() : TaggingBenchmark.DEFAULT_REAL_ARTICLES;
        BenchmarkArticles real = BenchmarkArticles.fromExtractionDev(Path.of(realArticles));
        if (!real.articles().isEmpty()) {
            describe(real, realArticles);
        }

        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        BenchmarkRatio.print(results, "tagArticle", "sentencesAndTokens", "the issue asks for at most 2");
        PairedRatio.print(results, "pairedTagAndBare", "the issue asks for at most 2");
        PairedRatio.print(results, "pairedRealArticles", "typical real articles");
    }

    private static void describe(BenchmarkArticles set, String devSet) {
        List<BenchmarkArticles.Article> articles = set.articles();
        int chars = 0;
        int words = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (BenchmarkArticles.Article a : articles) {
            chars += a.text().length();
            words += a.text().split("\\s+").length;
            min = Math.min(min, a.text().length());
            max = Math.max(max, a.text().length());
        }
        System.out.printf(Locale.ROOT, "# Benchmark articles from %s: %d articles of %d to %d characters "
                        + "(mean %d characters, %d words)%n", Path.of(devSet).toAbsolutePath().normalize(),
                articles.size(), min, max, chars / articles.size(), words / articles.size());
    }
}
