package io.outsight.enrich.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.outsight.enrich.tag.eval.GoldSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the figure parsers and the linker change no result: an {@link AnchoredPattern} finds exactly the
 * matches (spans and groups) that {@link Matcher#find()} finds, and every match of a cue pattern holds one of the
 * words that the linker looks for before running it. Checked on the sentences of the tagging development set and
 * on generated text (the generators of {@link FigureParsersPropertyTest}, fixed seed).
 */
class FigurePrefiltersTest {
    private static final long SEED = Long.getLong("qt.seed", 20261126L);

    private static final List<AnchoredPattern> ANCHORED = anchored();

    private static List<AnchoredPattern> anchored() {
        List<AnchoredPattern> out = new ArrayList<>(List.of(MoneyParser.PREFIXED_AT, MoneyParser.SUFFIXED_AT,
                MoneyParser.PESO_P_AT, PercentParser.PERCENT_AT, PeriodParser.FISCAL_AT, PeriodParser.RANGE_AT,
                PeriodParser.YEAR_AT));
        out.addAll(HeadcountParser.ANCHORED.values());
        return out;
    }

    private static List<String> devTexts() throws IOException {
        List<String> out = new ArrayList<>();
        for (GoldSet.Document d : GoldSet.read(Path.of("..", "eval", "tagging", "dev.json")).documents()) {
            out.add(d.title());
            out.add(d.text());
        }
        out.add("US$ 5bn, NT$ 3 and U.S. $ 7; Rs.500, ₹2.5 lakh crore, P2.1 trillion; FY2018-19, fiscal 2024, 2020–27");
        out.add("employs 300,000; hired 5,000 new agents; a workforce of over 1.2 million; 1,234.5 people");
        return out;
    }

    /** Every match as "start-end:group1|group2|…" for comparing two ways of finding them. */
    private static List<String> byFind(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(describe(m));
        }
        return out;
    }

    private static List<String> byAnchored(AnchoredPattern anchored, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = anchored.matcher(text);
        for (int from = 0; anchored.find(m, text, from); from = m.end()) {
            out.add(describe(m));
        }
        return out;
    }

    private static String describe(Matcher m) {
        StringBuilder s = new StringBuilder().append(m.start()).append('-').append(m.end()).append(':');
        for (int g = 1; g <= m.groupCount(); g++) {
            s.append(m.group(g)).append('|');
        }
        return s.toString();
    }

    @Test
    void anchoredPatternsFindWhatFindFinds() throws IOException {
        for (String text : devTexts()) {
            for (AnchoredPattern a : ANCHORED) {
                assertEquals(byFind(a.pattern(), text), byAnchored(a, text), a.pattern() + " on '" + text + "'");
            }
        }
        qt().withFixedSeed(SEED).withExamples(2000).forAll(FigureParsersPropertyTest.TEXT).checkAssert(text -> {
            for (AnchoredPattern a : ANCHORED) {
                assertEquals(byFind(a.pattern(), text), byAnchored(a, text), a.pattern() + " on '" + text + "'");
            }
        });
    }

    /** Every match of the pattern in the text holds one of the words (so a text without them has no match). */
    private static void wordsCover(Pattern pattern, String[] words, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String match = text.substring(m.start(), m.end()).toLowerCase(Locale.ROOT);
            assertTrue(FigureLinker.holdsAny(match, words), pattern + " matched '" + match + "' in '" + text
                    + "', which holds none of " + List.of(words));
        }
    }

    /** A text where the pattern finds a match holds one of the words where a word starts. */
    private static void wordStartsCover(Pattern pattern, String[] words, String text) {
        if (pattern.matcher(text).find()) {
            assertTrue(FigureLinker.holdsAnyAtWordStart(text, words), pattern + " matches in '" + text
                    + "', which holds none of " + List.of(words) + " at a word start");
        }
    }

    private static void cueWordsCover(String text) {
        for (int k = 0; k < FigureLinker.MONEY_PATTERNS.length; k++) {
            wordStartsCover(FigureLinker.MONEY_PATTERNS[k], FigureLinker.MONEY_KIND_WORDS[k], text);
        }
        for (int k = 0; k < FigureLinker.PERCENT_PATTERNS.length; k++) {
            wordStartsCover(FigureLinker.PERCENT_PATTERNS[k], FigureLinker.PERCENT_KIND_WORDS[k], text);
        }
        wordStartsCover(FigureLinker.CAGR, FigureLinker.CAGR_WORDS, text);
        wordsCover(FigureLinker.CITE_BEFORE, FigureLinker.CITE_BEFORE_WORDS, text);
        wordsCover(FigureLinker.CITE_AFTER, FigureLinker.CITE_AFTER_WORDS, text);
        Matcher suffixed = MoneyParser.SUFFIXED.matcher(text);
        while (suffixed.find()) {
            String match = suffixed.group();
            assertTrue(MoneyParser.WORD_CURRENCY_STARTS.stream().anyMatch(match::contains),
                    "'" + match + "' holds no word of " + MoneyParser.WORD_CURRENCY_STARTS);
        }
    }

    @Test
    void everyCueMatchHoldsAWordTheLinkerLooksFor() throws IOException {
        String cues = "exported earnings top-line TCV total contract value raising capex outlays stipends cost reductions "
                + "remittance opportunity shrank contraction year-on-year y-o-y annually accounted for proportion CAGR "
                + "compounded annually according to as per citing cited by said says estimates finds studies surveys by "
                + "commissioned from data of 5 U.S. dollars 7 US dollar 3 pounds sterling 2 rupees 9 yen 4 won 1 RMB";
        for (String text : devTexts()) {
            cueWordsCover(text);
        }
        cueWordsCover(cues);
        cueWordsCover(cues.toUpperCase(Locale.ROOT));
        cueWordsCover("\u212Aup 5% (up) _up 7%, ŞHARE; x-year growth; 9% Of the market; of");
        for (String cue : cues.split(" ")) {
            cueWordsCover(cue);
            cueWordsCover("é" + cue + "s");
        }
        qt().withFixedSeed(SEED).withExamples(1000).forAll(FigureParsersPropertyTest.TEXT).checkAssert(
                FigurePrefiltersTest::cueWordsCover);
    }
}
