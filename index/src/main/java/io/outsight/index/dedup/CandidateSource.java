package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedSummary;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Where a batch's indexed candidates come from: Elasticsearch ({@link CandidateLookup}), or a table in tests. */
@FunctionalInterface
interface CandidateSource {
    /**
     * @param articles articles with a fingerprint
     * @return what the index holds for each, by article id
     * @throws IOException when the candidates cannot be had (the caller retries the batch)
     */
    Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) throws IOException;

    /**
     * Makes every write acknowledged so far visible to {@link #find} (a refresh), for when the caller's memory of
     * recent writes is about to forget some. Nothing to do for a source that sees writes at once.
     *
     * @throws IOException when it cannot be done (the caller retries the batch)
     */
    default void makeWritesVisible() throws IOException {}

    /**
     * How many refreshes each copy of each shard behind the source has made, by copy (index, shard, node and role);
     * a refresh makes searchable every write acknowledged before it started. Empty when the source cannot tell: the
     * caller then has the index refreshed itself.
     *
     * @throws IOException when they cannot be read (the caller then refreshes)
     */
    default Map<String, Long> refreshCounts() throws IOException {
        return Map.of();
    }

    /**
     * Every article the source holds, into {@code keys}: first {@link IndexedKeys#allocate} with their number, then
     * each one's id, normalised-text hash and band keys. Writes acknowledged before the call are included.
     *
     * @return the concrete index (or indices, comma-separated) that was read
     * @throws IOException when it cannot be done (the caller then searches every article)
     */
    default String scanKeys(IndexedKeys keys) throws IOException {
        throw new IOException("this source cannot list what it holds");
    }

    /**
     * The concrete index (or indices, comma-separated) that {@link #find} searches now: an alias, resolved, so that
     * the caller can tell when it was moved to another index.
     */
    default String concreteIndex() throws IOException {
        return "";
    }
}
