package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.TermFile;
import io.outsight.enrich.taxonomy.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Organisations: the gazetteer of {@code organizations.terms}, then rules for names it does not list, then (when the
 * facade has one) the statistical name finder's organisation spans, each rule only where nothing earlier matched:
 * <ul>
 *   <li>suffix: capitalised words ending in a name suffix or legal form ("Grand View Research", "Acme Corp.");
 *   <li>head: "Ministry of Labour", "Reserve Bank of India";
 *   <li>acronym: an acronym in parentheses right after an organisation ("… Companies (NASSCOM)") names it too;
 *   <li>repeats: a name found once is found wherever else it, or its short form without the legal form, appears.
 * </ul>
 * A rule-found name needs one word that is not generic ("Financial Services" is no name).
 * Immutable and thread-safe.
 */
final class OrganizationTagger {
    private static final Pattern TRAILING_COMMAS = Pattern.compile("[,\\s]+$");
    private static final Pattern ACRONYM = Pattern.compile("\\G[ \\u00a0]{0,2}\\(([A-Z][A-Za-z0-9&]{1,9})\\)");
    static final double RULE_CONFIDENCE = 0.75;

    private final DictionaryTagger gazetteer;
    private final NameRules rules;
    private final Set<String> suffixes;
    private final Set<String> legalSuffixes;
    private final Set<String> heads;

    OrganizationTagger(TermFile organizations) {
        this.gazetteer = new DictionaryTagger(EntityTypes.ORGANIZATION, organizations);
        this.rules = new NameRules(organizations.sets().get("not-names"), organizations.sets().getOrDefault("generic-words", List.of()));
        this.legalSuffixes = words(organizations.sets().get("legal-suffixes"));
        this.suffixes = new HashSet<>(words(organizations.sets().get("name-suffixes")));
        this.suffixes.addAll(legalSuffixes);
        this.heads = words(organizations.sets().get("name-heads"));
    }

    NameRules rules() {
        return rules;
    }

    private static Set<String> words(List<String> phrases) {
        Set<String> out = new HashSet<>();
        for (String p : phrases) {
            Words w = Words.of(p);
            if (w.size() == 1) {
                out.add(w.surface(0));
            } else if (w.size() > 1) {
                // "S.A." and "N.V." are single legal forms written with dots: keep their letters joined
                StringBuilder joined = new StringBuilder();
                for (int i = 0; i < w.size(); i++) {
                    joined.append(w.surface(i));
                }
                out.add(joined.toString());
            }
        }
        return out;
    }

    /**
     * Organisation mentions of a section. {@code modelSpans} are the name finder's organisation spans (empty without
     * a model); they count only where the gazetteer and the rules found nothing.
     */
    /**
     * @param modelSpans the name finder's organisation spans, or none
     * @param others the mentions of the other taggers (people included): the context rule leaves them alone
     * @param context whether to apply the context rule (off in the first pass, before people are known)
     */
    List<Mention> tag(TaggingDocument doc, Section section, List<Mention> modelSpans, List<Mention> others, boolean context) {
        List<Mention> out = new ArrayList<>(doc.found(gazetteer, section));
        Words words = section.words();
        int floor = 0;
        for (int w = 0; w < words.size(); w++) {
            int[] span = suffixRule(words, w, floor);
            if (span == null) {
                span = headRule(words, w);
            }
            if (span != null) {
                addIfFree(out, ruleMention(section, words, span[0], span[1]));
                w = span[1] - 1;
                floor = span[1];
            }
        }
        if (context) {
            contextRule(section, out, others);
        }
        acronyms(section, out);
        repeats(section, out);
        for (Mention m : modelSpans) {
            addIfFree(out, m);
        }
        out.sort(Comparator.comparingInt(Mention::start));
        return out;
    }

