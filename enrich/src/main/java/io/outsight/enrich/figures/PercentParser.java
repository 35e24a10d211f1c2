package io.outsight.enrich.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds percentages: "7.4%", "7.4 %", "7,4 per cent", "8percent", "5 pct", "7-8%", "3 percentage points".
 * Never throws; stateless and thread-safe.
 */
public final class PercentParser {
    private static final String SP = "[ \\t\\u00a0\\u202f]{0,3}";
    private static final Pattern PERCENT = Pattern.compile(
            "(?<![\\p{L}\\d.,])(?<n1>" + MoneyParser.NUM + ")(?:" + SP + "(?:%|％)?" + SP + "(?:-|–|—|to)" + SP + "(?<n2>" + MoneyParser.NUM + "))?"
                    + SP + "(?:%|％|(?i:per[ \\-]?cent(?:age points?)?|percent(?:age points?)?|pct|pc)(?![\\p{L}]))");

    static final AnchoredPattern PERCENT_AT = new AnchoredPattern(PERCENT, AnchoredPattern.NUMBER_START);

    private PercentParser() {}

    /** Whether the text has a percent sign or word at all: most sentences have none, and the pattern is slow. */
    private static boolean mayHold(String text, String lower) {
        if (text.indexOf('%') >= 0 || text.indexOf('％') >= 0) {
            return true;
        }
        return lower.contains("per") || lower.contains("pc");
    }

    public static List<Percent> parse(String text) {
        return text == null ? new ArrayList<>() : parse(text, text.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@link #parse(String)} with the text in lower case ({@link java.util.Locale#ROOT}) at hand. */
    static List<Percent> parse(String text, String lower) {
        List<Percent> out = new ArrayList<>();
        if (text == null || !mayHold(text, lower)) {
            return out;
        }
        Matcher m = PERCENT_AT.matcher(text);
        for (int from = 0; PERCENT_AT.find(m, text, from); from = m.end()) {
            Double low = NumberParser.parse(m.group("n1"));
            if (low == null) {
                continue;
            }
            Double high = m.group("n2") == null ? null : NumberParser.parse(m.group("n2"));
            out.add(new Percent(low, high != null && high > low ? high : null, m.start(), m.end()));
        }
        return out;
    }
}
