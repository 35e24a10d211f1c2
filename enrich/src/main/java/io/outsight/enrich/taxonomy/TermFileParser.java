package io.outsight.enrich.taxonomy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the term file format of docs/taxonomy.md:
 *
 * <pre>
 * # a comment line
 * &#64;code BPO Business process outsourcing       declares a canonical code and its label
 * &#64;set outsourcing: outsourc*, offshor*, vendor  a named phrase list, used as &#64;outsourcing in rules
 * BPO | business process outsourcing             canonical | term
 * ITO+BPO | IT-BPM                               several canonical values
 * RPO | RPO | if: &#64;outsourcing; unless: disaster recovery, RTO
 * </pre>
 *
 * Options after the second bar, separated by ";": {@code if}, {@code if-doc}, {@code unless}, {@code unless-doc}
 * (comma-separated phrases or &#64;sets), {@code case} (auto, exact, any), {@code plural} (yes, no),
 * {@code confidence} (0..1). Every problem is collected with its line number and reported at once in a
 * {@link TaxonomyException}. Not thread-safe; use one per file.
 */
public final class TermFileParser {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern SET_NAME = Pattern.compile("[a-z0-9_\\-]+");
    private static final Set<String> OPTIONS = Set.of("if", "if-doc", "unless", "unless-doc", "case", "plural", "confidence", "kind");

    private final String name;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> codes = new LinkedHashMap<>();
    private final Map<String, List<String>> sets = new LinkedHashMap<>();
    private final List<TermEntry> entries = new ArrayList<>();
    private final Map<List<String>, TermMatcher> cueMatchers = new java.util.HashMap<>();

    private TermFileParser(String name) {
        this.name = name;
    }

    /** Parses a whole file; throws {@link TaxonomyException} listing every problem when it has any. */
    public static TermFile parse(String name, Reader reader) {
        TermFileParser parser = new TermFileParser(name);
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read term file " + name, e);
        }
        // Sets first, so that a rule may use a set declared further down.
        for (int i = 0; i < lines.size(); i++) {
            String line = strip(lines.get(i));
            if (line.startsWith("@set")) {
                parser.parseSet(line, i + 1);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = strip(lines.get(i));
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("@set")) {
                continue;
            }
            if (line.startsWith("@code")) {
                parser.parseCode(line, i + 1);
            } else if (line.startsWith("@")) {
                parser.problem(i + 1, "unknown directive '" + line.split("\\s+")[0] + "' (known: @code, @set)");
            } else {
                parser.parseEntry(line, i + 1);
            }
        }
        if (!parser.problems.isEmpty()) {
            throw new TaxonomyException(parser.problems);
        }
        return new TermFile(name, parser.codes, parser.sets, parser.entries);
    }

    private static String strip(String line) {
        return line.replace('\uFEFF', ' ').strip();
    }

    private void problem(int line, String message) {
        problems.add(name + ":" + line + ": " + message);
    }

    private void parseCode(String line, int number) {
        String[] parts = line.substring("@code".length()).strip().split("\\s+", 2);
        if (parts[0].isEmpty() || !CODE.matcher(parts[0]).matches()) {
            problem(number, "@code needs a code of letters, digits, '_', '.' or '-', then a label");
            return;
        }
        if (codes.containsKey(parts[0])) {
            problem(number, "code " + parts[0] + " declared twice");
        }
        codes.put(parts[0], parts.length > 1 ? parts[1].strip() : parts[0]);
    }

    private void parseSet(String line, int number) {
        String rest = line.substring("@set".length()).strip();
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            problem(number, "@set needs a name, a colon and comma-separated phrases");
            return;
        }
        String setName = rest.substring(0, colon).strip();
        if (!SET_NAME.matcher(setName).matches()) {
            problem(number, "set name '" + setName + "' must be lower-case letters, digits, '_' or '-'");
            return;
        }
        List<String> phrases = sets.computeIfAbsent(setName, k -> new ArrayList<>());
        for (String phrase : rest.substring(colon + 1).split(",")) {
            phrase = phrase.strip();
            if (phrase.isEmpty()) {
                continue;
            }
            if (phrase.startsWith("@")) {
                problem(number, "a set cannot include another set (" + phrase + ")");
            } else if (!TermMatcher.matchable(phrase)) {
                problem(number, "phrase '" + phrase + "' has no letter or digit");
            } else {
                phrases.add(phrase);
            }
        }
    }

    private void parseEntry(String line, int number) {
        String[] columns = line.split("\\|", -1);
        if (columns.length < 2 || columns.length > 3) {
            problem(number, "expected 'canonical | term' or 'canonical | term | options', found " + columns.length
                    + " column(s)");
            return;
        }
        String canonicalColumn = columns[0].strip();
        String term = columns[1].strip();
        List<String> canonicals = new ArrayList<>();
        for (String c : canonicalColumn.equals(TermEntry.STOP) ? new String[] {TermEntry.STOP} : canonicalColumn.split("\\+")) {
            c = c.strip();
            if (c.isEmpty()) {
                problem(number, "empty canonical value in '" + canonicalColumn + "'");
                return;
            }
            canonicals.add(c);
        }
        if (term.isEmpty()) {
            problem(number, "empty term");
            return;
        }
        if (!TermMatcher.matchable(term)) {
            problem(number, "term '" + term + "' has no letter or digit, so it can never match");
            return;
        }
        CaseMode caseMode = CaseMode.AUTO;
        boolean plural = true;
        double confidence = 1.0;
        String kind = null;
        List<String> ifNear = null;
        List<String> ifDoc = null;
        List<String> unlessNear = null;
        List<String> unlessDoc = null;
        if (columns.length == 3 && !columns[2].isBlank()) {
            for (String option : columns[2].split(";")) {
                option = option.strip();
                if (option.isEmpty()) {
                    continue;
                }
                int colon = option.indexOf(':');
                if (colon < 0) {
                    problem(number, "option '" + option + "' needs 'name: value'");
                    continue;
                }
                String key = option.substring(0, colon).strip();
                String value = option.substring(colon + 1).strip();
                if (!OPTIONS.contains(key)) {
                    problem(number, "unknown option '" + key + "' (known: " + String.join(", ", OPTIONS.stream().sorted().toList()) + ")");
                    continue;
                }
                switch (key) {
                    case "case" -> {
                        switch (value) {
                            case "auto" -> caseMode = CaseMode.AUTO;
                            case "exact" -> caseMode = CaseMode.EXACT;
                            case "any" -> caseMode = CaseMode.ANY;
                            default -> problem(number, "case must be auto, exact or any, not '" + value + "'");
                        }
                    }
                    case "plural" -> {
                        if (value.equals("yes") || value.equals("no")) {
                            plural = value.equals("yes");
                        } else {
                            problem(number, "plural must be yes or no, not '" + value + "'");
                        }
                    }
                    case "confidence" -> {
                        try {
                            confidence = Double.parseDouble(value);
                            if (!(confidence > 0 && confidence <= 1)) {
                                problem(number, "confidence must be in (0, 1], not " + value);
                                confidence = 1.0;
                            }
                        } catch (NumberFormatException e) {
                            problem(number, "confidence must be a number, not '" + value + "'");
                        }
                    }
                    case "kind" -> kind = value.isEmpty() ? null : value;
                    case "if" -> ifNear = phrases(value, number, key);
                    case "if-doc" -> ifDoc = phrases(value, number, key);
                    case "unless" -> unlessNear = phrases(value, number, key);
                    case "unless-doc" -> unlessDoc = phrases(value, number, key);
                    default -> throw new IllegalStateException(key);
                }
            }
        }
        String origin = name + ":" + number;
        Conditions conditions = new Conditions(cueMatcher(ifNear, origin), cueMatcher(ifDoc, origin),
                cueMatcher(unlessNear, origin), cueMatcher(unlessDoc, origin));
        entries.add(new TermEntry(canonicals, term, caseMode, plural, conditions, confidence, kind, origin));
    }

    private List<String> phrases(String value, int number, String option) {
        List<String> out = new ArrayList<>();
        for (String phrase : value.split(",")) {
            phrase = phrase.strip();
            if (phrase.isEmpty()) {
                continue;
            }
            if (phrase.startsWith("@")) {
                List<String> set = sets.get(phrase.substring(1));
                if (set == null) {
                    problem(number, option + ": unknown set " + phrase + " (declare it with '@set " + phrase.substring(1) + ": ...')");
                } else {
                    out.addAll(set);
                }
            } else if (!TermMatcher.matchable(phrase)) {
                problem(number, option + ": phrase '" + phrase + "' has no letter or digit");
            } else {
                out.add(phrase);
            }
        }
        if (out.isEmpty() && value.isBlank()) {
            problem(number, option + " needs at least one phrase");
        }
        return out;
    }

    /**
     * The matcher of a context rule's cue phrases. Lines that list the same phrases (most name a set, "@outsourcing")
     * share one matcher, so that a text is searched for those cues once however many lines ask (the taggers keep
     * the cues found per matcher and text); the shared matcher's origin is the first line's.
     */
    private @Nullable TermMatcher cueMatcher(@Nullable List<String> phrases, String origin) {
        if (phrases == null || phrases.isEmpty()) {
            return null;
        }
        return cueMatchers.computeIfAbsent(List.copyOf(phrases), p -> TermMatcher.ofPhrases(p, origin));
    }
}
