package io.outsight.enrich.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NlpPipelineTest {
    static final NlpPipeline PIPELINE = new NlpPipeline(NlpModels.loadDefault());

    @ParameterizedTest
    @ValueSource(strings = {
        "Genpact Ltd. said revenue rose 7.4%. The U.S. market grew.",
        "India's IT-BPM industry (Rs 5,000 crore) is big!\n\nMr. Smith agreed.",
        "  Leading spaces,\ttabs and  double  spaces.  Then another sentence.  ",
        "Le marché français de l’externalisation croît. Die Branche wächst schnell.",
        "インドのBPO市場は拡大している。Manila’s call centres hire 10,000 agents.",
        "",
        "\n\n\n",
        "no punctuation at all",
    })
    void keepsOffsetsOfEveryTokenAndSentence(String text) {
        AnalyzedText analyzed = PIPELINE.analyze(text, true);
        int previousEnd = 0;
        for (Sentence s : analyzed.sentences()) {
            assertTrue(s.start() >= previousEnd, "sentences overlap in " + text);
            assertEquals(text.substring(s.start(), s.end()).strip(), analyzed.textOf(s));
            for (Token t : analyzed.tokensOf(s)) {
                assertEquals(t.text(), text.substring(t.start(), t.end()));
                assertTrue(t.start() >= s.start() && t.end() <= s.end(), "token outside its sentence");
                assertEquals(s.index(), t.sentence());
                assertTrue(t.pos() != null);
            }
            previousEnd = s.end();
        }
    }

    @Test
    void doesNotSplitAfterCompanySuffixesOrTitles() {
        AnalyzedText a = PIPELINE.analyze("Wipro Ltd. and Accenture Inc. signed with Dr. Rao on Jan. 5. The deal closed.");
        assertEquals(2, a.sentences().size(), a.sentences().toString());
    }

    @Test
    void doesNotSplitInsideNumbers() {
        AnalyzedText a = PIPELINE.analyze("According to the report, it will be worth $5.5 billion by 2028. Growth is 7.4 %. Next one.");
        assertEquals(List.of("According to the report, it will be worth $5.5 billion by 2028.", "Growth is 7.4 %.", "Next one."),
                a.sentences().stream().map(a::textOf).toList());
    }

    @Test
    void neverJoinsSentencesAcrossLines() {
        AnalyzedText a = PIPELINE.analyze("Heading without a stop\nBody text here. More body.\n\nNext paragraph");
        assertEquals(List.of("Heading without a stop", "Body text here.", "More body.", "Next paragraph"),
                a.sentences().stream().map(a::textOf).toList());
    }

    @Test
    void splitsPossessivesOffNames() {
        AnalyzedText a = PIPELINE.analyze("India's share and the Philippines’s growth.");
        List<String> tokens = a.tokens().stream().map(Token::text).toList();
        assertTrue(tokens.contains("India") && tokens.contains("'s") && tokens.contains("’s"), tokens.toString());
    }

    @Test
    void findsTheSentenceOfAnOffset() {
        AnalyzedText a = PIPELINE.analyze("One here. Two there.\n\nThree.");
        assertEquals(0, a.sentenceIndexAt(0));
        assertEquals(1, a.sentenceIndexAt(a.text().indexOf("Two")));
        assertEquals(1, a.sentenceIndexAt(a.text().indexOf("\n")));
        assertEquals(2, a.sentenceIndexAt(a.text().indexOf("Three")));
    }

    @Test
    void givesTheSameResultOnManyThreadsAtOnce() throws Exception {
        String text = "Accenture Inc. opened a centre in Manila. It will hire 5,000 agents by 2025. Growth is 7.4% a year.";
        AnalyzedText expected = PIPELINE.analyze(text, true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AnalyzedText>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> PIPELINE.analyze(text, true)));
            }
            for (Future<AnalyzedText> f : results) {
                AnalyzedText got = f.get();
                assertEquals(expected.sentences(), got.sentences());
                assertEquals(expected.tokens(), got.tokens());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsTheTokenAtAnOffsetOrNoneBetweenTokens() {
        AnalyzedText a = PIPELINE.analyze("Genpact hired 2,000 agents. Wipro too.");
        for (int i = 0; i < a.tokens().size(); i++) {
            Token t = a.tokens().get(i);
            assertEquals(i, a.tokenIndexAt(t.start()), t.text());
            assertEquals(i, a.tokenIndexAt(t.end() - 1), t.text());
        }
        assertEquals(-1, a.tokenIndexAt("Genpact".length()), "the space after the first token");
        assertEquals(-1, a.tokenIndexAt(a.text().length()), "past the end");
    }

    @Test
    void tagsPartsOfSpeechOfAFewTokensOnDemand() {
        AnalyzedText a = PIPELINE.analyze("Analysts said Zenlytix signed a deal with Vertiqa.");
        String[] tags = PIPELINE.posTags(a.tokens());
        assertEquals(a.tokens().size(), tags.length);
        assertEquals("PROPN", tags[2], String.join(" ", tags));
        assertEquals(0, PIPELINE.posTags(List.of()).length);
    }
}
