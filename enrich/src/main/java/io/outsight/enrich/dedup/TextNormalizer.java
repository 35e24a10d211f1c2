package io.outsight.enrich.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns main text into the word sequence that fingerprints compare, so that the same story matches across sites
 * whatever their typography: Unicode NFKC (full-width digits, ligatures and compatibility forms become their plain
 * letters), lower case, and every run of characters that are neither letters nor digits (punctuation, curly or
 * straight quotes, dashes, symbols, any whitespace or paragraph break) as one word boundary. Marks stay: in many
 * scripts they are part of the letter.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {
    /** Anything but letters, digits and combining marks, in any script. */
    private static final Pattern BOUNDARY = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");

    private TextNormalizer() {}

    /** The normalised words of {@code text}, in order; empty for text without letters or digits. */
    public static List<String> words(String text) {
        Objects.requireNonNull(text, "text");
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        var words = new ArrayList<String>();
        for (String word : BOUNDARY.split(folded)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
