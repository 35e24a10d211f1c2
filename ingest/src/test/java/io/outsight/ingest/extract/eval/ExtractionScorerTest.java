package io.outsight.ingest.extract.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtractionScorerTest {

    private static final double EPS = 1e-9;
    private final ExtractionScorer scorer = new ExtractionScorer();

    static Stream<Arguments> tokenCases() {
        return Stream.of(
                Arguments.of("Hello, world!", List.of("Hello", "world")),
                Arguments.of("Größe und Müller", List.of("Größe", "und", "Müller")),
                Arguments.of("snake_case and kebab-case", List.of("snake_case", "and", "kebab", "case")),
                Arguments.of("café—naïve", List.of("café", "naïve")),
                Arguments.of("½ ٣٤ x² Ⅻ", List.of("½", "٣٤", "x²", "Ⅻ")),
                Arguments.of("日本語のテキスト、です。", List.of("日本語のテキスト", "です")),
                Arguments.of("Москва 2024", List.of("Москва", "2024")),
                // Combining marks are not letters (Character.isLetter), exactly as the benchmark defines tokens.
                Arguments.of("e\u0301te\u0301", List.of("e", "te")),
                Arguments.of("$4.5bn (+12%)", List.of("4", "5bn", "12")),
                Arguments.of("", List.of()),
                Arguments.of(" \n\t—…", List.of()));
    }

    @ParameterizedTest
    @MethodSource("tokenCases")
    void tokensAreMaximalRunsOfUnicodeWordCharacters(String text, List<String> expected) {
        assertEquals(expected, ExtractionScorer.tokens(text));
    }

    @Test
    void shinglesAreFourGramsCountedAsAMultiset() {
        Map<List<String>, Integer> shingles = ExtractionScorer.shingles("a b c d a b c d");
        assertEquals(2, shingles.get(List.of("a", "b", "c", "d")));
        assertEquals(1, shingles.get(List.of("b", "c", "d", "a")));
        assertEquals(4, shingles.size());
    }

    @Test
    void aTextOfOneToThreeTokensIsOneShingle() {
        assertEquals(Map.of(List.of("one"), 1), ExtractionScorer.shingles("one"));
        assertEquals(Map.of(List.of("one", "two", "three"), 1), ExtractionScorer.shingles("one, two, three"));
    }

    @Test
    void aTextWithoutTokensHasNoShingles() {
        assertTrue(ExtractionScorer.shingles(" — ").isEmpty());
    }

    @Test
    void identicalTextsScoreOneAndExact() {
        PageScore page = scorer.scorePage("a b c d e", "a  b\n\nc d e");
        assertEquals(1, page.precision(), EPS);
        assertEquals(1, page.recall(), EPS);
        assertEquals(1, page.tp(), EPS);
        assertTrue(page.exact());
    }

    @Test
    void countsAreNormalisedToSumToOne() {
        // truth shingles: abcd, bcde; predicted: abcd, bcdx -> tp 1, fp 1, fn 1
        PageScore page = scorer.scorePage("a b c d e", "a b c d x");
        assertEquals(1.0 / 3, page.tp(), EPS);
        assertEquals(1.0 / 3, page.fp(), EPS);
        assertEquals(1.0 / 3, page.fn(), EPS);
        assertEquals(0.5, page.precision(), EPS);
        assertEquals(0.5, page.recall(), EPS);
        assertFalse(page.exact());
    }

    @Test
    void repeatedShinglesCountOncePerOccurrence() {
        // truth abcd x2, bcda, cdab, dabc; predicted abcd -> tp 1, fp 0, fn 4
        PageScore page = scorer.scorePage("a b c d a b c d", "a b c d");
        assertEquals(1, page.precision(), EPS);
        assertEquals(0.2, page.recall(), EPS);
    }

    @Test
    void emptyPredictionHasZeroRecallAndNoPrecision() {
        PageScore page = scorer.scorePage("a b c d", "");
        assertEquals(0, page.recall(), EPS);
        assertTrue(page.countsForRecall());
        assertFalse(page.countsForPrecision());
    }

    @Test
    void predictionForAnEmptyTruthHasZeroPrecisionAndNoRecall() {
        PageScore page = scorer.scorePage("", "a b c d");
        assertEquals(0, page.precision(), EPS);
        assertTrue(page.countsForPrecision());
        assertFalse(page.countsForRecall());
    }

    @Test
    void twoEmptyTextsAreExactButEnterNoMean() {
        PageScore page = scorer.scorePage("", "—");
        assertEquals(1, page.precision(), EPS);
        assertEquals(1, page.recall(), EPS);
        assertTrue(page.exact());
        assertFalse(page.countsForPrecision());
        assertFalse(page.countsForRecall());
    }

    @Test
    void shortTextsThatDifferShareNoShingle() {
        PageScore page = scorer.scorePage("one two", "one two three");
        assertEquals(0, page.precision(), EPS);
        assertEquals(0, page.recall(), EPS);
    }

    @Test
    void f1IsTheHarmonicMeanOfTheMeansNotTheMeanOfPageF1() {
        var truth = new LinkedHashMap<String, String>();
        truth.put("same", "a b c d e");
        truth.put("half", "a b c d e");
        truth.put("missed", "p q r s");
        truth.put("empty", "");
        var predicted = Map.of("same", "a b c d e", "half", "a b c d x", "empty", "");
        ExtractionScore score = scorer.score(truth, predicted);
        // precision over same, half (missed has no predicted shingles, empty has none at all)
        assertEquals(0.75, score.precision(), EPS);
        // recall over same, half, missed (the missing prediction counts as empty)
        assertEquals(0.5, score.recall(), EPS);
        assertEquals(2 * 0.75 * 0.5 / 1.25, score.f1(), EPS);
        // same and empty are exact
        assertEquals(0.5, score.exact(), EPS);
        assertEquals(4, score.pages().size());
    }

    @Test
    void predictionsForPagesOutsideTheTruthAreIgnored() {
        ExtractionScore score = scorer.score(Map.of("p", "a b c d"), Map.of("p", "a b c d", "other", "x y z w"));
        assertEquals(1, score.f1(), EPS);
        assertEquals(1, score.pages().size());
    }
}
