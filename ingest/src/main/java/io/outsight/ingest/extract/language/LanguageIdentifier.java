package io.outsight.ingest.extract.language;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.jspecify.annotations.Nullable;

/**
 * Identifies the language of a text with OpenNLP's 103-language detector ({@code /langdetect-183.bin} from
 * {@code opennlp-models-langdetect}) and answers with ISO 639-1 codes where one exists ("en", "de"), else the
 * model's ISO 639-3 code.
 *
 * <p>Thread-safe. The model is loaded once (about a second, 10 MB) and shared. OpenNLP does not document
 * {@link LanguageDetectorME} as thread-safe, so each call makes its own: the constructor only looks up the model's
 * context generator, and evaluating the shared model allocates its own buffers.
 */
public final class LanguageIdentifier {

    /** The classpath resource of the model in {@code org.apache.opennlp:opennlp-models-langdetect}. */
    public static final String MODEL_RESOURCE = "/langdetect-183.bin";

    /**
     * Texts are cut to this many characters: more costs time and rarely changes the answer. The model's cost grows
     * with the text (every character n-gram is a feature over 103 languages); 3,000 characters took about a third of
     * the ingest stage's CPU. On the 61 pages of the extraction development set 1,000 give the same answers but for
     * one Indonesian page, read as Malay from its first 1,000 characters; its declared language ({@code id-ID})
     * still settles it.
     */
    static final int MAX_CHARS = 1000;
    /** Fewer letters than this are not enough to tell a language. */
    static final int MIN_LETTERS = 40;
    /** A declared language this close to the model's first choice (as a share of its probability) wins. */
    static final double DECLARED_SHARE = 0.5;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？؟।]");

    /** Individual languages of the model whose macrolanguage has a two-letter code. */
    private static final Map<String, String> INDIVIDUAL_TO_TWO_LETTER = Map.of(
            "cmn", "zh", "ekk", "et", "lvs", "lv", "pes", "fa", "plt", "mg", "pnb", "pa", "zsm", "ms",
            "swh", "sw", "nan", "zh");

    private static final Map<String, String> THREE_TO_TWO = threeToTwo();

    private final LanguageDetectorModel model;

    public LanguageIdentifier(LanguageDetectorModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Loads the model from the classpath. */
    public static LanguageIdentifier fromClasspath() {
        try (InputStream in = LanguageIdentifier.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Language model " + MODEL_RESOURCE
                        + " is not on the classpath: add org.apache.opennlp:opennlp-models-langdetect");
            }
            return new LanguageIdentifier(new LanguageDetectorModel(new BufferedInputStream(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read language model " + MODEL_RESOURCE, e);
        }
    }

    /** The most likely language of the text, or empty when the text has too few letters to tell. */
    public Optional<String> identify(String text) {
        return identify(text, null);
    }

    /**
     * The most likely language of the text, or empty when the text has too few letters to tell. The text is judged
     * by its sentences: lines without sentence punctuation (tables, lists of names) say little about the language
     * an article is written in. A language the page declares wins when the model finds it nearly as likely as its
     * first choice, since the model hesitates between close languages (Indonesian and Malay) and on short texts.
     *
     * @param declared the ISO 639-1 (or 639-3) code the page declares, if any
     */
    public Optional<String> identify(String text, @Nullable String declared) {
        Objects.requireNonNull(text, "text");
        String sample = sentences(text);
        if (countLetters(sample) < MIN_LETTERS) {
            return Optional.empty();
        }
        Language[] languages = new LanguageDetectorME(model).predictLanguages(sample);
        if (languages.length == 0) {
            return Optional.empty();
        }
        String best = toIso6391(languages[0].getLang());
        if (declared != null && !declared.equals(best)) {
            for (int i = 1; i < Math.min(3, languages.length); i++) {
                if (toIso6391(languages[i].getLang()).equals(declared)
                        && languages[i].getConfidence() >= DECLARED_SHARE * languages[0].getConfidence()) {
                    return Optional.of(declared);
                }
            }
        }
        return Optional.of(best);
    }

    /** Up to {@link #MAX_CHARS} of the text's sentence-like paragraphs, or of the text when it has none. */
    static String sentences(String text) {
        var sample = new StringBuilder();
        for (String paragraph : text.split("\n+")) {
            String p = paragraph.strip();
            if (p.length() >= 40 && SENTENCE_END.matcher(p).find()) {
                sample.append(p).append('\n');
                if (sample.length() >= MAX_CHARS) {
                    break;
                }
            }
        }
        String source = countLetters(sample) >= MIN_LETTERS ? sample.toString() : text;
        if (source.length() <= MAX_CHARS) {
            return source;
        }
        // Never half a character: a cut between the two chars of a surrogate pair (an emoji, a rare CJK ideograph)
        // would leave a lone high surrogate at the end of the sample.
        int end = Character.isHighSurrogate(source.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return source.substring(0, end);
    }

    /** ISO 639-1 for a model code when there is one, else the code itself. */
    static String toIso6391(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        String two = INDIVIDUAL_TO_TWO_LETTER.get(c);
        if (two != null) {
            return two;
        }
        return THREE_TO_TWO.getOrDefault(c, c);
    }

    private static int countLetters(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length() && n < MIN_LETTERS; i++) {
            if (Character.isLetter(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, String> threeToTwo() {
        var map = new HashMap<String, String>();
        for (String two : Locale.getISOLanguages()) {
            if (two.equals("in") || two.equals("iw") || two.equals("ji")) {
                // Legacy codes of Indonesian, Hebrew and Yiddish; "id", "he" and "yi" are current.
                continue;
            }
            try {
                map.put(Locale.of(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException ignored) {
                // no three-letter code for this one
            }
        }
        // Bibliographic/terminological and macrolanguage codes the JDK maps differently from the model.
        map.put("msa", "ms");
        map.put("fas", "fa");
        map.put("sqi", "sq");
        map.put("ell", "el");
        map.put("ces", "cs");
        map.put("slk", "sk");
        return Map.copyOf(map);
    }
}
