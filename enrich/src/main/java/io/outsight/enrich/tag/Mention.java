package io.outsight.enrich.tag;

import io.outsight.core.record.Entity;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mention found by a tagger in the title or the body, before conflicts between taggers are resolved.
 *
 * @param type entity type (see {@link EntityTypes})
 * @param canonical the normalised value
 * @param start character offset into the section's text
 * @param end exclusive end offset
 * @param confidence 0..1
 * @param source dictionary, rule or model
 * @param kind the gazetteer's kind label (provider, research, …), or null
 * @param inTitle whether it was found in the title (its offsets then point into the title)
 */
record Mention(String type, String canonical, int start, int end, double confidence, String source,
               @Nullable String kind, boolean inTitle) {

    Mention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(source, "source");
        confidence = Math.max(0, Math.min(1, confidence));
    }

    int length() {
        return end - start;
    }

    boolean overlaps(Mention other) {
        return inTitle == other.inTitle && start < other.end && other.start < end;
    }

    boolean contains(Mention other) {
        return inTitle == other.inTitle && start <= other.start && other.end <= end;
    }

    Entity toEntity(String text, int sentence) {
        return new Entity(type, text.substring(start, end), canonical, start, end, sentence, confidence, source);
    }
}
