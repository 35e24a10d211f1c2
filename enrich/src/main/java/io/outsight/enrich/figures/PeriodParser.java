package io.outsight.enrich.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds years and periods between 1950 and 2100: fiscal years ("FY18", "FY 2024", "FY2018-19", "fiscal 2024": the
 * year the fiscal year ends), periods ("2018–19", "2020-2027", "from 2020 to 2027", "between 2021 and 2028") and
 * single years ("by 2025", "in 2024", "Q3 2024"). Never throws; stateless and thread-safe.
 */
public final class PeriodParser {
    private static final Pattern FISCAL = Pattern.compile(
            "(?<![\\p{L}\\d])(?:FY|(?i:fiscal(?:[ \\u00a0]+year)?))[ \\u00a0'’]{0,2}(?<a>\\d{4}|\\d{2})(?:[ \\u00a0]{0,2}[-–—/][ \\u00a0]{0,2}(?<b>\\d{4}|\\d{2}))?(?![\\d])");
    private static final Pattern RANGE = Pattern.compile(
            "(?<![\\p{L}\\d.,$€£₹])(?:(?i:from|between)[ \\u00a0]+)?(?<a>(?:19|20)\\d{2})[ \\u00a0]{0,2}(?:-|–|—|/|(?i:to|and|through|till|until))[ \\u00a0]{0,2}(?<b>(?:19|20)\\d{2}|\\d{2})(?![\\d%.,]\\d|[\\d%])");
    private static final Pattern YEAR = Pattern.compile("(?<![\\p{L}\\d.,$€£₹])(?<a>(?:19|20)\\d{2})(?![\\d%]|[.,]\\d)");

    static final AnchoredPattern FISCAL_AT = new AnchoredPattern(FISCAL, AnchoredPattern.anyCase("f"));
    static final AnchoredPattern RANGE_AT = new AnchoredPattern(RANGE, c -> c == '1' || c == '2' || c == 'f' || c == 'F'
            || c == 'b' || c == 'B');
    static final AnchoredPattern YEAR_AT = new AnchoredPattern(YEAR, c -> c == '1' || c == '2');

    private PeriodParser() {}

    public static List<Period> parse(String text) {
        return text == null ? new ArrayList<>() : parse(text, text.toLowerCase(java.util.Locale.ROOT));
    }

    /** {@link #parse(String)} with the text in lower case ({@link java.util.Locale#ROOT}) at hand. */
    static List<Period> parse(String text, String lower) {
        List<Period> out = new ArrayList<>();
        if (!text.contains("19") && !text.contains("20") && !text.contains("FY") && !lower.contains("fiscal")) {
            return out; // every pattern needs a year from 19xx or 20xx, "FY" or "fiscal"
        }
        Matcher f = FISCAL_AT.matcher(text);
        for (int from = 0; FISCAL_AT.find(f, text, from); from = f.end()) {
            int a = fullYear(f.group("a"), 0);
            Integer b = f.group("b") == null ? null : fullYear(f.group("b"), a);
            int year = b != null && b > a && b - a <= 1 ? b : a;
            if (valid(year)) {
                out.add(new Period(year, null, null, f.start(), f.end()));
            }
        }
        Matcher r = RANGE_AT.matcher(text);
        for (int from = 0; RANGE_AT.find(r, text, from); from = r.end()) {
            if (overlaps(out, r.start(), r.end())) {
                continue;
            }
            int a = Integer.parseInt(r.group("a"));
            int b = fullYear(r.group("b"), a);
            if (valid(a) && valid(b) && b > a && b - a <= 40) {
                out.add(new Period(null, a, b, r.start(), r.end()));
            }
        }
        Matcher y = YEAR_AT.matcher(text);
        for (int from = 0; YEAR_AT.find(y, text, from); from = y.end()) {
            if (overlaps(out, y.start(), y.end())) {
                continue;
            }
            int a = Integer.parseInt(y.group("a"));
            if (valid(a)) {
                out.add(new Period(a, null, null, y.start(), y.end()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Period::start));
        return out;
    }

    /** "19" after 2018 is 2019; "18" alone is 2018. */
    private static int fullYear(String digits, int after) {
        int n = Integer.parseInt(digits);
        if (digits.length() == 4) {
            return n;
        }
        int century = after > 0 ? after / 100 * 100 : 2000;
        int year = century + n;
        if (after > 0 && year < after) {
            year += 100;
        }
        return year;
    }

    private static boolean valid(int year) {
        return year >= 1950 && year <= 2100;
    }

    private static boolean overlaps(List<Period> found, int start, int end) {
        for (Period p : found) {
            if (p.start() < end && start < p.end()) {
                return true;
            }
        }
        return false;
    }
}
