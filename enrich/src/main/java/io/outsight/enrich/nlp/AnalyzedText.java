package io.outsight.enrich.nlp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text split into sentences and tokens, with character offsets into {@link #text()}. Immutable and thread-safe.
 */
public final class AnalyzedText {
    private final String text;
    private final List<Sentence> sentences;
    private final List<Token> tokens;
    private final int[] sentenceStarts;
    private final int[] tokenStarts;

    /**
     * @param text the analysed text
     * @param sentences in text order, never overlapping
     * @param tokens in text order; each sentence's tokens are contiguous
     */
    public AnalyzedText(String text, List<Sentence> sentences, List<Token> tokens) {
        this.text = Objects.requireNonNull(text, "text");
        this.sentences = List.copyOf(sentences);
        this.tokens = List.copyOf(tokens);
        this.sentenceStarts = this.sentences.stream().mapToInt(Sentence::start).toArray();
        this.tokenStarts = this.tokens.stream().mapToInt(Token::start).toArray();
    }

    public String text() {
        return text;
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** The tokens of one sentence. */
    public List<Token> tokensOf(Sentence sentence) {
        return tokens.subList(sentence.firstToken(), sentence.firstToken() + sentence.tokenCount());
    }

    /** The text of one sentence. */
    public String textOf(Sentence sentence) {
        return text.substring(sentence.start(), sentence.end());
    }

    /**
     * The index in {@link #tokens()} of the token that covers the offset, or -1 when no token does (the offset is in
     * white space or punctuation between tokens). A binary search: the taggers ask for many offsets.
     */
    public int tokenIndexAt(int offset) {
        int i = Arrays.binarySearch(tokenStarts, offset);
        if (i >= 0) {
            return i;
        }
        int before = -i - 2;
        return before >= 0 && offset < tokens.get(before).end() ? before : -1;
    }

    /**
     * The index of the sentence that contains the offset, or of the nearest sentence before it when the offset falls
     * between sentences (in white space); 0 when the text has no sentence or the offset is before the first one.
     */
    public int sentenceIndexAt(int offset) {
        if (sentenceStarts.length == 0) {
            return 0;
        }
        int i = Arrays.binarySearch(sentenceStarts, offset);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }
}
