package io.outsight.enrich.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds amounts of money: a currency sign or code before the number ("US$ 343.2 bn", "Rs 5,000 crore",
 * "₹2.5 lakh crore", "EUR1.2bn", "$10–12 billion", "$10bn-$12bn") or a currency word after it ("343.2 billion US
 * dollars", "5,000 crore rupees"). Numbers as written in either convention (see {@link NumberParser}), scale words
 * (k, mn, million, bn, billion, trillion, lakh, crore), odd spacing and a hyphen before the scale word
 * ("Rs 5,000-crore") are accepted. "From $1 billion to $2 billion" is two amounts, not a range.
 * Never throws; stateless and thread-safe.
 */
public final class MoneyParser {
    /** Placeholder currency of "pesos": the linker settles it from the countries of the text. */
    public static final String PESO = "PESO";

    private static final String SP = "[ \\t\\u00a0\\u202f]{0,3}";
    private static final String SCALE_SP = "[ \\t\\u00a0\\u202f\\-]{0,3}";
    static final String NUM = "(?:\\d{1,3}(?:[,.\\u00a0\\u202f']\\d{2,3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?)";
    private static final String RANGE = "(?:-|–|—|to)";
    private static final String CUR = "(?:NT" + SP + "\\$|US" + SP + "\\$|U\\.S\\." + SP + "\\$|USD|A\\$|AU\\$|AUD|C\\$|CA\\$|CAD|S\\$|SGD|HK\\$|HKD"
            + "|NZ\\$|NZD|R\\$|BRL|\\$|€|EUR|£|GBP|₹|INR|Rs\\.?|₱|PHP|Php|PhP|¥|JPY|CNY|RMB|₩|KRW|CHF|MXN|ZAR|AED|SAR|MYR|RM"
            + "|IDR|Rp|VND|THB|฿|EGP|₦|NGN|KES|PKR|BDT|LKR|₺|TRY|₽|RUB|₪|ILS|PLN|SEK|NOK|DKK|CZK|HUF|RON)";
    private static final String WORD_CUR = "(?:U\\.?S\\.?" + SP + "dollars?|dollars?|USD|euros?|EUR|pounds" + SP + "sterling|pounds|GBP"
            + "|sterling|rupees?|INR|yen|JPY|yuan|renminbi|CNY|RMB|pesos?|PHP|ringgit|MYR|rand|ZAR|dirhams?|AED|riyals?|won|KRW)";
    private static final String SCALE = "(?i:" + Multipliers.PATTERN + ")";

    private static final Pattern PREFIXED = Pattern.compile(
            "(?<![\\p{L}\\d$€£₹¥₱])(?<!NT)(?<cur>" + CUR + ")" + SP + "(?<n1>" + NUM + ")(?:" + SCALE_SP + "(?<m1>" + SCALE + "))?"
                    + "(?:" + SP + RANGE + SP + "(?:" + CUR + SP + ")?(?<n2>" + NUM + ")(?:" + SCALE_SP + "(?<m2>" + SCALE + "))?)?"
                    + "(?:" + SP + "(?<wc>" + WORD_CUR + ")(?![\\p{L}]))?");
    static final Pattern SUFFIXED = Pattern.compile(
            "(?<![\\p{L}\\d.,])(?<n1>" + NUM + ")(?:" + SP + RANGE + SP + "(?<n2>" + NUM + "))?"
                    + "(?:" + SCALE_SP + "(?<m1>" + SCALE + "))?" + SP + "(?<wc>" + WORD_CUR + ")(?![\\p{L}])");
    /** The Philippine press writes pesos as "P2.1 trillion" or "P25,000": a scale word or digit groups required. */
    private static final Pattern PESO_P = Pattern.compile(
            "(?<![\\p{L}\\d])P(?<n1>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?(?=" + SCALE_SP + SCALE + "))"
                    + "(?:" + SCALE_SP + "(?<m1>" + SCALE + "))?");
    /**
     * Where matches can start: a currency sign or the capital of a code ("US$", "Rs", "EUR") with a digit at most
     * 11 characters on (the longest currency, "U.S.   $", has 8, and at most 3 spaces follow it).
     */
    static final AnchoredPattern PREFIXED_AT = new AnchoredPattern(PREFIXED, (text, p) -> {
        char c = text.charAt(p);
        return (c >= 'A' && c <= 'Z' || Character.getType(c) == Character.CURRENCY_SYMBOL)
                && AnchoredPattern.digitWithin(text, p + 1, p + 12);
    });
    static final AnchoredPattern SUFFIXED_AT = new AnchoredPattern(SUFFIXED, AnchoredPattern.NUMBER_START);
    static final AnchoredPattern PESO_P_AT = new AnchoredPattern(PESO_P, c -> c == 'P');
    private static final Pattern FROM_BEFORE = Pattern.compile("(?i)\\bfrom\\s*$");

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("$", "USD"), Map.entry("US$", "USD"), Map.entry("U.S.$", "USD"), Map.entry("A$", "AUD"),
            Map.entry("AU$", "AUD"), Map.entry("C$", "CAD"), Map.entry("CA$", "CAD"), Map.entry("S$", "SGD"),
            Map.entry("HK$", "HKD"), Map.entry("NT$", "TWD"), Map.entry("NZ$", "NZD"), Map.entry("R$", "BRL"), Map.entry("€", "EUR"),
            Map.entry("£", "GBP"), Map.entry("₹", "INR"), Map.entry("RS", "INR"), Map.entry("RS.", "INR"),
            Map.entry("₱", "PHP"), Map.entry("PHP", "PHP"), Map.entry("¥", "JPY"), Map.entry("RMB", "CNY"), Map.entry("₩", "KRW"),
            Map.entry("RM", "MYR"), Map.entry("RP", "IDR"), Map.entry("฿", "THB"), Map.entry("₦", "NGN"),
            Map.entry("₺", "TRY"), Map.entry("₽", "RUB"), Map.entry("₪", "ILS"),
            Map.entry("DOLLAR", "USD"), Map.entry("DOLLARS", "USD"), Map.entry("USDOLLAR", "USD"),
            Map.entry("USDOLLARS", "USD"), Map.entry("EURO", "EUR"), Map.entry("EUROS", "EUR"), Map.entry("POUNDS", "GBP"),
            Map.entry("POUNDSSTERLING", "GBP"), Map.entry("STERLING", "GBP"), Map.entry("RUPEE", "INR"),
            Map.entry("RUPEES", "INR"), Map.entry("YEN", "JPY"), Map.entry("YUAN", "CNY"), Map.entry("RENMINBI", "CNY"),
            Map.entry("PESO", PESO), Map.entry("PESOS", PESO), Map.entry("RINGGIT", "MYR"), Map.entry("RAND", "ZAR"),
            Map.entry("DIRHAM", "AED"), Map.entry("DIRHAMS", "AED"), Map.entry("RIYAL", "SAR"), Map.entry("RIYALS", "SAR"),
            Map.entry("WON", "KRW"));

    private MoneyParser() {}

    /** The currency signs of {@link #CUR}. */
    private static final String SIGNS = "$€£₹₱¥₩฿₦₺₽₪";
    /** The written currencies of {@link #CUR} (as written) and of {@link #WORD_CUR} (in lower case). */
    private static final List<String> WRITTEN_CODES = List.of("USD", "AUD", "CAD", "SGD", "HKD", "NZD", "BRL", "EUR", "GBP",
            "INR", "Rs", "PHP", "Php", "PhP", "JPY", "CNY", "RMB", "KRW", "CHF", "MXN", "ZAR", "AED", "SAR", "MYR", "RM",
            "IDR", "Rp", "VND", "THB", "EGP", "NGN", "KES", "PKR", "BDT", "LKR", "TRY", "RUB", "ILS", "PLN", "SEK",
            "NOK", "DKK", "CZK", "HUF", "RON");
    private static final List<String> CURRENCY_WORDS = List.of("dollar", "euro", "pound", "sterling", "rupee", "yen", "yuan",
            "renminbi", "peso", "ringgit", "rand", "dirham", "riyal", "won");

    /**
     * Whether the text names a currency at all (a sign, a code, a word, or the "P" of pesos before a digit): most
     * sentences with digits have none, and the patterns, which try dozens of currencies at every character, are slow.
     */
    static boolean mayHold(String text, String lower) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SIGNS.indexOf(c) >= 0 || c == 'P' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                return true;
            }
        }
        for (String code : WRITTEN_CODES) {
            if (text.contains(code)) {
                return true;
            }
        }
        for (String word : CURRENCY_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Words of which every {@link #WORD_CUR} holds one, as written (that pattern is case-sensitive; "U.S. dollars"
     * holds "dollar").
     */
    static final List<String> WORD_CURRENCY_STARTS = List.of("dollar", "USD", "euro", "EUR", "pound", "GBP",
            "sterling", "rupee", "INR", "yen", "JPY", "yuan", "renminbi", "CNY", "RMB", "peso", "PHP", "ringgit", "MYR",
            "rand", "ZAR", "dirham", "AED", "riyal", "won", "KRW");

    /** Whether a currency word that {@link #SUFFIXED} needs after its number can be in the text at all. */
    private static boolean mayHoldWordCurrency(String text) {
        for (String start : WORD_CURRENCY_STARTS) {
            if (text.contains(start)) {
                return true;
            }
        }
        return false;
    }

    /** Every amount of money in the text, in order. */
    public static List<Money> parse(String text) {
        return text == null ? new ArrayList<>() : parse(text, text.toLowerCase(Locale.ROOT));
    }

    /** {@link #parse(String)} with the text in lower case ({@link Locale#ROOT}) at hand. */
    static List<Money> parse(String text, String lower) {
        List<Money> out = new ArrayList<>();
        if (text == null || text.isEmpty() || !mayHold(text, lower)) {
            return out;
        }
        Matcher m = PREFIXED_AT.matcher(text);
        for (int from = 0; PREFIXED_AT.find(m, text, from); from = m.end()) {
            String currency = m.group("wc") != null ? code(m.group("wc")) : code(m.group("cur"));
            if (currency == null) {
                continue;
            }
            addAmounts(out, text, m, currency, m.group("m1"), m.group("m2"));
        }
        Matcher p = PESO_P_AT.matcher(text);
        for (int from = 0; PESO_P_AT.find(p, text, from); from = p.end()) {
            int start = p.start();
            int end = p.end();
            if (out.stream().noneMatch(o -> o.start() < end && start < o.end())) {
                Double value = NumberParser.scaled(p.group("n1"), p.group("m1") == null ? 1 : Multipliers.factor(p.group("m1")));
                if (value != null) {
                    out.add(new Money(value, null, "PHP", start, end));
                }
            }
        }
        Matcher s = SUFFIXED_AT.matcher(text);
        boolean wordCurrency = mayHoldWordCurrency(text);
        for (int from = 0; wordCurrency && SUFFIXED_AT.find(s, text, from); from = s.end()) {
            int start = s.start();
            int end = s.end();
            if (out.stream().anyMatch(o -> o.start() < end && start < o.end())) {
                continue;
            }
            String currency = code(s.group("wc"));
            if (currency != null) {
                addAmounts(out, text, s, currency, s.group("m1"), null);
            }
        }
        out.sort(java.util.Comparator.comparingInt(Money::start));
        return joinBetween(text, out);
    }

    private static final Pattern BETWEEN = Pattern.compile("(?i)\\bbetween\\s+$");
    private static final Pattern AND = Pattern.compile("(?i)^\\s*(?:and|to|-|–)\\s*$");

    /** "between $19.1 billion and $19.3 billion" is one range. */
    private static List<Money> joinBetween(String text, List<Money> found) {
        List<Money> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Money a = found.get(i);
            if (i + 1 < found.size() && a.high() == null) {
                Money b = found.get(i + 1);
                boolean between = BETWEEN.matcher(text.substring(Math.max(0, a.start() - 10), a.start())).find();
                if (between && b.high() == null && a.currency().equals(b.currency()) && b.value() >= a.value()
                        && AND.matcher(text.substring(a.end(), b.start())).matches()) {
                    out.add(new Money(a.value(), b.value(), a.currency(), a.start(), b.end()));
                    i++;
                    continue;
                }
            }
            out.add(a);
        }
        return out;
    }

    private static void addAmounts(List<Money> out, String text, Matcher m, String currency, @Nullable String m1,
                                   @Nullable String m2) {
        Double f1 = Multipliers.factor(m1);
        Double f2 = Multipliers.factor(m2);
        Double n1 = NumberParser.scaled(m.group("n1"), f1 != null ? f1 : f2 != null ? f2 : 1);
        if (n1 == null) {
            return;
        }
        String n2Text = m.group("n2");
        Double n2 = n2Text == null ? null : NumberParser.scaled(n2Text, f2 != null ? f2 : f1 != null ? f1 : 1);
        double low = n1;
        if (n2 == null) {
            out.add(new Money(low, null, currency, m.start(), m.end()));
            return;
        }
        double high = n2;
        boolean from = FROM_BEFORE.matcher(text.substring(Math.max(0, m.start() - 12), m.start())).find();
        if (from || high < low) {
            // "from $1bn to $2bn" states two amounts; so does a "range" that runs backwards
            int secondStart = m.start("n2");
            int back = secondStart;
            while (back > m.start() && !Character.isWhitespace(text.charAt(back - 1)) && text.charAt(back - 1) != '-'
                    && text.charAt(back - 1) != '–') {
                back--; // include a currency sign written before the second number
            }
            // The first amount ends with its own scale word ("$1bn to $2bn"); a scale word written only after the
            // second number ("from 2020 to 2027bn USD") belongs to the second amount's span.
            boolean ownScale = m.group("m1") != null && m.start("m1") < secondStart;
            out.add(new Money(low, null, currency, m.start(), ownScale ? m.end("m1") : m.end("n1")));
            out.add(new Money(high, null, currency, back, m.end()));
            return;
        }
        out.add(new Money(low, high, currency, m.start(), m.end()));
    }

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u202f]+");

    private static boolean isAsciiCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** ISO 4217 code of a currency sign, code or word, or null. */
    static @Nullable String code(String written) {
        String w = SPACES.matcher(written).replaceAll("").toUpperCase(Locale.ROOT);
        String mapped = CODES.get(w);
        if (mapped != null) {
            return mapped;
        }
        if (w.equals("U.S.DOLLAR") || w.equals("U.S.DOLLARS")) {
            return "USD";
        }
        if (w.length() == 3 && isAsciiCapital(w.charAt(0)) && isAsciiCapital(w.charAt(1)) && isAsciiCapital(w.charAt(2))) {
            return w;
        }
        return null;
    }
}
