package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedSummary;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Cluster assigners for the tests of other packages, with candidate look-ups the test controls. */
public final class TestClusterAssigners {
    private TestClusterAssigners() {}

    /** What a look-up does before it answers; it may throw, as a failed search does. */
    @FunctionalInterface
    public interface LookUpHook {
        /** @param articles the articles searched, in order; {@code lookUp} counts the look-ups from 1 */
        void before(int lookUp, List<EnrichedSummary> articles) throws IOException;
    }

    /**
     * An assigner whose index holds nothing: each look-up runs {@code hook} (on the assigner's look-up thread) and
     * then finds no candidate.
     */
    public static ClusterAssigner overAnEmptyIndex(LookUpHook hook) {
        Objects.requireNonNull(hook, "hook");
        var lookUps = new java.util.concurrent.atomic.AtomicInteger();
        return new ClusterAssigner(articles -> {
            hook.before(lookUps.incrementAndGet(), articles);
            return Map.of();
        });
    }
}
