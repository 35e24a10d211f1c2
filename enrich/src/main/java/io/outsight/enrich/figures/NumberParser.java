package io.outsight.enrich.figures;

import org.jspecify.annotations.Nullable;

/**
 * Reads a number as written in English or continental style: "1,234.5", "1.234,5", Indian "1,00,000", "7,4",
 * "1 234" (with a no-break or thin space) or "1'234". A lone comma followed by exactly three digits is a thousands
 * separator ("1,500"); followed by one, two or four or more digits it is a decimal comma ("7,4"). A lone dot is a
 * decimal point unless the number has several dots ("1.234.567"). Stateless and thread-safe.
 */
public final class NumberParser {
    private NumberParser() {}

    /** The value, or null when the text is no number. */
    public static @Nullable Double parse(String written) {
        java.math.BigDecimal d = parseDecimal(written);
        return d == null ? null : d.doubleValue();
    }

    /** The value times a factor, computed in decimal so that 343.2 billion is exactly 3.432E11; null when no number. */
    public static @Nullable Double scaled(String written, double factor) {
        java.math.BigDecimal d = parseDecimal(written);
        return d == null ? null : d.multiply(java.math.BigDecimal.valueOf(factor)).doubleValue();
    }

    /** The exact decimal value, or null when the text is no number. */
    public static java.math.@Nullable BigDecimal parseDecimal(String written) {
        if (written == null) {
            return null;
        }
        String s = written.strip().replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "").replace("'", "")
                .replace(" ", "");
        if (s.isEmpty() || !Character.isDigit(s.charAt(0)) && s.charAt(0) != '.') {
            return null;
        }
        int commas = count(s, ',');
        int dots = count(s, '.');
        String normalized;
        if (commas > 0 && dots > 0) {
            boolean commaDecimal = s.lastIndexOf(',') > s.lastIndexOf('.');
            normalized = commaDecimal ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (commas > 0) {
            int last = s.lastIndexOf(',');
            int after = s.length() - last - 1;
            normalized = commas == 1 && after != 3 ? s.replace(',', '.') : s.replace(",", "");
        } else if (dots > 1) {
            normalized = s.replace(".", "");
        } else {
            normalized = s;
        }
        if (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.length() > 40) {
            return null;
        }
        try {
            return new java.math.BigDecimal(normalized);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
