package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.TermFile;
import io.outsight.enrich.taxonomy.TermMatch;
import io.outsight.enrich.taxonomy.TermMatcher;
import io.outsight.enrich.taxonomy.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * People: the gazetteer of {@code people.terms}, then names of two to four capitalised words (initials allowed) that
 * a cue marks as a person: a title before ("Mr.", "Dr"), a role before ("CEO Jane Doe") or after
 * ("Jane Doe, chief executive of"), or a verb of speech ("said Jane Doe", "Jane Doe said"); then the name finder's
 * person spans (when the facade has a model). Later uses of a person's surname, or "Mr. Surname", refer to the
 * full name. Immutable and thread-safe.
 */
final class PersonTagger {
    static final double RULE_CONFIDENCE = 0.8;

    private final DictionaryTagger gazetteer;
    private final Set<String> titles;
    private final TermMatcher roles;
    private final TermMatcher speech;
    private final NameRules rules;
    private final Set<String> blocked;

    PersonTagger(TermFile people, TermFile organizations, NameRules rules) {
        this.gazetteer = new DictionaryTagger(EntityTypes.PERSON, people);
        this.titles = new HashSet<>(people.sets().get("titles"));
        this.roles = TermMatcher.ofPhrases(lower(people.sets().get("roles")), people.name());
        this.speech = TermMatcher.ofPhrases(people.sets().get("speech-verbs"), people.name());
        this.rules = rules;
        this.blocked = new HashSet<>();
        for (String set : List.of("name-suffixes", "legal-suffixes", "name-heads", "generic-words")) {
            blocked.addAll(organizations.sets().getOrDefault(set, List.of()));
        }
        blocked.addAll(people.sets().get("titles"));
    }

    /** Roles match in any case ("CEO", "Chief Executive", "chief executive"): AUTO on lower case means any. */
    private static List<String> lower(List<String> phrases) {
        List<String> out = new ArrayList<>();
        for (String p : phrases) {
            out.add(p);
            out.add(p.toLowerCase(java.util.Locale.ROOT));
        }
        return out.stream().distinct().toList();
    }

    List<Mention> tag(TaggingDocument doc, Section section, List<Mention> taken, List<Mention> modelSpans) {
        List<Mention> out = new ArrayList<>(gazetteer.tag(doc, section));
        Words words = section.words();
        List<TermMatch> roleHits = roles.findAll(words);
        List<TermMatch> speechHits = speech.findAll(words);
        Set<Integer> roleEnds = new HashSet<>();
        Set<Integer> roleStarts = new HashSet<>();
        for (TermMatch m : roleHits) {
            roleEnds.add(m.endWord());
            roleStarts.add(m.firstWord());
        }
        Set<Integer> speechEnds = new HashSet<>();
        Set<Integer> speechStarts = new HashSet<>();
        for (TermMatch m : speechHits) {
            speechEnds.add(m.endWord());
            speechStarts.add(m.firstWord());
        }
        for (int w = 0; w < words.size(); w++) {
            boolean titled = w > 0 && titles.contains(words.surface(w - 1)) && titleJoin(words, w - 1);
            int end = nameEnd(words, w, titled ? 1 : 2);
            if (end < 0) {
                continue;
            }
            boolean cue = titled
                    || (w > 0 && roleEnds.contains(w) && NameRules.spaced(words, w - 1))
                    || (w > 0 && speechEnds.contains(w))
                    || (end < words.size() && speechStarts.contains(end))
                    || roleAfterComma(words, end, roleStarts);
            if (cue) {
                Mention m = new Mention(EntityTypes.PERSON, NameRules.normalizeSpace(section.text().substring(words.start(w), words.end(end - 1))),
                        words.start(w), words.end(end - 1), RULE_CONFIDENCE, EntityTypes.RULE, null, section.isTitle());
                if (free(out, m) && free(taken, m)) {
                    out.add(m);
                }
                w = end - 1;
            }
        }
        for (Mention m : modelSpans) {
            if (free(out, m) && free(taken, m)) {
                out.add(m);
            }
        }
        surnames(section, out, taken);
        out.sort(Comparator.comparingInt(Mention::start));
        return out;
    }

    /** "Mr. " or "Dr " before a name. */
    private static boolean titleJoin(Words words, int title) {
        String between = words.text().substring(words.end(title), words.start(title + 1));
        return between.equals(" ") || between.equals(". ") || between.equals(".\u00a0") || between.equals("\u00a0");
    }

    /**
     * The end word of a name starting at w with at least {@code min} and at most four words (capitalised words and
     * initials), or -1.
     */
    private int nameEnd(Words words, int w, int min) {
        int end = w;
        while (end < words.size() && end - w < 4 && isPersonWord(words, end)) {
            if (end > w && !joinedInName(words, end - 1)) {
                break;
            }
            end++;
        }
        while (end > w && isInitial(words, end - 1)) {
            end--; // a name does not end with an initial
        }
        if (end - w < min || isInitial(words, w) && end - w < 2) {
            return -1;
        }
        return end;
    }

    private boolean isPersonWord(Words words, int w) {
        String s = words.surface(w);
        if (!rules.isNameWord(words, w) || blocked.contains(s) || s.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        // all-capital words are acronyms (IBM, CEO), except one-letter initials
        return s.length() == 1 || !s.chars().allMatch(c -> Character.isUpperCase(c));
    }

    private static boolean isInitial(Words words, int w) {
        return words.surface(w).length() == 1;
    }

    /** Between two words of a name: a space, a hyphen or apostrophe, or ". " after an initial. */
    private static boolean joinedInName(Words words, int w) {
        if (NameRules.spaced(words, w)) {
            return true;
        }
        String between = words.text().substring(words.end(w), words.start(w + 1));
        return words.surface(w).length() == 1 && (between.equals(". ") || between.equals("."));
    }

    /** ", chief executive of …" or ", a senior analyst at …" within a few words after the name. */
    private static boolean roleAfterComma(Words words, int end, Set<Integer> roleStarts) {
        if (end >= words.size() || end == 0) {
            return false;
        }
        String between = words.text().substring(words.end(end - 1), words.start(end));
        if (!between.startsWith(",")) {
            return false;
        }
        for (int k = end; k < Math.min(words.size(), end + 4); k++) {
            if (roleStarts.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean free(List<Mention> list, Mention m) {
        for (Mention o : list) {
            if (o.overlaps(m)) {
                return false;
            }
        }
        return true;
    }

    /** Later uses of a found person's surname (alone or after a title) refer to the full name. */
    private void surnames(Section section, List<Mention> out, List<Mention> taken) {
        Map<String, String> bySurname = new LinkedHashMap<>();
        for (Mention m : out) {
            Words name = Words.of(m.canonical());
            if (name.size() >= 2) {
                bySurname.putIfAbsent(name.surface(name.size() - 1), m.canonical());
            }
        }
        for (int i = 0; i < out.size(); i++) {
            Mention m = out.get(i);
            String full = bySurname.get(m.canonical());
            if (full != null && Words.of(m.canonical()).size() == 1) {
                out.set(i, new Mention(m.type(), full, m.start(), m.end(), m.confidence(), m.source(), m.kind(), m.inTitle()));
            }
        }
        Words words = section.words();
        for (int w = 0; w < words.size(); w++) {
            String canonical = bySurname.get(words.surface(w));
            if (canonical == null) {
                continue;
            }
            Mention m = new Mention(EntityTypes.PERSON, canonical, words.start(w), words.end(w), 0.7, EntityTypes.RULE,
                    null, section.isTitle());
            if (free(out, m) && free(taken, m)) {
                out.add(m);
            }
        }
    }
}
