package io.outsight.enrich.tag;

import io.outsight.enrich.taxonomy.Conditions;
import io.outsight.enrich.taxonomy.TermEntry;
import io.outsight.enrich.taxonomy.TermMatch;
import io.outsight.enrich.taxonomy.TermMatcher;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One article being tagged: its title and body {@link Section sections}, and a cache of the cue phrases found in
 * them, so each context rule scans a section once. Not thread-safe: one per {@code tag} call.
 */
final class TaggingDocument {
    private final Section title;
    private final Section body;
    private final Map<TermMatcher, List<TermMatch>> titleCues = new IdentityHashMap<>();
    private final Map<TermMatcher, List<TermMatch>> bodyCues = new IdentityHashMap<>();
    /** What each gazetteer found in each section (the organisation gazetteer is asked twice per section). */
    private final Map<DictionaryTagger, List<Mention>> titleFound = new IdentityHashMap<>();
    private final Map<DictionaryTagger, List<Mention>> bodyFound = new IdentityHashMap<>();

    TaggingDocument(Section title, Section body) {
        this.title = title;
        this.body = body;
    }

    Section title() {
        return title;
    }

    Section body() {
        return body;
    }

    /** The gazetteer's mentions in the section, found on the first call and kept (a read-only list). */
    List<Mention> found(DictionaryTagger gazetteer, Section section) {
        Map<DictionaryTagger, List<Mention>> cache = section == title ? titleFound : bodyFound;
        List<Mention> mentions = cache.get(gazetteer);
        if (mentions == null) {
            mentions = List.copyOf(gazetteer.tag(this, section));
            cache.put(gazetteer, mentions);
        }
        return mentions;
    }

    /** Whether the context rules of the entry hold for a match at [start, end) of the section. */
    boolean conditionsHold(TermEntry entry, Section section, int start, int end) {
        Conditions c = entry.conditions();
        if (c.isEmpty()) {
            return true;
        }
        int[] near = section.nearWindow(start);
        if (c.ifNear() != null && !cueIn(c.ifNear(), section, near[0], near[1], start, end)) {
            return false;
        }
        if (c.ifDoc() != null && !cueInDocument(c.ifDoc(), section, start, end)) {
            return false;
        }
        if (c.unlessNear() != null && cueIn(c.unlessNear(), section, near[0], near[1], start, end)) {
            return false;
        }
        return c.unlessDoc() == null || !cueInDocument(c.unlessDoc(), section, start, end);
    }

    private boolean cueInDocument(TermMatcher cues, Section section, int start, int end) {
        return cueIn(cues, title, 0, title.text().length(), section == title ? start : -1, section == title ? end : -1)
                || cueIn(cues, body, 0, body.text().length(), section == body ? start : -1, section == body ? end : -1);
    }

    /** Whether a cue lies in [from, to) of the section without overlapping the match [start, end) itself. */
    boolean cueIn(TermMatcher cues, Section section, int from, int to, int start, int end) {
        Map<TermMatcher, List<TermMatch>> cache = section == title ? titleCues : bodyCues;
        List<TermMatch> found = cache.computeIfAbsent(cues, m -> m.findAll(section.words()));
        for (TermMatch cue : found) {
            if (cue.start() >= from && cue.end() <= to && (cue.end() <= start || cue.start() >= end)) {
                return true;
            }
        }
        return false;
    }
}
