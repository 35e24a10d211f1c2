package io.outsight.ingest.extract.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns raw author strings into clean, distinct person names. Stateless and thread-safe. */
final class Authors {

    /** "By", "Analysis by", "Von", "Par", "Por" before the names, or a short label such as "Text:". */
    private static final Pattern BY = Pattern.compile(
            "(?iu)^(?:(?:[\\p{L}-]+\\s+){0,2}by\\s*:?\\s+|(?:von|par|por)\\s+(?=\\p{Lu})|[\\p{L} ]{1,15}:\\s*)");
    /** Parts of bylines that name a role or a desk, not a person. */
    private static final Pattern ROLE = Pattern.compile(
            "(?iu)\\b(?:editor|correspondent|reporter|writer|contributor|columnist|staff|desk|news service)\\b");
    private static final Pattern SEPARATORS = Pattern.compile("(?iu)\\s*(?:,|;|\\||&|\\band\\b|\\bund\\b)\\s*");
    /** What follows a name in bylines: roles, affiliations, dates. */
    private static final Pattern TAIL = Pattern.compile(
            "(?iu)(?:\\s*\\||\\s+[-–—]\\s|\\s+\\bfor\\b|\\bstaff\\b|\\bpublished\\b|\\bupdated\\b|\\bposted\\b|\\d).*$");

    private Authors() {}

    static List<String> clean(List<String> raw) {
        var names = new LinkedHashMap<String, String>();
        for (String value : raw) {
            if (value.contains("://")) {
                continue;
            }
            String s = BY.matcher(value.strip()).replaceFirst("");
            for (String part : SEPARATORS.split(s)) {
                String name = TAIL.matcher(BY.matcher(part.strip()).replaceFirst("")).replaceFirst("").strip();
                if (isName(name) && !ROLE.matcher(name).find()) {
                    names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return new ArrayList<>(names.values());
    }

    private static boolean isName(String s) {
        if (s.length() < 2 || s.length() > 60 || s.indexOf('@') >= 0 || s.indexOf('/') >= 0 || s.contains("www.")) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                letters++;
            }
        }
        return letters >= 2 && s.split("\\s+").length <= 6;
    }
}
