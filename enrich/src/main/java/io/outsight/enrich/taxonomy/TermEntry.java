package io.outsight.enrich.taxonomy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of a term file: a term and the canonical value(s) it stands for.
 *
 * @param canonicals one or more canonical values ("ITO", "BPO" for "IT-BPM")
 * @param term the term as written in the file
 * @param caseMode how its letter case must match
 * @param plural whether a plural "s"/"es" on its last word still matches
 * @param conditions context that must (not) be present for a match to count
 * @param confidence 0..1, reported on the entities it yields
 * @param kind a free label from the {@code kind} option (organisations: provider, research, body, …), or null
 * @param origin "file:line", for messages
 */
public record TermEntry(
        List<String> canonicals, String term, CaseMode caseMode, boolean plural, Conditions conditions,
        double confidence, @Nullable String kind, String origin) {

    public TermEntry {
        canonicals = List.copyOf(canonicals);
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(caseMode, "caseMode");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(origin, "origin");
        if (canonicals.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no canonical value");
        }
    }

    /** The canonical value that marks a stop term: it matches, blocks shorter terms inside it, and yields nothing. */
    public static final String STOP = "-";

    /** The first canonical value. */
    public String canonical() {
        return canonicals.getFirst();
    }

    /** Whether this is a stop term ("-" as canonical value). */
    public boolean isStop() {
        return canonicals.size() == 1 && STOP.equals(canonicals.getFirst());
    }
}
