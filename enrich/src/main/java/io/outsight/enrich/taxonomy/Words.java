package io.outsight.enrich.taxonomy;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A text cut into words for term matching: maximal runs of Unicode letters, digits and combining marks, plus
 * "&amp;" as a word of its own (keyed "and"). Independent of the OpenNLP tokenizer on purpose, so that "IT-BPM",
 * "IT BPM" and "IT–BPM" all give the same words. Each word has its offsets into the text and a key: lower case,
 * accents removed. Immutable and thread-safe.
 */
public final class Words {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final String[] keys;
    /** The words as written, cut once: the taggers ask for them many times. */
    private final String[] surfaces;

    private Words(String text, int[] starts, int[] ends, String[] keys, String[] surfaces) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.keys = keys;
        this.surfaces = surfaces;
    }

    public static Words of(String text) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        int[] starts = new int[16];
        int[] ends = new int[16];
        int count = 0;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                int start = i;
                while (i < n && isWordChar(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = start;
                ends[count] = i;
                count++;
            } else {
                if (cp == '&') {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                        ends = Arrays.copyOf(ends, count * 2);
                    }
                    starts[count] = i;
                    ends[count] = i + 1;
                    count++;
                }
                i += Character.charCount(cp);
            }
        }
        String[] keys = new String[count];
        String[] surfaces = new String[count];
        for (int w = 0; w < count; w++) {
            surfaces[w] = text.substring(starts[w], ends[w]);
            keys[w] = key(surfaces[w]);
        }
        return new Words(text, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), keys, surfaces);
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    /** The matching key of a word: lower case without accents; "&amp;" is "and". */
    public static String key(String word) {
        if (word.equals("&")) {
            return "and";
        }
        String lower = word.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        return ascii ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    public String text() {
        return text;
    }

    public int size() {
        return keys.length;
    }

    public int start(int word) {
        return starts[word];
    }

    public int end(int word) {
        return ends[word];
    }

    public String key(int word) {
        return keys[word];
    }

    public String surface(int word) {
        return surfaces[word];
    }

    /** The index of the first word that starts at or after the offset (size() when none does). */
    public int firstAtOrAfter(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * Whether the characters between two consecutive words may join them into one term: at most three of white
     * space (no line break), hyphens and dashes, dots, slashes and apostrophes.
     */
    public boolean joinable(int word) {
        int from = ends[word];
        int to = starts[word + 1];
        if (to - from > 3) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean ok = (Character.isWhitespace(c) && c != '\n' && c != '\r') || c == '\u00a0' || c == '\u202f'
                    || c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '.' || c == '/' || c == '\'' || c == '\u2019';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
