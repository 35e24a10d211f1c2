package io.outsight.enrich.nlp;

import org.jspecify.annotations.Nullable;

/**
 * One token of an analysed text.
 *
 * @param text the token, exactly the covered text
 * @param start character offset into the analysed text, inclusive
 * @param end character offset, exclusive
 * @param sentence index of the sentence that holds it
 * @param pos its Universal Dependencies part-of-speech tag when POS tagging ran, else null
 */
public record Token(String text, int start, int end, int sentence, @Nullable String pos) {}
