package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.TermEntry;
import io.outsight.enrich.taxonomy.TermFile;
import io.outsight.enrich.taxonomy.TermMatch;
import io.outsight.enrich.taxonomy.TermMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the terms of one term file in a section: leftmost-longest matches whose context rules hold, stop terms
 * dropped, one mention per canonical value of the matched line. Terms that needed context to count get a lower
 * confidence than unambiguous ones. The base of the sourcing-model, country and region taggers. Immutable and
 * thread-safe.
 */
class DictionaryTagger {
    /** Confidence of a match whose line has context rules: the rules can be wrong. */
    static final double CONTEXTUAL = 0.85;

    private final String type;
    private final TermMatcher matcher;

    DictionaryTagger(String type, TermFile file) {
        this.type = Objects.requireNonNull(type, "type");
        this.matcher = TermMatcher.of(file.entries());
    }

    String type() {
        return type;
    }

    /** The accepted matches (stop terms included, so callers can see what they blocked). */
    List<TermMatch> matches(TaggingDocument doc, Section section) {
        return matcher.find(section.words(), m -> accept(doc, section, m));
    }

    /** Extra checks of a subclass; the context rules are checked first. */
    boolean accept(TaggingDocument doc, Section section, TermMatch match) {
        return doc.conditionsHold(match.entry(), section, match.start(), match.end());
    }

    List<Mention> tag(TaggingDocument doc, Section section) {
        List<Mention> out = new ArrayList<>();
        for (TermMatch m : matches(doc, section)) {
            TermEntry entry = m.entry();
            if (entry.isStop()) {
                continue;
            }
            double confidence = entry.conditions().isEmpty() ? entry.confidence() : Math.min(entry.confidence(), CONTEXTUAL);
            for (String canonical : entry.canonicals()) {
                out.add(new Mention(type, canonical, m.start(), m.end(), confidence, EntityTypes.DICTIONARY,
                        entry.kind(), section.isTitle()));
            }
        }
        return out;
    }
}
