package io.outsight.ingest.extract;

import io.outsight.core.jmh.BenchmarkRatio;
import io.outsight.ingest.extract.eval.EvaluationReport;
import io.outsight.ingest.extract.eval.ExtractionEvaluation;
import io.outsight.ingest.extract.eval.ExtractionFiles;
import io.outsight.ingest.extract.eval.ExtractionRun;
import io.outsight.ingest.extract.eval.TruthEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * What the {@code jmh} profile runs: first the accuracy of our extractor and of readability4j on the development
 * set, scored by the project's scorer ({@link ExtractionEvaluation#score}), then JMH with the given arguments, then
 * the ratio of our time per page to readability4j's ({@link BenchmarkRatio}). So one command gives both F1 scores and
 * both speeds, on the same pages. Our F1 is what {@code outsight eval extraction} prints (one thread); a page that
 * an extractor fails on scores as empty for it.
 */
public final class ExtractionBenchmarkMain {

    /** The development set, relative to the module folder (where the profile runs the benchmark). */
    static final String DEFAULT_DEV_SET = "../../shared/data/extraction-dev";

    private ExtractionBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        // JMH's own Optional; with several -p devSet values, the first one is scored.
        var devSets = options.getParameter("devSet");
        String devSet = devSets.hasValue() && !devSets.get().isEmpty()
                ? devSets.get().iterator().next() : DEFAULT_DEV_SET;
        printAccuracy(Path.of(devSet));

        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        BenchmarkRatio.print(results, "extractOnePage", "readability4jOnePage",
                "the issue asks for at most 1: as fast per page");
    }

    private static void printAccuracy(Path devSet) throws IOException {
        Path html = devSet.resolve("html");
        Path truthFile = devSet.resolve("ground-truth.json");
        if (!Files.isDirectory(html) || !Files.isRegularFile(truthFile)) {
            System.out.println("# No extraction development set at " + devSet.toAbsolutePath() + ": no accuracy");
            return;
        }
        Map<String, TruthEntry> truth = ExtractionFiles.readTruth(truthFile);

        long start = System.nanoTime();
        EvaluationReport ours = new ExtractionEvaluation(MainContentExtractor.create(), 1).evaluate(html, truthFile);
        long oursNanos = System.nanoTime() - start;

        start = System.nanoTime();
        var predicted = new LinkedHashMap<String, String>();
        int failures = 0;
        for (Path file : ExtractionRun.pageFiles(html)) {
            String id = ExtractionRun.id(file);
            TruthEntry entry = truth.get(id);
            String url = entry != null && entry.url() != null ? entry.url() : file.toUri().toString();
            try {
                predicted.put(id, Readability4jText.extract(
                        ExtractionFiles.decodeHtml(Files.readAllBytes(file)), url));
            } catch (RuntimeException e) {
                failures++;
                predicted.put(id, "");
            }
        }
        EvaluationReport readability = ExtractionEvaluation.score(truth, predicted);
        long readabilityNanos = System.nanoTime() - start;

        System.out.printf(Locale.ROOT, "# Extraction accuracy on %s (%d pages), scored by ExtractionScorer%n",
                devSet.toAbsolutePath().normalize(), ours.pageCount());
        System.out.printf(Locale.ROOT, "# %-14s %9s %9s %9s %9s  %s%n", "extractor", "precision", "recall", "F1",
                "exact", "one cold pass (not a benchmark)");
        row("outsight", ours, oursNanos, 0);
        row("readability4j", readability, readabilityNanos, failures);
    }

    private static void row(String name, EvaluationReport report, long nanos, int failures) {
        var s = report.score();
        System.out.printf(Locale.ROOT, "# %-14s %9.4f %9.4f %9.4f %9.4f  %.2f s%s%n", name, s.precision(),
                s.recall(), s.f1(), s.exact(), nanos / 1e9, failures == 0 ? "" : ", " + failures + " pages failed");
    }
}
