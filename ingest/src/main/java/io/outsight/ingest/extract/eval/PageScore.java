package io.outsight.ingest.extract.eval;

/**
 * The score of one page. {@code tp}, {@code fp} and {@code fn} are shingle counts divided by their sum (all zero
 * when both texts are empty).
 *
 * @param precision 1 when fp = fn = 0, 0 when tp = fp = 0, else tp / (tp + fp)
 * @param recall 1 when fp = fn = 0, 0 when tp = fn = 0, else tp / (tp + fn)
 * @param exact whether the token lists of truth and prediction are equal
 */
public record PageScore(double tp, double fp, double fn, double precision, double recall, boolean exact) {

    /** Whether this page enters the mean precision: it has predicted shingles. */
    public boolean countsForPrecision() {
        return tp + fp > 0;
    }

    /** Whether this page enters the mean recall: it has true shingles. */
    public boolean countsForRecall() {
        return tp + fn > 0;
    }

    /** The harmonic mean of this page's precision and recall (0 when both are 0). */
    public double f1() {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
