package io.outsight.enrich.taxonomy;

/**
 * A term found in a text.
 *
 * @param firstWord index of its first word in the {@link Words}
 * @param endWord index after its last word
 * @param start character offset, inclusive
 * @param end character offset, exclusive
 * @param entry the term file line that matched
 */
public record TermMatch(int firstWord, int endWord, int start, int end, TermEntry entry) {

    public int length() {
        return end - start;
    }
}
