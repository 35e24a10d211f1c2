package io.outsight.index.rebuild;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a rebuild did.
 *
 * @param previousIndex the index the alias pointed at before, kept for a rollback (null on a first build)
 * @param newIndex the index the alias points at now
 * @param records raw records read
 * @param indexed articles written to the new index
 * @param skipped records that could not be read or enriched, or documents Elasticsearch rejected (logged)
 * @param caughtUp raw records that arrived during the build and were replayed after the swap
 */
public record RebuildReport(@Nullable String previousIndex, String newIndex, long records, long indexed,
        long skipped, long caughtUp, Duration took) {
    public RebuildReport {
        Objects.requireNonNull(newIndex, "newIndex");
        Objects.requireNonNull(took, "took");
    }
}
