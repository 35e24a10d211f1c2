package io.outsight.enrich.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds headcounts: a number of people before a word for people ("1.2 million people", "300,000 employees",
 * "50,000 Filipino workers", "a 1.4 million-strong workforce", "10,000 jobs") or after "workforce of",
 * "headcount of", "employs" ("employs over 300,000"). Never throws; stateless and thread-safe.
 */
public final class HeadcountParser {
    private static final String SP = "[ \\t\\u00a0\\u202f]{1,3}";
    private static final String SCALE = "(?i:lakhs?|lacs?|million|mn|thousand|k)(?![\\p{L}])";
    private static final String PEOPLE = "(?i:people|persons|employees|workers|jobs|professionals|staff|staffers|agents|FTEs?"
            + "|full[ -]time (?:employees|equivalents|staff|jobs)|personnel|associates|engineers|consultants|workforce"
            + "|employment|recruits|hires|graduates|freshers)(?![\\p{L}])";
    private static final Pattern BEFORE = Pattern.compile(
            "(?<![\\p{L}\\d.,$€£₹])(?<n>" + MoneyParser.NUM + ")(?:[ \\u00a0\\-]{0,2}(?<m>" + SCALE + "))?[ \\u00a0\\-]{1,2}"
                    + "(?:strong" + SP + ")?(?:(?:new|more|additional|direct|full-time|[A-Z][a-z]+)" + SP + ")?" + PEOPLE);
    private static final Pattern AFTER = Pattern.compile(
            "(?i:workforce|headcount|staff strength|employee base|staff)" + SP + "(?i:of|at|to|stood at|stands at|reached|crossed|hit)"
                    + SP + "(?:(?i:over|more than|nearly|about|around|some|almost)" + SP + ")?(?<n>" + MoneyParser.NUM + ")"
                    + "(?:[ \\u00a0]{0,2}(?<m>" + SCALE + "))?");
    /** "employs 300,000": the verb says it is people. */
    private static final Pattern EMPLOYS = Pattern.compile(
            "(?i:employs|employing|employed|employ)" + SP + "(?:(?i:over|more than|nearly|about|around|some|almost)" + SP + ")?"
                    + "(?<n>" + MoneyParser.NUM + ")(?:[ \\u00a0]{0,2}(?<m>" + SCALE + "))?(?![\\d%])(?![ \\u00a0]*(?i:" + Multipliers.PATTERN + "|%|per))");
    /** "will hire 5,000 new agents": the verb needs a word for people after the number. */
    private static final Pattern HIRES = Pattern.compile(
            "(?i:hire|hires|hiring|hired|add|adds|adding|added|create|creates|creating|created|recruit|recruits|recruiting|recruited)" + SP
                    + "(?:(?i:over|more than|nearly|about|around|some|almost|up to)" + SP + ")?(?<n>" + MoneyParser.NUM + ")"
                    + "(?:[ \\u00a0]{0,2}(?<m>" + SCALE + "))?" + SP + "(?:(?:new|more|additional|direct|full-time|[A-Z][a-z]+)" + SP + ")?" + PEOPLE);

    /** The patterns with the characters their matches start with: a digit, or the first letter of a cue word. */
    static final java.util.Map<Pattern, AnchoredPattern> ANCHORED = java.util.Map.of(
            BEFORE, new AnchoredPattern(BEFORE, AnchoredPattern.NUMBER_START),
            AFTER, new AnchoredPattern(AFTER, AnchoredPattern.anyCase("whse")),
            EMPLOYS, new AnchoredPattern(EMPLOYS, AnchoredPattern.anyCase("e")),
            HIRES, new AnchoredPattern(HIRES, AnchoredPattern.anyCase("hacr")));

    private HeadcountParser() {}

    /**
     * Words of which every match of a pattern holds one (in lower case): a text without any cannot match, and
     * looking for them is much cheaper than running the pattern, which tries its alternatives at every character.
     */
    private static final java.util.Map<Pattern, List<String>> REQUIRED = java.util.Map.of(
            BEFORE, List.of("people", "person", "employ", "worker", "workforce", "job", "professional", "staff", "agent",
                    "fte", "full", "associate", "engineer", "consultant", "recruit", "hire", "graduate", "fresher"),
            AFTER, List.of("workforce", "headcount", "staff", "employee base"),
            EMPLOYS, List.of("employ"),
            HIRES, List.of("hir", "add", "creat", "recruit"));

    private static boolean mayMatch(Pattern p, String lower) {
        for (String word : REQUIRED.get(p)) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    public static List<Headcount> parse(String text) {
        return text == null ? new ArrayList<>() : parse(text, text.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@link #parse(String)} with the text in lower case ({@link java.util.Locale#ROOT}) at hand. */
    static List<Headcount> parse(String text, String lower) {
        List<Headcount> out = new ArrayList<>();
        for (Pattern p : List.of(BEFORE, AFTER, EMPLOYS, HIRES)) {
            if (!mayMatch(p, lower)) {
                continue;
            }
            AnchoredPattern anchored = ANCHORED.get(p);
            Matcher m = anchored.matcher(text);
            for (int from = 0; anchored.find(m, text, from); from = m.end()) {
                Double f = Multipliers.factor(m.group("m"));
                Double n = NumberParser.scaled(m.group("n"), f == null ? 1 : f);
                if (n == null) {
                    continue;
                }
                int start = m.start("n");
                int end = m.group("m") != null ? m.end("m") : m.end("n");
                if (p == BEFORE) {
                    end = m.end();
                }
                int s = start;
                int e = end;
                if (out.stream().anyMatch(h -> h.start() < e && s < h.end())) {
                    continue;
                }
                out.add(new Headcount(n, start, end));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Headcount::start));
        return out;
    }
}
