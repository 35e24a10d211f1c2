package io.outsight.enrich.nlp;

/**
 * One sentence of an analysed text.
 *
 * @param index position of the sentence in the text, from 0
 * @param start character offset of its first character, inclusive
 * @param end character offset after its last character, exclusive
 * @param firstToken index of its first token in {@link AnalyzedText#tokens()}
 * @param tokenCount number of tokens it holds
 */
public record Sentence(int index, int start, int end, int firstToken, int tokenCount) {

    public Sentence {
        if (index < 0 || start < 0 || end < start || firstToken < 0 || tokenCount < 0) {
            throw new IllegalArgumentException("bad sentence " + index + " [" + start + ", " + end + ")");
        }
    }

    /** Whether the character offset lies inside this sentence. */
    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }
}
