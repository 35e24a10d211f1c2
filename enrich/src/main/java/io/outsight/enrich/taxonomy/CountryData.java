package io.outsight.enrich.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Country names from the JDK's ISO 3166 tables ({@link Locale#getISOCountries()} and the English display names of
 * CLDR), so the list follows the JDK rather than a hand-typed copy. Aliases, demonyms and ambiguous names with
 * context rules come from the editable {@code countries.terms}; a term listed there replaces the JDK's line for the
 * same term. Thread-safe (stateless).
 */
public final class CountryData {
    private CountryData() {}

    /** The ISO 3166-1 alpha-2 codes the JDK knows. */
    public static Set<String> isoCodes() {
        return Set.copyOf(Arrays.asList(Locale.getISOCountries()));
    }

    /** The English name of a code ("IN" is "India"), as the JDK gives it. */
    public static String englishName(String code) {
        return Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    }

    /** The alias file's entries followed by the JDK's names not already listed there. */
    static TermFile withJdkNames(TermFile aliases) {
        Set<String> listed = new HashSet<>();
        for (TermEntry entry : aliases.entries()) {
            listed.add(Words.of(entry.term()).size() == 0 ? entry.term() : normalized(entry.term()));
        }
        List<TermEntry> jdk = new ArrayList<>();
        for (String code : Locale.getISOCountries()) {
            for (String name : variants(englishName(code))) {
                if (listed.add(normalized(name))) {
                    jdk.add(new TermEntry(List.of(code), name, CaseMode.AUTO, false, Conditions.NONE, 1.0, null,
                            "JDK " + code));
                }
            }
        }
        return aliases.withEntries(jdk);
    }

    /** "Myanmar (Burma)" gives both names; "Hong Kong SAR China" gives "Hong Kong"; "St." gives "Saint" too. */
    static Set<String> variants(String name) {
        Set<String> out = new LinkedHashSet<>();
        int paren = name.indexOf('(');
        if (paren > 0 && name.endsWith(")")) {
            out.add(name.substring(0, paren).strip());
            out.add(name.substring(paren + 1, name.length() - 1).strip());
        } else {
            out.add(name);
        }
        for (String n : List.copyOf(out)) {
            if (n.endsWith(" SAR China")) {
                out.add(n.substring(0, n.length() - " SAR China".length()));
            }
            if (n.startsWith("St. ")) {
                out.add("Saint " + n.substring(4));
            }
        }
        return out;
    }

    private static String normalized(String term) {
        Words words = Words.of(term);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            key.append(words.key(i)).append(' ');
        }
        return key.toString();
    }
}
