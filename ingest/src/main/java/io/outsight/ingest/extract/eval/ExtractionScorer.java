package io.outsight.ingest.extract.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores extracted article text against human-written truth exactly as the extraction benchmark does (see the
 * README of the development set): Unicode word tokens, multisets of 4-token shingles, per-page tp/fp/fn normalised
 * to sum to one, per-page precision and recall averaged over pages, F1 of the two averages, and the share of pages
 * whose token lists are equal.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExtractionScorer {

    /** Shingle length of the benchmark. */
    public static final int SHINGLE_SIZE = 4;

    /**
     * Splits text into maximal runs of word characters, case kept. A word character is {@code _}, a letter or a
     * digit/number character (Unicode Nd, Nl, No); unlike Java's flag-less {@code \w} this is not ASCII-only.
     */
    public static List<String> tokens(String text) {
        Objects.requireNonNull(text, "text");
        var tokens = new ArrayList<String>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            boolean word = isWordChar(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    static boolean isWordChar(int codePoint) {
        if (codePoint == '_' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /**
     * The multiset of 4-grams of consecutive tokens; a text of one to three tokens gives one shingle of all its
     * tokens, a text without tokens gives none.
     */
    public static Map<List<String>, Integer> shingles(String text) {
        List<String> tokens = tokens(text);
        var counts = new HashMap<List<String>, Integer>();
        if (tokens.isEmpty()) {
            return counts;
        }
        int last = Math.max(1, tokens.size() - SHINGLE_SIZE + 1);
        for (int i = 0; i < last; i++) {
            List<String> shingle = List.copyOf(tokens.subList(i, Math.min(tokens.size(), i + SHINGLE_SIZE)));
            counts.merge(shingle, 1, Integer::sum);
        }
        return counts;
    }

    /** Scores one page: the truth text against the predicted text. */
    public PageScore scorePage(String truth, String predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        Map<List<String>, Integer> trueShingles = shingles(truth);
        Map<List<String>, Integer> predShingles = shingles(predicted);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (var entry : trueShingles.entrySet()) {
            int t = entry.getValue();
            int p = predShingles.getOrDefault(entry.getKey(), 0);
            tp += Math.min(t, p);
            fn += Math.max(0, t - p);
        }
        for (var entry : predShingles.entrySet()) {
            int p = entry.getValue();
            int t = trueShingles.getOrDefault(entry.getKey(), 0);
            fp += Math.max(0, p - t);
        }
        double sum = tp + fp + fn;
        double ntp = sum > 0 ? tp / sum : 0;
        double nfp = sum > 0 ? fp / sum : 0;
        double nfn = sum > 0 ? fn / sum : 0;
        boolean exact = tokens(truth).equals(tokens(predicted));
        return new PageScore(ntp, nfp, nfn, ratio(ntp, nfp, nfn), ratio(ntp, nfn, nfp), exact);
    }

    /**
     * Per-page precision (or recall, with the roles of fp and fn swapped): 1 when there is neither error, 0 when
     * there is nothing on the measured side, else tp / (tp + wrong).
     */
    private static double ratio(double tp, double wrong, double other) {
        if (wrong == 0 && other == 0) {
            return 1.0;
        }
        if (tp == 0 && wrong == 0) {
            return 0.0;
        }
        return tp / (tp + wrong);
    }

    /**
     * Scores every page of the truth; a page without prediction counts as an empty prediction, predictions for pages
     * not in the truth are ignored.
     */
    public ExtractionScore score(Map<String, String> truth, Map<String, String> predicted) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        var pages = new java.util.TreeMap<String, PageScore>();
        truth.forEach((id, text) -> pages.put(id, scorePage(text, predicted.getOrDefault(id, ""))));
        return ExtractionScore.of(pages);
    }
}
