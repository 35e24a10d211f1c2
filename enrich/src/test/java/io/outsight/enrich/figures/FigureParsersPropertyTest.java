package io.outsight.enrich.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.outsight.core.record.MarketFigure;
import io.outsight.enrich.tag.ArticleTagger;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the figure parsers and the linker over generated text (QuickTheories, which shrinks a failing text
 * to a small one): nothing throws on any Unicode or spacing; every figure's span lies in the text, is not blank and
 * holds its number; values are finite, and non-negative where the figure cannot be negative; ranges run upwards; and
 * a scale word multiplies exactly ("USD X billion" is X × 10⁹). The seed is fixed so that a run is repeatable;
 * {@code -Dqt.seed=N} explores others.
 */
class FigureParsersPropertyTest {
    private static final long SEED = Long.getLong("qt.seed", 20261126L);

    private static ArticleTagger tagger;

    @BeforeAll
    static void loadTagger() {
        tagger = ArticleTagger.loadDefault();
    }

    private static QuickTheory theory(int examples) {
        return qt().withFixedSeed(SEED).withExamples(examples);
    }

    /** Pieces of figures, words that give them meaning, odd spaces and arbitrary Unicode. */
    static final Gen<String> TOKEN = Generate.oneOf(
            Generate.pick(List.of("$", "US$", "US $", "USD", "NT$", "Rs", "Rs.", "₹", "€", "£", "¥", "P", "₱", "EUR",
                    "1", "2,5", "0.", ".7", "343.2", "1,00,000", "12,345.67", "1.234,5", "1 234", "1'234", "7,4",
                    "99999999999999999999999999999999999999999999", "0000", "bn", "billion", "Billion", "crore",
                    "lakh crore", "lakh", "k", "mn", "m", "tn", "Mrd", "%", "％", "per cent", "percentage points", "pct",
                    "CAGR", "compound annual growth rate", "by", "in", "2025", "1949", "2101", "FY", "FY 2024", "18",
                    "2018–19", "2020-2027", "fiscal", "-", "–", "—", "to", "from", "between", "and", "people",
                    "employees", "million", "workforce of", "employs", "hiring", "strong", "US dollars", "rupees",
                    "pesos", "according to", "Gartner", "said", "India", "the Philippines", "BPO", "market", "grew",
                    "fell", "share", "revenue", "exports", "(", ")", ",", ".", ";", "\u00a0", "\u202f", "\u2009", "\t",
                    "\n", "\n\n", "\u200b", "\u200f", "\u0301", "😀", "١٢٣", "２０２５", "Ⅻ", "½")),
            strings().numericBetween(0, 100_000),
            strings().allPossible().ofLengthBetween(0, 4),
            strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 6));
    /** Whole statements of figures, so that the linker has something to link among the noise. */
    static final Gen<String> PHRASE = Generate.pick(List.of("The BPO market is worth", "India's IT exports reached",
            "revenue grew", "the industry employs", "Gartner said spending will hit", "a CAGR of", "fell",
            "holds a share of", "hiring", "valued at")).zip(
            Generate.pick(List.of("US$ ", "$", "USD", "Rs ", "₹", "€", "", "")),
            Generate.pick(List.of("343.2", "1,00,000", "12,345.67", "7,4", "5", "0.5", "2–3", "10-12")),
            Generate.pick(List.of(" billion", "bn", " crore", " lakh crore", "%", " per cent", " million people",
                    " employees", " k", "")),
            Generate.pick(List.of(" by 2025.", " in FY18.", " from 2020 to 2027", ", IBPAP said.", ".", "")),
            (cue, currency, number, scale, tail) -> cue + " " + currency + number + scale + tail);
    static final Gen<String> SEPARATOR = Generate.pick(List.of("", " ", " ", " ", "  ", "\u00a0", "\t"));
    static final Gen<String> TEXT = lists().of(TOKEN.mix(PHRASE, 30).zip(SEPARATOR, (t, s) -> t + s))
            .ofSizeBetween(0, 30).map(parts -> String.join("", parts));

    private static void inText(String text, int start, int end, String what) {
        assertTrue(0 <= start && start < end && end <= text.length(),
                what + " span [" + start + ", " + end + ") outside a text of " + text.length());
        String surface = text.substring(start, end);
        assertFalse(surface.isBlank(), what + " has a blank surface");
        assertTrue(surface.chars().anyMatch(c -> c >= '0' && c <= '9'), what + " surface '" + surface + "' has no digit");
        assertFalse(Character.isWhitespace(surface.charAt(0)) || Character.isWhitespace(surface.charAt(surface.length() - 1))
                || Character.isSpaceChar(surface.charAt(0)) || Character.isSpaceChar(surface.charAt(surface.length() - 1)),
                what + " surface '" + surface + "' starts or ends with space");
    }

    private static void finiteAndNonNegative(double value, String what) {
        assertTrue(Double.isFinite(value) && value >= 0, what + " value " + value);
    }

    @Test
    void moneyHasItsSpanInTheTextAndAFiniteNonNegativeValue() {
        theory(500).forAll(TEXT).checkAssert(text -> {
            int previousEnd = 0;
            for (Money m : MoneyParser.parse(text)) {
                String what = "money " + m + " in '" + text + "'";
                inText(text, m.start(), m.end(), what);
                finiteAndNonNegative(m.value(), what);
                assertTrue(m.high() == null || Double.isFinite(m.high()) && m.high() >= m.value(), what + ": range");
                assertTrue(m.currency().matches("[A-Z]{3}|PESO"), what + ": currency");
                assertTrue(m.start() >= previousEnd, what + ": overlaps the previous amount or is out of order");
                previousEnd = m.end();
            }
        });
    }

    @Test
    void percentagesPeriodsAndHeadcountsHaveSpansInTheTextAndSaneValues() {
        theory(500).forAll(TEXT).checkAssert(text -> {
            for (Percent p : PercentParser.parse(text)) {
                String what = "percent " + p + " in '" + text + "'";
                inText(text, p.start(), p.end(), what);
                finiteAndNonNegative(p.value(), what);
                assertTrue(p.high() == null || Double.isFinite(p.high()) && p.high() > p.value(), what + ": range");
            }
            for (Period p : PeriodParser.parse(text)) {
                String what = "period " + p + " in '" + text + "'";
                inText(text, p.start(), p.end(), what);
                if (p.isPeriod()) {
                    assertTrue(p.year() == null && p.periodEnd() != null && p.periodStart() < p.periodEnd(), what);
                    assertTrue(p.periodStart() >= 1950 && p.periodEnd() <= 2100, what);
                } else {
                    assertTrue(p.year() != null && p.year() >= 1950 && p.year() <= 2100, what);
                }
            }
            for (Headcount h : HeadcountParser.parse(text)) {
                String what = "headcount " + h + " in '" + text + "'";
                inText(text, h.start(), h.end(), what);
                finiteAndNonNegative(h.value(), what);
            }
        });
    }

    @Test
    void linkedFiguresPointIntoTheArticleText() {
        // The whole tagger (sentences, entities, figures) on the text; fewer examples: it is slower.
        theory(150).forAll(TEXT).checkAssert(text -> {
            for (MarketFigure f : tagger.tag("", text).marketFigures()) {
                String what = "figure " + f + " in '" + text + "'";
                assertTrue(0 <= f.start() && f.start() < f.end() && f.end() <= text.length(), what + ": span");
                assertTrue(f.text().contains(text.substring(f.start(), f.end())), what + ": the sentence lacks the figure");
                assertTrue(f.value() != null && Double.isFinite(f.value()), what + ": value");
                if (!"percent".equals(f.unit())) {
                    assertTrue(f.value() >= 0, what + ": negative " + f.unit());
                }
                assertTrue(f.cagrPercent() == null || Double.isFinite(f.cagrPercent()), what + ": CAGR");
                assertTrue(f.year() == null || f.year() >= 1950 && f.year() <= 2100, what + ": year");
                assertTrue(f.periodStart() == null || f.periodStart() < f.periodEnd(), what + ": period");
            }
        });
    }

    /** Texts on which the properties above failed before the parser was fixed: the surfaces found, in order. */
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "worth US$ 343.2 billion from 2020 to 2027bn USD => [US$ 343.2 billion] [2020] [2027bn USD]",
        "from 5 to 3bn dollars => [5] [3bn dollars]",
    })
    void regressionsFoundByTheProperties(String text, String surfaces) {
        assertEquals(surfaces, String.join(" ", MoneyParser.parse(text).stream()
                .map(m -> "[" + text.substring(m.start(), m.end()) + "]").toList()));
    }

    /** A number as written ("12,345.6", "7", "0.25") and its exact value. */
    record Written(String text, BigDecimal value) {}

    private static final Gen<Written> NUMBER = Generate.oneOf(
            integers().between(0, 999_999).zip(integers().between(-1, 999), (whole, fraction) -> {
                String text = whole + (fraction < 0 ? "" : "." + fraction);
                return new Written(text, new BigDecimal(text));
            }),
            integers().between(1_000, 999_999_999).map(n -> new Written(String.format(java.util.Locale.ROOT, "%,d", n),
                    BigDecimal.valueOf(n))));
    private static final Gen<String> SPACE = Generate.pick(List.of("", " ", "  ", "\u00a0", "\u202f", " \t"));
    private static final List<String[]> SCALES = List.of(new String[] {"billion", "1e9"}, new String[] {"bn", "1e9"},
            new String[] {"Billion", "1e9"}, new String[] {"million", "1e6"}, new String[] {"mn", "1e6"},
            new String[] {"m", "1e6"}, new String[] {"trillion", "1e12"}, new String[] {"tn", "1e12"},
            new String[] {"crore", "1e7"}, new String[] {"lakh", "1e5"}, new String[] {"lakh crore", "1e12"},
            new String[] {"k", "1e3"}, new String[] {"thousand", "1e3"});
    private static final List<String[]> CURRENCIES = List.of(new String[] {"USD", "USD"}, new String[] {"US$", "USD"},
            new String[] {"$", "USD"}, new String[] {"EUR", "EUR"}, new String[] {"€", "EUR"}, new String[] {"£", "GBP"},
            new String[] {"Rs", "INR"}, new String[] {"₹", "INR"}, new String[] {"₱", "PHP"}, new String[] {"A$", "AUD"});
    private static final Gen<String> CONTEXT = Generate.pick(List.of("", "The market was worth ", "Revenue reached ",
            "In 2024, exports hit ", "Analysts see ", "— ", "(", "Über "));
    private static final Gen<String> AFTER = Generate.pick(List.of("", ".", " by 2030.", ", analysts said.", ")",
            " in India;", " über alles"));

    @Test
    void aScaleWordMultipliesTheNumberExactly() {
        theory(500).forAll(NUMBER, Generate.pick(CURRENCIES), Generate.pick(SCALES), SPACE.zip(SPACE, CONTEXT, AFTER,
                (a, b, before, after) -> new String[] {a, b, before, after}))
                .checkAssert((number, currency, scale, frame) -> {
                    String figure = currency[0] + frame[0] + number.text() + frame[1] + scale[0];
                    String text = frame[2] + figure + frame[3];
                    double expected = number.value().multiply(new BigDecimal(scale[1])).doubleValue();

                    List<Money> found = MoneyParser.parse(text);

                    String what = "'" + text + "' gave " + found;
                    assertEquals(1, found.size(), what);
                    Money money = found.getFirst();
                    assertEquals(expected, money.value(), what);
                    assertEquals(currency[1], money.currency(), what);
                    assertEquals(figure, text.substring(money.start(), money.end()), what);
                });
    }

    @Test
    void aPercentageIsTheNumberWritten() {
        theory(500).forAll(NUMBER, SPACE, Generate.pick(List.of("%", "％", "per cent", "percent", "pct")),
                CONTEXT.zip(AFTER, (before, after) -> new String[] {before, after}))
                .checkAssert((number, space, sign, frame) -> {
                    String figure = number.text() + space + sign;
                    String text = frame[0] + figure + frame[1];

                    List<Percent> found = PercentParser.parse(text);

                    String what = "'" + text + "' gave " + found;
                    assertEquals(1, found.size(), what);
                    assertEquals(number.value().doubleValue(), found.getFirst().value(), what);
                    assertEquals(figure, text.substring(found.getFirst().start(), found.getFirst().end()), what);
                });
    }
}
