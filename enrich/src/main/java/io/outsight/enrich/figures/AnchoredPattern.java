package io.outsight.enrich.figures;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern whose matches can only start at a few kinds of character (a digit, a capital, a currency sign), found
 * as {@link Matcher#find()} finds them but trying the pattern only where such a character stands. The figure
 * patterns have dozens of alternatives, which {@code find} tries at every character of a sentence; most characters
 * are letters, spaces and punctuation where no match can start. Each try is a {@link Matcher#lookingAt()} on a
 * region that starts there, with transparent bounds so that look-behinds and word boundaries see the text before
 * it, and without anchoring bounds: the same attempt that {@code find} makes at that position. Immutable and
 * thread-safe (matchers are not: one per text).
 */
final class AnchoredPattern {
    /** Which characters a match can start with. */
    @FunctionalInterface
    interface StartChar {
        boolean test(char c);
    }

    static final StartChar DIGIT = c -> c >= '0' && c <= '9';

    /**
     * A digit that starts a number: not after an ASCII digit or letter, a dot or a comma, which the number patterns'
     * look-behinds ({@code (?<![\p{L}\d.,])} and the like) refuse anyway; trying them in the middle of every
     * number costs a matcher reset each.
     */
    static final StartAt NUMBER_START = (text, p) -> {
        char c = text.charAt(p);
        if (c < '0' || c > '9') {
            return false;
        }
        if (p == 0) {
            return true;
        }
        char before = text.charAt(p - 1);
        return !(before >= '0' && before <= '9' || (before | 0x20) >= 'a' && (before | 0x20) <= 'z' || before == '.'
                || before == ',');
    };

    /** Which positions a match can start at, by the text around them. */
    @FunctionalInterface
    interface StartAt {
        boolean test(String text, int position);
    }

    private final Pattern pattern;
    private final StartAt start;

    /**
     * @param pattern a pattern that matches no empty string
     * @param start true for every character that a match of the pattern can start with (more is allowed)
     */
    AnchoredPattern(Pattern pattern, StartChar start) {
        Objects.requireNonNull(start, "start");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.start = (text, p) -> start.test(text.charAt(p));
    }

    /**
     * @param pattern a pattern that matches no empty string
     * @param start true for every position where a match of the pattern can start (more is allowed)
     */
    AnchoredPattern(Pattern pattern, StartAt start) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.start = Objects.requireNonNull(start, "start");
    }

    /** Whether a digit stands in text[from, to) (the bounds cut to the text). */
    static boolean digitWithin(String text, int from, int to) {
        for (int i = Math.max(0, from), end = Math.min(text.length(), to); i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** The first characters of words matched case-insensitively (ASCII, as {@code (?i)} without Unicode case). */
    static StartChar anyCase(String letters) {
        String both = letters.toLowerCase(java.util.Locale.ROOT) + letters.toUpperCase(java.util.Locale.ROOT);
        return c -> both.indexOf(c) >= 0;
    }

    Pattern pattern() {
        return pattern;
    }

    /** A matcher over the text, to pass to {@link #find}. */
    Matcher matcher(String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * The next match that starts at {@code from} or later, as the matcher's state (groups, start, end): what
     * {@link Matcher#find()} gives after a match that ended at {@code from}.
     */
    boolean find(Matcher matcher, String text, int from) {
        int n = text.length();
        for (int p = from; p < n; p++) {
            if (start.test(text, p)) {
                matcher.region(p, n);
                if (matcher.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }
}
