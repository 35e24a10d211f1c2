package io.outsight.enrich.figures;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Scale words after a number: "bn", "million", "crore", "lakh crore", "k". Stateless and thread-safe. */
final class Multipliers {
    /** Regex alternatives, longest first, matched case-insensitively and followed by no letter. */
    static final String PATTERN = "(?:lakh[\\s\\u00a0]*crores?|lakhs?|lacs?|crores?|cr|trillions?|trn|tn|tr|billions?|bln|bn|b"
            + "|mrd|millions?|mln|mn|mio|mm|m|thousands?|k)(?![\\p{L}])";

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\\u00a0]+");

    private Multipliers() {}

    /** The factor of a scale word, or null when it is none. */
    static @Nullable Double factor(@Nullable String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        String w = SPACES.matcher(word.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        if (w.startsWith("lakh crore")) {
            return 1e12;
        }
        return switch (w) {
            case "lakh", "lakhs", "lac", "lacs" -> 1e5;
            case "crore", "crores", "cr" -> 1e7;
            case "trillion", "trillions", "trn", "tn", "tr" -> 1e12;
            case "billion", "billions", "bln", "bn", "b", "mrd" -> 1e9;
            case "million", "millions", "mln", "mn", "mio", "mm", "m" -> 1e6;
            case "thousand", "thousands", "k" -> 1e3;
            default -> null;
        };
    }
}
