package io.outsight.index.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link MappingUpgrader} did to the mapping of one index (for the articles: each index behind the alias, on
 * {@link IndexLayout#ensure()}).
 *
 * @param index the index
 * @param added the template's fields that were missing and are now mapped (and searchable in new documents)
 * @param updated fields whose updatable parameters ({@code ignore_above}, {@code dynamic}, ...) were set to the
 *     template's values
 * @param differing fields the template defines otherwise, left as they are: only a new index version changes them
 * @param refused why Elasticsearch refused a put-mapping, if it did (additions and updates are sent apart)
 * @param remedy what to do about the differing fields, as a sentence
 */
public record MappingUpgrade(String index, List<String> added, List<String> updated,
        List<MappingDiff.Difference> differing, List<String> refused, String remedy) {
    public MappingUpgrade {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(remedy, "remedy");
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
                + ". " + remedy);
    }
}