    /** [first, end) words of a suffix-rule name whose suffix is word w and which starts at floor or later, or null. */
    private int @Nullable [] suffixRule(Words words, int w, int floor) {
        if (!suffixes.contains(words.surface(w)) || w == 0) {
            return null;
        }
        int first = w;
        while (first > floor && NameRules.spaced(words, first - 1)) {
            int prev = first - 1;
            if (rules.isNameWord(words, prev)) {
                first = prev;
            } else if (NameRules.isConnector(words, prev) && prev > floor && NameRules.spaced(words, prev - 1)
                    && rules.isNameWord(words, prev - 1) && !words.surface(prev).equals("the")
                    && !words.surface(prev).equals("and")) {
                first = prev - 1;
            } else {
                break;
            }
        }
        if (first == w) {
            return null;
        }
        int end = w + 1;
        while (end < words.size() && NameRules.spaced(words, end - 1) && suffixes.contains(words.surface(end))) {
            end++;
        }
        // ", Inc." after the name belongs to it
        if (end < words.size() && legalSuffixes.contains(words.surface(end))
                && words.text().substring(words.end(end - 1), words.start(end)).equals(", ")) {
            end++;
        }
        if (!rules.hasDistinctiveWord(words, first, w)) {
            return null;
        }
        return new int[] {first, end};
    }

    /** [first, end) words of "Ministry of Labour" or "Reserve Bank of India" around head word w, or null. */
    private int @Nullable [] headRule(Words words, int w) {
        if (!heads.contains(words.surface(w)) || w + 2 >= words.size() || !words.surface(w + 1).equals("of")
                || !NameRules.spaced(words, w) || !NameRules.spaced(words, w + 1)) {
            return null;
        }
        int end = w + 2;
        if (words.surface(end).equals("the") && end + 1 < words.size() && NameRules.spaced(words, end)) {
            end++;
        }
        if (!rules.isNameWord(words, end)) {
            return null;
        }
        end++;
        while (end < words.size() && NameRules.spaced(words, end - 1)) {
            if (rules.isNameWord(words, end)) {
                end++;
            } else if (NameRules.isConnector(words, end) && end + 1 < words.size() && NameRules.spaced(words, end)
                    && rules.isNameWord(words, end + 1)) {
                end += 2;
            } else {
                break;
            }
        }
        int first = w;
        while (first > 0 && NameRules.spaced(words, first - 1) && rules.isNameWord(words, first - 1)) {
            first--;
        }
        return new int[] {first, end};
    }

    private Mention ruleMention(Section section, Words words, int first, int end) {
        int start = words.start(first);
        int stop = words.end(end - 1);
        String text = section.text();
        if (legalSuffixes.contains(words.surface(end - 1)) && stop < text.length() && text.charAt(stop) == '.'
                && words.surface(end - 1).length() <= 4) {
            stop++; // "Corp." keeps its dot
        }
        return new Mention(EntityTypes.ORGANIZATION, canonical(words, first, end), start, stop, RULE_CONFIDENCE,
                EntityTypes.RULE, null, section.isTitle());
    }

    /** The name without its legal form: "Acme Corp." is "Acme". */
    private String canonical(Words words, int first, int end) {
        int last = end;
        while (last - 1 > first && legalSuffixes.contains(words.surface(last - 1))) {
            last--;
        }
        String s = words.text().substring(words.start(first), words.end(last - 1));
        s = TRAILING_COMMAS.matcher(s).replaceAll("");
        return NameRules.normalizeSpace(s);
    }

    private static void addIfFree(List<Mention> out, Mention m) {
        for (Mention o : out) {
            if (o.overlaps(m)) {
                return;
            }
        }
        out.add(m);
    }

    /** A cue before the name: "rival Zenlytix", "shares of Vertiqa", "clients such as Walmart and Unilever". */
    private static final List<String> CUES_BEFORE = List.of(
            "company", "firm", "provider", "vendor", "rival", "start-up", "startup", "outsourcer", "subsidiary",
            "client", "clients", "customer", "customers", "operator", "giant", "major", "conglomerate", "insurer",
            "retailer", "carrier", "lender", "specialist", "player", "peer", "acquirer", "parent", "shares of",
            "stake in", "acquisition of", "acquired by", "announced by", "owned by", "backed by", "run by",
            "operated by", "merger with", "deal with", "contract with", "contract from", "partnership with",
            "partnered with", "clients such as", "customers such as", "providers such as", "vendors such as",
            "firms such as", "companies such as", "rivals such as", "players such as", "executives of",
            "executives from", "employees of", "staff of", "chief executive of", "CEO of", "founder of",
            "clients of");
    static final Pattern CUE_BEFORE = Pattern.compile("(?i)(?:\\b(?:" + String.join("|", CUES_BEFORE) + ")|(?<=such as)) $");
    /** The last words of the cues before a name, in lower case: the cheap test that most text fails. */
    private static final Set<String> CUE_BEFORE_LAST_WORDS = lastWords(CUES_BEFORE);

