package io.outsight.index.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link IndexLayout#ensure()} did to the mapping of one index behind the alias.
 *
 * @param index the index
 * @param added the template's fields that were missing and are now mapped (and searchable in new documents)
 * @param updated fields whose updatable parameters ({@code ignore_above}, {@code dynamic}, ...) were set to the
 *     template's values
 * @param differing fields the template defines otherwise, left as they are: only a new index version changes them
 * @param refused why Elasticsearch refused a put-mapping, if it did (additions and updates are sent apart)
 */
public record MappingUpgrade(String index, List<String> added, List<String> updated,
        List<MappingDiff.Difference> differing, List<String> refused) {
    public MappingUpgrade {
        Objects.requireNonNull(index, "index");
        added = List.copyOf(added);
        updated = List.copyOf(updated);
        differing = List.copyOf(differing);
        refused = List.copyOf(refused);
    }

    /** True when the index already matched the template. */
    public boolean unchanged() {
        return added.isEmpty() && updated.isEmpty() && differing.isEmpty() && refused.isEmpty();
    }

    /** The one warning to log for this index about the fields it keeps defined otherwise, if any. */
    public Optional<String> warning() {
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the mapping of " + index + " differs from the template in " + differing.size()
                + " field(s) that Elasticsearch cannot change in place, left as they are: "
                + differing.stream().map(MappingDiff.Difference::toString).collect(Collectors.joining("; "))
                + ". Run 'outsight reprocess' to build a new index version with the current template and move the "
                + "alias to it");
    }
}
