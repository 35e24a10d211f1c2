package io.outsight.enrich.taxonomy;

import org.jspecify.annotations.Nullable;

/**
 * The context rules of a term: cue terms that must, or must not, occur near the match (in its sentence or the
 * sentences right before and after it) or anywhere in the article (title included). Each is a matcher over the cue
 * phrases, or null when the rule is absent. A match counts when every present "if" finds a cue and no "unless" does.
 */
public record Conditions(
        @Nullable TermMatcher ifNear,
        @Nullable TermMatcher ifDoc,
        @Nullable TermMatcher unlessNear,
        @Nullable TermMatcher unlessDoc) {

    public static final Conditions NONE = new Conditions(null, null, null, null);

    public boolean isEmpty() {
        return ifNear == null && ifDoc == null && unlessNear == null && unlessDoc == null;
    }
}
