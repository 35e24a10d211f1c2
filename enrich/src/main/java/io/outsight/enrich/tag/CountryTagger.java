package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.TermFile;
import io.outsight.enrich.taxonomy.TermMatch;

/**
 * Countries as ISO 3166-1 alpha-2 codes, from the JDK's names plus the aliases, demonyms and rules of
 * {@code countries.terms}. A name glued to a currency sign is part of a currency ("US$", "HK$", "A$"), not a
 * country mention. Immutable and thread-safe.
 */
final class CountryTagger extends DictionaryTagger {

    CountryTagger(TermFile countries) {
        super(EntityTypes.COUNTRY, countries);
    }

    @Override
    boolean accept(TaggingDocument doc, Section section, TermMatch match) {
        String text = section.text();
        int next = match.end();
        if (next < text.length() && text.charAt(next) == ' ') {
            next++;
        }
        if (next < text.length() && isCurrencySign(text.charAt(next))) {
            return false;
        }
        return super.accept(doc, section, match);
    }

    private static boolean isCurrencySign(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }
}
