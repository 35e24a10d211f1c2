package io.outsight.enrich.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.outsight.enrich.tag.eval.GoldSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The pipeline's faster ways to run OpenNLP give OpenNLP's answers: {@link AbbreviationSentenceDetector} the breaks
 * of {@code new SentenceDetectorME(model, abbreviations)}, and {@link NlpPipeline#tokenize} (each distinct word
 * tokenized once) the tokens of {@link TokenizerME#tokenizePos} on the whole sentence. Checked on the tagging
 * development set and on generated text full of abbreviations, odd spaces and punctuation (fixed seed).
 */
class AbbreviationSentenceDetectorTest {
    private static final NlpModels MODELS = NlpModels.loadDefault();
    private static final long SEED = Long.getLong("qt.seed", 20261126L);

    private static final Gen<String> PIECE = Generate.pick(List.of("Inc.", "Corp.", "Ltd.", "Rs.", "Mr.", "Dr.", "U.S.",
            "vs.", "e.g.", "No.", "Co.", "St.", "(Inc.", "'Dr.", "`Mr.", "\u00b4Co.", "Inc", ".", "..", "!", "?", ":",
            "word", "Word", "The", "said", "5.5", "$5.5 billion", "7%", "India's", "don't", "\u00a0", "\t", " ", "  ",
            "\u2009", "\u3000", "\"", "“", "”", "(", ")", "-", "–", "e", "é", "😀", "1990s", "5bn", "FY24"));
    private static final Gen<String> TEXT = lists().of(PIECE).ofSizeBetween(0, 40).map(parts -> String.join(" ", parts)
            .replace("  ", " "));

    private static List<String> devTexts() throws IOException {
        List<String> out = new ArrayList<>();
        for (GoldSet.Document d : GoldSet.read(Path.of("..", "eval", "tagging", "dev.json")).documents()) {
            out.add(d.text());
        }
        return out;
    }

    private static void sameBreaks(String text) {
        SentenceDetectorME plain = new SentenceDetectorME(MODELS.sentenceModel(), MODELS.abbreviations());
        AbbreviationSentenceDetector fast = new AbbreviationSentenceDetector(MODELS.sentenceModel(), MODELS.abbreviations());
        assertArrayEquals(plain.sentPosDetect(text), fast.sentPosDetect(text), "sentences of '" + text + "'");
    }

    private static void sameTokens(String text) {
        TokenizerME tokenizer = new TokenizerME(MODELS.tokenizerModel());
        Map<String, Span[]> memo = new HashMap<>();
        NlpPipeline.Spans spans = new NlpPipeline.Spans();
        int n = NlpPipeline.tokenize(text, 0, text.length(), tokenizer, memo, spans);
        Span[] expected = tokenizer.tokenizePos(text);
        assertEquals(expected.length, n, "token count of '" + text + "'");
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i].getStart(), spans.offsets[2 * i], "token " + i + " of '" + text + "'");
            assertEquals(expected[i].getEnd(), spans.offsets[2 * i + 1], "token " + i + " of '" + text + "'");
        }
    }

    @Test
    void findsTheBreaksOfOpenNlpWithTheSameAbbreviations() throws IOException {
        for (String text : devTexts()) {
            sameBreaks(text);
        }
        qt().withFixedSeed(SEED).withExamples(1500).forAll(TEXT).checkAssert(AbbreviationSentenceDetectorTest::sameBreaks);
    }

    @Test
    void tokenizingEachDistinctWordOnceGivesTheTokensOfTheWholeSentence() throws IOException {
        for (String text : devTexts()) {
            sameTokens(text);
        }
        qt().withFixedSeed(SEED).withExamples(1500).forAll(TEXT).checkAssert(AbbreviationSentenceDetectorTest::sameTokens);
    }
}
