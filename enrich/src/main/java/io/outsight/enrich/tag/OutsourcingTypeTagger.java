package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.TermFile;
import io.outsight.enrich.taxonomy.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outsourcing types (BPO, KPO, ITO, …) from {@code outsourcing-types.terms}, whose context rules settle the
 * ambiguous acronyms (IPO, RPO, FAO, EPO, …). On top of the file, an acronym that the article defines right after
 * a spelled-out type ("engineering services outsourcing (ESO)", "research process outsourcing (RPO)") stands for
 * that type everywhere in the article, even when the file reads it otherwise. Immutable and thread-safe.
 */
final class OutsourcingTypeTagger extends DictionaryTagger {
    /** "(ESO)" right after a mention: up to two spaces, then an acronym in parentheses. */
    private static final Pattern DEFINITION = Pattern.compile("\\G[ \\u00a0]{0,2}\\(([A-Z][A-Za-z&]{1,7})\\)");

    OutsourcingTypeTagger(TermFile types) {
        super(EntityTypes.OUTSOURCING_TYPE, types);
    }

    @Override
    List<Mention> tag(TaggingDocument doc, Section section) {
        List<Mention> found = super.tag(doc, section);
        Map<String, List<String>> defined = definitions(doc, found);
        if (defined.isEmpty()) {
            return found;
        }
        // Drop what the file made of a defined acronym, then tag every use of it with the article's meaning.
        List<Mention> out = new ArrayList<>();
        for (Mention m : found) {
            String surface = singular(section.text().substring(m.start(), m.end()));
            if (!defined.containsKey(surface)) {
                out.add(m);
            }
        }
        Words words = section.words();
        for (int w = 0; w < words.size(); w++) {
            String acronym = singular(words.surface(w));
            List<String> canonicals = defined.get(acronym);
            if (canonicals == null) {
                continue;
            }
            int start = words.start(w);
            int end = words.end(w);
            boolean covered = out.stream().anyMatch(m -> m.start() < end && start < m.end());
            if (!covered) {
                for (String canonical : canonicals) {
                    out.add(new Mention(type(), canonical, start, end, 0.9, EntityTypes.RULE, null, section.isTitle()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Mention::start));
        return out;
    }

    /** Acronyms defined in the body right after a spelled-out mention, with the canonical values they stand for. */
    private static Map<String, List<String>> definitions(TaggingDocument doc, List<Mention> found) {
        Map<String, List<String>> defined = new HashMap<>();
        Section body = doc.body();
        String text = body.text();
        Map<Integer, List<String>> byEnd = new HashMap<>();
        for (Mention m : found) {
            if (!m.inTitle() && isSpelledOut(text.substring(m.start(), m.end()))) {
                byEnd.computeIfAbsent(m.end(), k -> new ArrayList<>()).add(m.canonical());
            }
        }
        Matcher matcher = DEFINITION.matcher(text);
        byEnd.forEach((end, canonicals) -> {
            // anchored at the end of the mention (a search from there would scan the rest of the text)
            if (end <= text.length() && matcher.region(end, text.length()).lookingAt()) {
                defined.put(singular(matcher.group(1)), List.copyOf(canonicals));
            }
        });
        return defined;
    }

    private static boolean isSpelledOut(String surface) {
        return surface.chars().filter(Character::isLowerCase).count() >= 4 && surface.contains(" ");
    }

    private static String singular(String acronym) {
        return acronym.length() > 2 && acronym.endsWith("s") ? acronym.substring(0, acronym.length() - 1) : acronym;
    }
}
