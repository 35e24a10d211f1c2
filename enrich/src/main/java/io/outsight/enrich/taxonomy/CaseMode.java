package io.outsight.enrich.taxonomy;

/** How the letter case of a term must match the text. */
public enum CaseMode {
    /**
     * Per word of the term: a word written in capitals (two or more capital letters, no small ones, like "BPO" or
     * "UK") must appear exactly so; a word written with a capital initial ("India") must appear with a capital
     * initial; a word in small letters matches in any case.
     */
    AUTO,
    /** Every word exactly as written. */
    EXACT,
    /** Any case. */
    ANY
}
