package io.outsight.ingest.extract.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of scoring an extraction run.
 *
 * @param score the benchmark scores and the per-page scores
 */
public record EvaluationReport(ExtractionScore score) {

    /** Number of pages scored. */
    public int pageCount() {
        return score.pages().size();
    }

    /** The {@code n} pages with the lowest per-page F1, worst first. */
    public List<Map.Entry<String, PageScore>> worstPages(int n) {
        return score.pages().entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, PageScore> e) -> e.getValue().f1())
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .toList();
    }

    /** A plain-text report: the scores, then the worst pages. */
    public String format(int worst) {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "pages      %d%n", pageCount()));
        sb.append(String.format(Locale.ROOT, "precision  %.4f%n", score.precision()));
        sb.append(String.format(Locale.ROOT, "recall     %.4f%n", score.recall()));
        sb.append(String.format(Locale.ROOT, "F1         %.4f%n", score.f1()));
        sb.append(String.format(Locale.ROOT, "exact      %.4f%n", score.exact()));
        if (worst > 0) {
            sb.append(String.format(Locale.ROOT, "worst pages (F1, precision, recall):%n"));
            for (var e : worstPages(worst)) {
                PageScore p = e.getValue();
                sb.append(String.format(Locale.ROOT, "  %.3f  %.3f  %.3f  %s%n", p.f1(), p.precision(), p.recall(),
                        e.getKey()));
            }
        }
        return sb.toString();
    }
}
