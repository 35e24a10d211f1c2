package io.outsight.enrich.nlp;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.StringList;

/**
 * OpenNLP's sentence detector with an abbreviation list, deciding the same breaks as
 * {@code new SentenceDetectorME(model, abbreviations)} at a fraction of the cost. OpenNLP 2.5 checks each break the
 * model proposes against every abbreviation by searching the whole sentence so far for it ({@code indexOf} from the
 * sentence start, at every occurrence), which made that check cost as much as the model. Only the occurrences at the
 * sentence start or ending at most one character before the break can veto it, so only those are looked at here.
 *
 * <p>Not thread-safe, like the {@link SentenceDetectorME} it extends: one per thread.
 */
final class AbbreviationSentenceDetector extends SentenceDetectorME {
    private final String[] abbreviations;
    /** The length of the longest abbreviation: no other can end near enough to the break. */
    private final int longest;

    /** @param abbreviations a case-sensitive dictionary of single-token abbreviations ("Inc.", "Rs.") */
    AbbreviationSentenceDetector(SentenceModel model, Dictionary abbreviations) {
        super(model, abbreviations);
        if (!abbreviations.isCaseSensitive()) {
            throw new IllegalArgumentException("the abbreviation dictionary must be case-sensitive");
        }
        List<String> list = new ArrayList<>();
        for (StringList entry : abbreviations) {
            list.add(entry.getToken(0));
        }
        this.abbreviations = list.toArray(new String[0]);
        this.longest = list.stream().mapToInt(String::length).max().orElse(0);
    }

    /**
     * The same answer as {@link SentenceDetectorME#isAcceptableBreak} in OpenNLP 2.5.11: the break at
     * {@code candidateIndex} is refused when an abbreviation occurring at {@code idx} in [fromIndex, candidateIndex]
     * either is the whole segment from the sentence start up to the break, or ends no more than one character
     * before the break ({@code idx + length >= candidateIndex}) and follows white space, an apostrophe or "(" (at
     * the sentence start, the abbreviation's own first character is the one tested, as OpenNLP does).
     */
    @Override
    protected boolean isAcceptableBreak(CharSequence text, int fromIndex, int candidateIndex) {
        String s = text.toString();
        if (fromIndex > candidateIndex) {
            return true;
        }
        // an abbreviation at the sentence start
        for (String abbreviation : abbreviations) {
            if (s.startsWith(abbreviation, fromIndex)
                    && (s.substring(fromIndex, candidateIndex + 1).equals(abbreviation)
                        || fromIndex + abbreviation.length() >= candidateIndex && vetoes(s.charAt(fromIndex)))) {
                return false;
            }
        }
        // an abbreviation after white space, an apostrophe or "(", ending at most one character before the break
        for (int idx = Math.max(fromIndex + 1, candidateIndex - longest); idx <= candidateIndex; idx++) {
            if (!vetoes(s.charAt(idx - 1))) {
                continue;
            }
            for (String abbreviation : abbreviations) {
                if (idx + abbreviation.length() >= candidateIndex && s.startsWith(abbreviation, idx)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean vetoes(char before) {
        return Character.isWhitespace(before) || before == '\'' || before == '`' || before == '\u00b4' || before == '(';
    }
}