    private static Set<String> lastWords(List<String> phrases) {
        Set<String> out = new HashSet<>(List.of("as")); // "such as"
        for (String p : phrases) {
            out.add(trailingLetters(p, p.length()).toLowerCase(java.util.Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** The ASCII letters that end s before the offset: "up" for "start-up", "firm" for "(firm". */
    private static String trailingLetters(String s, int end) {
        int from = end;
        while (from > 0 && (s.charAt(from - 1) | 0x20) >= 'a' && (s.charAt(from - 1) | 0x20) <= 'z') {
            from--;
        }
        return s.substring(from, end);
    }

    /**
     * Whether the text before a name ends with a cue and one space: what {@link #CUE_BEFORE} says, after a cheap
     * test that most text fails (the last word must be the last word of a cue).
     */
    static boolean cueBefore(String before) {
        int end = before.length() - 1;
        if (end < 1 || before.charAt(end) != ' '
                || !CUE_BEFORE_LAST_WORDS.contains(trailingLetters(before, end).toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        return endsWithCue(before);
    }

    /**
     * For a text that ends with a space: what {@link #CUE_BEFORE} finds, without trying its alternatives at every
     * character: a cue (ASCII letters in any case, after a word boundary) or "such as" right before that space.
     */
    static boolean endsWithCue(String before) {
        int end = before.length() - 1;
        if (endsWithIgnoreCase(before, end, "such as")) {
            return true;
        }
        for (String cue : CUES_BEFORE) {
            int from = end - cue.length();
            if (from >= 0 && endsWithIgnoreCase(before, end, cue) && (from == 0 || !isRegexWordChar(before.charAt(from - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether s[0, end) ends with the ASCII text, letters compared without case as {@code (?i)} does. */
    private static boolean endsWithIgnoreCase(String s, int end, String ascii) {
        int from = end - ascii.length();
        if (from < 0) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            char a = s.charAt(from + i);
            char b = ascii.charAt(i);
            if (a != b && !(isAsciiLetter(a) && (a | 0x20) == (b | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    /** A word character for {@code \b} (ASCII, as in Java 19 and later without UNICODE_CHARACTER_CLASS). */
    private static boolean isRegexWordChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_';
    }

    /** A corporate verb after the name: "Zenlytix signed", "Vertiqa has won". */
    private static final Pattern CUE_AFTER = Pattern.compile("^(?: (?:has |have |had |will |would |also |recently |last year |on \\w+ )?"
            + "(?:announced|reported|posted|signed|won|acquired|opened|launched|unveiled|hired|expanded|employs|operates|raised"
            + "|bought|agreed|intends|delivered|recorded|booked|clinched|bagged|secured|filed|listed|shed|laid off|cut \\d)"
            + "|(?:'s|’s) (?:revenue|revenues|shares|stock|profit|profits|clients|employees|workforce|headcount|chief executive|CEO|board|subsidiary|unit))\\b");
    /** The words that can follow the space that opens {@link #CUE_AFTER}: an auxiliary or adverb, or a verb's first word. */
    private static final Set<String> CUE_AFTER_FIRST_WORDS = Set.of("has", "have", "had", "will", "would", "also", "recently",
            "last", "on", "announced", "reported", "posted", "signed", "won", "acquired", "opened", "launched", "unveiled",
            "hired", "expanded", "employs", "operates", "raised", "bought", "agreed", "intends", "delivered", "recorded",
            "booked", "clinched", "bagged", "secured", "filed", "listed", "shed", "laid", "cut");

    /**
     * Whether the text after a name starts with a corporate verb or an appositive ({@link #CUE_AFTER},
     * {@link #APPOSITIVE}). The patterns run only where their first word is there: most names are followed by
     * something else, and the verb pattern has dozens of alternatives to try.
     */
    private static boolean cueAfter(String after) {
        if (after.isEmpty()) {
            return false;
        }
        char c = after.charAt(0);
        if (c == ' ') {
            int end = 1;
            while (end < after.length() && (after.charAt(end) | 0x20) >= 'a' && (after.charAt(end) | 0x20) <= 'z') {
                end++;
            }
            return CUE_AFTER_FIRST_WORDS.contains(after.substring(1, end)) && CUE_AFTER.matcher(after).lookingAt();
        }
        if (c == '\'' || c == '’') {
            return CUE_AFTER.matcher(after).lookingAt();
        }
        if (c == ',') {
            return (after.startsWith(", a ") || after.startsWith(", an ") || after.startsWith(", the "))
                    && APPOSITIVE.matcher(after).lookingAt();
        }
        return false;
    }

    /** An appositive after the name: "Zenlytix, a Bengaluru start-up". */
    private static final Pattern APPOSITIVE = Pattern.compile("^, (?:a|an|the) (?:[\\p{L}-]+ ){0,4}?(?:company|firm|provider|start-up|startup"
            + "|outsourcer|vendor|subsidiary|unit|operator|specialist|consultancy|maker|developer|bank|insurer|retailer|player"
            + "|group|conglomerate|lender|carrier|agency|outsourcing|BPO)\\b");

    /**
     * Names that the context marks as organisations: one to three capitalised words (proper nouns, see
     * {@link #properNoun}) that no other tagger claimed, with a cue before or after them. A list after a cue
     * ("such as Walmart and Unilever") counts whole. Parts of speech are asked for only where a cue is near, since
     * tagging them is the costly part.
     */
    private void contextRule(Section section, List<Mention> out, List<Mention> others) {
        List<Mention> found = new ArrayList<>();
        Words words = section.words();
        String text = section.text();
        for (int w = 0; w < words.size(); w++) {
            int run = w;
            while (run < words.size() && run - w < 3 && rules.isNameWord(words, run)
                    && (run == w || NameRules.spaced(words, run - 1))) {
                run++;
            }
            if (run == w) {
                continue;
            }
            int start = words.start(w);
            if (!cueNear(text, words, w, run, found)) {
                // No cue before or after any name these words could form: nothing is found here, whatever their
                // parts of speech (which are made only where a cue makes them matter, see Section).
                w = run - 1;
                continue;
            }
            int end = w;
            while (end < run && properNoun(section, words, end)) {
                end++;
            }
            if (end == w) {
                continue;
            }
            int stop = words.end(end - 1);
            Mention candidate = new Mention(EntityTypes.ORGANIZATION, NameRules.normalizeSpace(text.substring(start, stop)),
                    start, stop, 0.7, EntityTypes.RULE, null, section.isTitle());
            boolean claimed = others.stream().anyMatch(o -> o.overlaps(candidate)) || out.stream().anyMatch(o -> o.overlaps(candidate));
            if (claimed || !rules.hasDistinctiveWord(words, w, end)) {
                w = end - 1;
                continue;
            }
            String before = text.substring(Math.max(0, start - 40), start);
            String after = text.substring(stop, Math.min(text.length(), stop + 60));
            if (cueBefore(before) || cueAfter(after) || inListAfterCue(found, text, start)) {
                out.add(candidate);
                found.add(candidate);
            }
            w = end - 1;
        }
    }

    /** Whether a cue before words [w, run) or after any of their first one to three words could mark a name. */
    private static boolean cueNear(String text, Words words, int w, int run, List<Mention> found) {
        int start = words.start(w);
        if (cueBefore(text.substring(Math.max(0, start - 40), start)) || inListAfterCue(found, text, start)) {
            return true;
        }
        for (int k = w; k < run; k++) {
            int stop = words.end(k);
            String after = text.substring(stop, Math.min(text.length(), stop + 60));
            if (cueAfter(after)) {
                return true;
            }
        }
        return false;
    }

    /** "such as Walmart and Unilever": a name joined by "and" or a comma to a name this rule just found. */
    private static boolean inListAfterCue(List<Mention> out, String text, int start) {
        for (Mention m : out) {
            if (m.end() <= start && start - m.end() <= 6) {
                String between = text.substring(m.end(), start);
                if (between.equals(" and ") || between.equals(", ") || between.equals(" & ") || between.equals(", and ")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A proper noun by the POS tags (a capitalised common noun counts too, except as the first word of a sentence,
     * where capitals say nothing); any capitalised word where the pipeline made no tags. When the section tags on
     * demand ({@link Section#posOnDemand()}), only a sentence's first word is tagged: elsewhere the capital decides,
     * which scores the same on the tagging evaluation at a fraction of the cost.
     */
    private static boolean properNoun(Section section, Words words, int w) {
        var tokens = section.analyzed().tokens();
        int i = section.analyzed().tokenIndexAt(words.start(w));
        if (i < 0) {
            return true;
        }
        var t = tokens.get(i);
        boolean first = i == 0 || tokens.get(i - 1).sentence() != t.sentence()
                || "\"“‘':(".contains(tokens.get(i - 1).text());
        if (!first && section.posOnDemand()) {
            return true; // inside a sentence a capital marks a name well enough: tag parts of speech only for openers
        }
        String pos = section.posOf(i);
        if (pos == null || pos.startsWith("PROPN") || pos.startsWith("X")) {
            return true;
        }
        return pos.startsWith("NOUN") && !first;
    }

    /** "(ACR)" right after an organisation names the same organisation; then every use of ACR does. */
    private void acronyms(Section section, List<Mention> out) {
        String text = section.text();
        Map<String, Mention> defined = new LinkedHashMap<>();
        Matcher matcher = ACRONYM.matcher(text);
        for (Mention m : List.copyOf(out)) {
            // the acronym must start right at the end of the name: a match anchored there, not a search of the rest
            if (m.end() <= text.length() && matcher.region(m.end(), text.length()).lookingAt()) {
                defined.putIfAbsent(matcher.group(1), m);
            }
        }
        Words words = section.words();
        for (var e : defined.entrySet()) {
            for (int w : section.wordsWritten(e.getKey())) {
                Mention m = e.getValue();
                addIfFree(out, new Mention(EntityTypes.ORGANIZATION, m.canonical(), words.start(w), words.end(w),
                        Math.min(m.confidence(), 0.9), EntityTypes.RULE, m.kind(), section.isTitle()));
            }
        }
    }

    /** Other occurrences of names that rules or the model found, and of their short forms. */
    private void repeats(Section section, List<Mention> out) {
        Map<String, Mention> names = new LinkedHashMap<>();
        for (Mention m : out) {
            if (!m.source().equals(EntityTypes.DICTIONARY)) {
                names.putIfAbsent(section.text().substring(m.start(), m.end()), m);
                names.putIfAbsent(m.canonical(), m);
            }
        }
        for (var e : names.entrySet()) {
            Words name = Words.of(e.getKey());
            if (name.size() == 0 || (name.size() == 1 && e.getKey().length() < 3)) {
                continue;
            }
            Words words = section.words();
            outer:
            for (int w : section.wordsWritten(name.surface(0))) {
                if (w + name.size() > words.size()) {
                    break;
                }
                for (int k = 1; k < name.size(); k++) {
                    if (!words.surface(w + k).equals(name.surface(k)) || !words.joinable(w + k - 1)) {
                        continue outer;
                    }
                }
                int end = w + name.size();
                // a repeat must not be the start of a longer capitalised name
                if (end < words.size() && NameRules.spaced(words, end - 1) && rules.isNameWord(words, end)
                        && !suffixes.contains(words.surface(end))) {
                    continue;
                }
                Mention m = e.getValue();
                addIfFree(out, new Mention(EntityTypes.ORGANIZATION, m.canonical(), words.start(w), words.end(end - 1),
                        m.confidence(), m.source(), m.kind(), section.isTitle()));
            }
        }
    }
}
