package io.outsight.enrich.tag;

import io.outsight.core.record.Entity;
import java.util.List;

/** One tagger for all tests of the module's JVM: loading the models takes seconds. */
final class Taggers {
    static final ArticleTagger DEFAULT = ArticleTagger.loadDefault();

    private Taggers() {}

    /** "canonical=surface" of the entities of one type, in text order, joined by commas. */
    static String found(String type, String text) {
        return found(type, DEFAULT.tag("", text).entities());
    }

    /** Like {@link #found(String, String)}, leaving out what the statistical model found. */
    static String foundByRules(String type, String text) {
        return found(type, DEFAULT.tag("", text).entities().stream().filter(e -> !e.source().equals("model")).toList());
    }

    static String found(String type, List<Entity> entities) {
        return String.join(",", entities.stream().filter(e -> e.type().equals(type))
                .map(e -> e.canonical() + "=" + e.text()).toList());
    }
}
