package io.outsight.enrich.taxonomy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed term file.
 *
 * @param name the file name, for messages
 * @param codes the canonical codes it declares with {@code @code}, each with its label, in file order
 * @param sets its named phrase lists ({@code @set}), in file order
 * @param entries its terms, in file order (earlier lines win ties)
 */
public record TermFile(String name, Map<String, String> codes, Map<String, List<String>> sets, List<TermEntry> entries) {

    public TermFile {
        Objects.requireNonNull(name, "name");
        codes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(codes));
        sets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sets));
        entries = List.copyOf(entries);
    }

    /** The same file with more entries appended. */
    public TermFile withEntries(List<TermEntry> more) {
        var all = new java.util.ArrayList<>(entries);
        all.addAll(more);
        return new TermFile(name, codes, sets, all);
    }

    /** The same file with other entries placed first (they win ties). */
    public TermFile withEntriesFirst(List<TermEntry> first) {
        var all = new java.util.ArrayList<>(first);
        all.addAll(entries);
        return new TermFile(name, codes, sets, all);
    }
}
