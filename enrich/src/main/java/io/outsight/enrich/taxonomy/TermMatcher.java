package io.outsight.enrich.taxonomy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the terms of a list of {@link TermEntry entries} in a text, word by word through a trie: case-insensitive
 * keys, accents ignored, words joined by spaces, hyphens, dots or slashes (see {@link Words#joinable}), a plural
 * "s"/"es" accepted on the last word, and a term ending in "*" matching any word that starts with its last word.
 * Letter case is then checked per {@link CaseMode}. Immutable and thread-safe.
 */
public final class TermMatcher {
    private final Node root = new Node();
    private final int size;

    private TermMatcher(List<TermEntry> entries) {
        int n = 0;
        for (TermEntry entry : entries) {
            if (add(entry)) {
                n++;
            }
        }
        size = n;
    }

    /** A matcher over the entries; entries whose term has no word are ignored. */
    public static TermMatcher of(List<TermEntry> entries) {
        return new TermMatcher(entries);
    }

    /** A matcher for plain cue phrases (case as {@link CaseMode#AUTO}, plurals accepted). */
    public static TermMatcher ofPhrases(List<String> phrases, String origin) {
        List<TermEntry> entries = new ArrayList<>();
        for (String phrase : phrases) {
            entries.add(new TermEntry(List.of(phrase), phrase, CaseMode.AUTO, true, Conditions.NONE, 1.0, null, origin));
        }
        return new TermMatcher(entries);
    }

    /** The number of usable terms. */
    public int size() {
        return size;
    }

    /** Whether the term has at least one word, so that it can match. */
    public static boolean matchable(String term) {
        String t = term.endsWith("*") ? term.substring(0, term.length() - 1) : term;
        return Words.of(t).size() > 0;
    }

    private boolean add(TermEntry entry) {
        String term = entry.term().strip();
        boolean prefix = term.endsWith("*");
        if (prefix) {
            term = term.substring(0, term.length() - 1);
        }
        Words words = Words.of(term);
        if (words.size() == 0) {
            return false;
        }
        Compiled compiled = new Compiled(entry, new String[words.size()], new CaseMode[words.size()], prefix);
        for (int i = 0; i < words.size(); i++) {
            String written = words.surface(i);
            compiled.written[i] = written;
            compiled.modes[i] = entry.caseMode() == CaseMode.AUTO ? autoMode(written) : entry.caseMode();
        }
        Node node = root;
        int last = words.size() - 1;
        for (int i = 0; i < last; i++) {
            node = node.children.computeIfAbsent(words.key(i), k -> new Node());
        }
        if (prefix) {
            node.prefixes.add(new Prefix(words.key(last), compiled));
        } else {
            node.children.computeIfAbsent(words.key(last), k -> new Node()).ends.add(compiled);
        }
        return true;
    }

    /** AUTO resolved for one written word: EXACT for capitals, an internal marker for a capital initial, else ANY. */
    private static CaseMode autoMode(String written) {
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
        }
        if (upper >= 2 && lower == 0) {
            return CaseMode.EXACT;
        }
        if (!written.isEmpty() && Character.isUpperCase(written.charAt(0))) {
            return CaseMode.AUTO; // stands for "capital initial required"
        }
        return CaseMode.ANY;
    }

    /**
     * Every match in the text, in order of start, longest first at equal start; overlapping matches are all
     * reported (see {@link #select}).
     */
    public List<TermMatch> findAll(Words words) {
        return findAll(words, (root.children.size() + root.prefixes.size()) * INDEX_RATIO < words.size());
    }

    /** {@link #findAll(Words)}, looking the first words up in the text's index or trying every word (for tests). */
    List<TermMatch> findAll(Words words, boolean byIndex) {
        List<TermMatch> out = new ArrayList<>();
        int n = words.size();
        if (byIndex) {
            // Few first words (a list of cue phrases) in a long text: look them up in the text's word index rather
            // than trying every word of the text; the same words are walked, in the same order.
            for (int i : firstWordCandidates(words)) {
                walk(words, i, out);
            }
        } else {
            for (int i = 0; i < n; i++) {
                walk(words, i, out);
            }
        }
        return finish(words, out);
    }

    /** A matcher whose trie has fewer first words than the text's words over this looks them up in the text. */
    private static final int INDEX_RATIO = 8;

    /**
     * The words where a match can start, in text order: those whose key, or key without a plural ending, is a first
     * word of a term, and those whose key starts with the first word of a prefix term ("outsourc*").
     */
    private int[] firstWordCandidates(Words words) {
        Words.Index index = words.index();
        boolean[] at = new boolean[words.size()];
        for (String key : root.children.keySet()) {
            index.mark(key, at);
        }
        for (Prefix p : root.prefixes) {
            index.markPrefix(p.key, at);
        }
        int count = 0;
        for (boolean b : at) {
            count += b ? 1 : 0;
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < at.length; i++) {
            if (at[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Every match that starts at word i, added to {@code out} in the order of the full scan. */
    private void walk(Words words, int i, List<TermMatch> out) {
        int n = words.size();
        {
            Node node = root;
            int j = i;
            while (node != null && j < n) {
                if (j > i && !words.joinable(j - 1)) {
                    break;
                }
                String key = words.key(j);
                String surface = words.surface(j);
                for (int k = 0, prefixes = node.prefixes.size(); k < prefixes; k++) {
                    Prefix p = node.prefixes.get(k);
                    if (key.startsWith(p.key) && caseOk(p.compiled, p.compiled.written.length - 1, surface, 0)) {
                        out.add(new TermMatch(i, j + 1, words.start(i), words.end(j), p.compiled.entry));
                    }
                }
                Node next = node.children.get(key);
                if (next != null) {
                    for (Compiled c : next.ends) {
                        if (allCaseOk(c, words, i, j, 0)) {
                            out.add(new TermMatch(i, j + 1, words.start(i), words.end(j), c.entry));
                        }
                    }
                }
                if (words.pluralStem(j, 1) != null) {
                    // plural on the last word: "centres" -> "centre", "BPOs" -> "BPO", "processes" -> "process"
                    for (int strip = 1; strip <= 2; strip++) {
                        String stem = words.pluralStem(j, strip);
                        if (stem == null) {
                            break;
                        }
                        Node plural = node.children.get(stem);
                        if (plural == null) {
                            continue;
                        }
                        for (Compiled c : plural.ends) {
                            if (c.entry.plural() && allCaseOk(c, words, i, j, strip)) {
                                out.add(new TermMatch(i, j + 1, words.start(i), words.end(j), c.entry));
                            }
                        }
                    }
                }
                node = next;
                j++;
            }
        }
    }

    private static List<TermMatch> finish(Words words, List<TermMatch> out) {
        for (int k = 0; k < out.size(); k++) {
            // "U.S." and "Inc." keep their final dot when the term is written with it.
            TermMatch m = out.get(k);
            if (m.entry().term().endsWith(".") && m.end() < words.text().length() && words.text().charAt(m.end()) == '.') {
                out.set(k, new TermMatch(m.firstWord(), m.endWord(), m.start(), m.end() + 1, m.entry()));
            }
        }
        out.sort(Comparator.comparingInt(TermMatch::start).thenComparing(Comparator.comparingInt(TermMatch::end).reversed()));
        return out;
    }

    /**
     * Leftmost-longest selection: scanning from the left, keeps the longest match that the filter accepts at each
     * start and skips the text it covers. Among accepted matches with the same span, the earliest entry wins.
     */
    public static List<TermMatch> select(List<TermMatch> sorted, Predicate<TermMatch> accept) {
        List<TermMatch> out = new ArrayList<>();
        int covered = -1;
        for (TermMatch m : sorted) {
            if (m.start() < covered) {
                continue;
            }
            if (accept.test(m)) {
                out.add(m);
                covered = m.end();
            }
        }
        return out;
    }

    /** All matches in the text that the filter accepts, leftmost-longest (see {@link #select}). */
    public List<TermMatch> find(Words words, Predicate<TermMatch> accept) {
        return select(findAll(words), accept);
    }

    private static boolean allCaseOk(Compiled c, Words words, int first, int last, int pluralChars) {
        for (int w = first; w <= last; w++) {
            if (!caseOk(c, w - first, words.surface(w), w == last ? pluralChars : 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean caseOk(Compiled c, int index, String surface, int pluralChars) {
        CaseMode mode = c.modes[index];
        String written = c.written[index];
        return switch (mode) {
            case ANY -> true;
            case EXACT -> (surface.length() - pluralChars == written.length() && surface.startsWith(written))
                    || (c.prefix && index == c.written.length - 1 && surface.startsWith(written));
            case AUTO -> Character.isUpperCase(surface.charAt(0));
        };
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Compiled> ends = new ArrayList<>(1);
        final List<Prefix> prefixes = new ArrayList<>(0);
    }

    private record Compiled(TermEntry entry, String[] written, CaseMode[] modes, boolean prefix) {}

    private record Prefix(String key, Compiled compiled) {}
}
