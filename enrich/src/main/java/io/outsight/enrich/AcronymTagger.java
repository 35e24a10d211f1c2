package io.outsight.enrich;

import io.outsight.core.record.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The walking skeleton's tagger: the acronyms BPO and KPO, by dictionary, as whole words. Replaced by the
 * outsourcing-domain taggers of {@code io.outsight.enrich.tag}. Thread-safe.
 */
final class AcronymTagger {
    private static final Pattern ACRONYM = Pattern.compile("(?U)\\b(BPO|KPO)s?\\b");

    List<Entity> tag(String text) {
        var entities = new ArrayList<Entity>();
        var m = ACRONYM.matcher(text);
        while (m.find()) {
            entities.add(new Entity("outsourcing_type", m.group(), m.group(1), m.start(), m.end(), 0, 1.0,
                    "dictionary"));
        }
        return entities;
    }
}
