package io.outsight.ingest.extract.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The score of a set of pages.
 *
 * @param precision mean per-page precision over the pages with predicted shingles
 * @param recall mean per-page recall over the pages with true shingles
 * @param f1 harmonic mean of {@code precision} and {@code recall} (not the mean of per-page F1)
 * @param exact share of pages whose predicted token list equals the true one
 * @param pages the score of each page, by page id
 */
public record ExtractionScore(
        double precision, double recall, double f1, double exact, SequencedMap<String, PageScore> pages) {

    public ExtractionScore {
        pages = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(pages));
    }

    /** Aggregates per-page scores as the benchmark does. */
    public static ExtractionScore of(Map<String, PageScore> pages) {
        double precisionSum = 0;
        int precisionPages = 0;
        double recallSum = 0;
        int recallPages = 0;
        int exactPages = 0;
        for (PageScore page : pages.values()) {
            if (page.countsForPrecision()) {
                precisionSum += page.precision();
                precisionPages++;
            }
            if (page.countsForRecall()) {
                recallSum += page.recall();
                recallPages++;
            }
            if (page.exact()) {
                exactPages++;
            }
        }
        double precision = precisionPages == 0 ? 0 : precisionSum / precisionPages;
        double recall = recallPages == 0 ? 0 : recallSum / recallPages;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double exact = pages.isEmpty() ? 0 : (double) exactPages / pages.size();
        return new ExtractionScore(precision, recall, f1, exact, new LinkedHashMap<>(pages));
    }
}
