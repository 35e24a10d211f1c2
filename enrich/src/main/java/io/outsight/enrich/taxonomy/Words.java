package io.outsight.enrich.taxonomy;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
    /**
     * The keys without a plural ending, cut once since every term matcher looks them up: [0] without "s", [1]
     * without "es"; null where {@link #pluralStem} says there is none.
     */
    private final @Nullable String[][] stems;

    private Words(String text, int[] starts, int[] ends, String[] keys, String[] surfaces) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.keys = keys;
        this.surfaces = surfaces;
        this.stems = new String[2][keys.length];
        for (int w = 0; w < keys.length; w++) {
            String key = keys[w];
            if (key.length() > 2 && surfaces[w].endsWith("s")) {
                stems[0][w] = key.substring(0, key.length() - 1);
                if (key.endsWith("es")) {
                    stems[1][w] = key.substring(0, key.length() - 2);
                }
            }
        }
    }

    public static Words of(String text) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        int[] starts = new int[Math.max(16, n / 5)];
        int[] ends = new int[starts.length];
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int cp = Character.isHighSurrogate(c) ? text.codePointAt(i) : c;
            boolean word = c < 128 ? ASCII_WORD[c] : isWordChar(cp);
            if (word || cp == '&') {
                int start = i;
                i += Character.charCount(cp);
                if (word) {
                    while (i < n) {
                        char d = text.charAt(i);
                        if (d < 128) {
                            if (!ASCII_WORD[d]) {
                                break;
                            }
                            i++;
                        } else {
                            int dp = Character.isHighSurrogate(d) ? text.codePointAt(i) : d;
                            if (!isWordChar(dp)) {
                                break;
                            }
                            i += Character.charCount(dp);
                        }
                    }
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = start;
                ends[count] = i;
                count++;
            } else {
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

    /** {@link #isWordChar} of the ASCII characters: letters and digits. */
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = isWordChar(c);
        }
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
        String lower = asciiLower(word);
        if (lower != null) {
            return lower;
        }
        lower = word.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        return ascii ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** The word in lower case when it is all ASCII (the word itself when it has no capital), else null. */
    private static @Nullable String asciiLower(String word) {
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 128) {
                return null;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper ? word.toLowerCase(Locale.ROOT) : word;
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

    /**
     * The word's key without a plural ending of {@code chars} characters (1: "s", 2: "es"), or null when the word
     * does not look plural that way: its key has more than two characters, it is written with a final "s", and for
     * 2 its key ends with "es".
     */
    public @Nullable String pluralStem(int word, int chars) {
        return stems[chars - 1][word];
    }

    /** The word index, made on first use (a benign race: two threads may both make it, with equal results). */
    private volatile @Nullable Index index;

    /** Where each key, and each key without a plural ending, stands in the text: for matchers with few terms. */
    Index index() {
        Index i = index;
        if (i == null) {
            i = new Index(this);
            index = i;
        }
        return i;
    }

    /** The words by key. Immutable once made. */
    static final class Index {
        /** For each key, and each plural stem ({@link #pluralStem}), the words that have it, in text order. */
        private final java.util.HashMap<String, Positions> words;
        /** The distinct keys, for the words that start with a prefix. */
        private final String[] keys;

        /** A growing list of word indices. */
        private static final class Positions {
            int[] at = new int[2];
            int size;

            void add(int w) {
                if (size == at.length) {
                    at = Arrays.copyOf(at, size * 2);
                }
                at[size++] = w;
            }
        }

        private Index(Words w) {
            words = new java.util.HashMap<>(w.size() * 2);
            String[] distinct = new String[w.size()];
            int n = 0;
            for (int i = 0; i < w.size(); i++) {
                Positions p = words.get(w.key(i));
                if (p == null) {
                    p = new Positions();
                    words.put(w.key(i), p);
                    distinct[n++] = w.key(i);
                }
                p.add(i);
                for (int strip = 1; strip <= 2; strip++) {
                    String stem = w.pluralStem(i, strip);
                    if (stem != null) {
                        words.computeIfAbsent(stem, k -> new Positions()).add(i);
                    }
                }
            }
            keys = Arrays.copyOf(distinct, n);
        }

        /** Marks the words whose key, or key without a plural ending, is the given one. */
        void mark(String key, boolean[] out) {
            Positions p = words.get(key);
            if (p != null) {
                for (int i = 0; i < p.size; i++) {
                    out[p.at[i]] = true;
                }
            }
        }

        /** Marks the words whose key starts with the prefix. */
        void markPrefix(String prefix, boolean[] out) {
            for (String key : keys) {
                if (key.startsWith(prefix)) {
                    mark(key, out);
                }
            }
        }
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
