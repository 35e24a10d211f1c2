package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.Words;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Word shapes and word lists shared by the organisation and person rules. Immutable and thread-safe.
 */
final class NameRules {
    /** Small words allowed inside a name between capitalised words ("Bank of America", "Procter &amp; Gamble"). */
    static final Set<String> CONNECTORS = Set.of("of", "and", "&", "for", "de", "du", "la", "del", "der", "van", "von", "da", "dos", "y", "the");

    private final Set<String> notNames;
    private final Set<String> generic;

    NameRules(List<String> notNames, List<String> generic) {
        this.notNames = new HashSet<>(notNames);
        this.generic = new HashSet<>(generic);
    }

    /** A word that can be part of a name: a capital or digit first, and not a sentence opener or the like. */
    boolean isNameWord(Words words, int w) {
        String s = words.surface(w);
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        return (Character.isUpperCase(first) || Character.isTitleCase(first)
                || (Character.isDigit(first) && s.chars().anyMatch(Character::isLetter)))
                && !notNames.contains(s);
    }

    boolean isNotName(Words words, int w) {
        return notNames.contains(words.surface(w));
    }

    boolean isGeneric(Words words, int w) {
        return generic.contains(words.surface(w));
    }

    /** A lower-case connector word, or "&amp;". */
    static boolean isConnector(Words words, int w) {
        String s = words.surface(w);
        return CONNECTORS.contains(s);
    }

    /** Whether words [from, to) hold a word that is neither generic nor a connector: a name needs one. */
    boolean hasDistinctiveWord(Words words, int from, int to) {
        for (int w = from; w < to; w++) {
            if (!isGeneric(words, w) && !isConnector(words, w) && isNameWord(words, w)) {
                return true;
            }
        }
        return false;
    }

    /** The text between two words holds only spaces (no punctuation, no line break). */
    static boolean spaced(Words words, int w) {
        String text = words.text();
        int from = words.end(w);
        int to = words.start(w + 1);
        if (to - from > 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\u00a0' && c != '-' && c != '\'' && c != '\u2019') {
                return false;
            }
        }
        return true;
    }

    /** Collapses runs of white space, for canonical names. */
    static String normalizeSpace(String s) {
        String stripped = s.strip();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r'
                    || c == ' ' && i + 1 < stripped.length() && stripped.charAt(i + 1) == ' ') {
                return SPACES.matcher(stripped).replaceAll(" ");
            }
        }
        return stripped; // nothing to collapse: the common case, without a regular expression
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
}
