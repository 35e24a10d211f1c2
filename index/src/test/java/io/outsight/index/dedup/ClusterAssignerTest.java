package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.EnrichedSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The assigner's own memory (the batch, and what the worker wrote before the index refreshed) with a table standing
 * in for the index; the lookup against a real Elasticsearch is tested in {@link SyndicatedCopiesIT}.
 */
class ClusterAssignerTest {
    private final Map<String, CandidateLookup.Found> indexed = new HashMap<>();
    private final ClusterAssigner assigner = new ClusterAssigner(articles -> {
        var found = new HashMap<String, CandidateLookup.Found>();
        articles.forEach(a -> found.put(a.id(), indexed.getOrDefault(a.id(), CandidateLookup.Found.NOTHING)));
        return found;
    });

    private static EnrichedSummary article(String url, String published, long story, int changed) {
        return ClusterRuleTest.article(url, Instant.parse(published), Fingerprints.copy(story, changed, url.length()));
    }

    @Test
    void copiesInOneBatchJoinTheEarliestPublishedWhateverTheirOrder() throws IOException {
        var late = article("https://late.example/a", "2026-05-03T00:00:00Z", 1, 3);
        var early = article("https://early.example/a", "2026-05-01T00:00:00Z", 1, 0);
        var middle = article("https://middle.example/a", "2026-05-02T00:00:00Z", 1, 5);
        var assignments = assigner.assign(List.of(late, middle, early));
        assertEquals(ClusterAssignment.canonical(early.id()), assignments.get(early.id()));
        assertEquals(ClusterAssignment.duplicate(middle.id(), early.id()), assignments.get(middle.id()));
        assertEquals(ClusterAssignment.duplicate(late.id(), early.id()), assignments.get(late.id()));
    }

    @Test
    void aLaterSliceOfTheBatchSeesTheEarlierSlicesBeforeAnyIsWritten() throws IOException {
        assigner.startBatch();
        var first = article("https://one.example/s", "2026-05-03T00:00:00Z", 7, 0);
        var unrelated = article("https://two.example/s", "2026-05-01T00:00:00Z", 8, 0);
        assigner.assign(List.of(first, unrelated));
        var copy = article("https://three.example/s", "2026-05-01T00:00:00Z", 7, 4);
        // Published earlier than the first, but placed later: the first placed stays canonical across slices.
        assertEquals(ClusterAssignment.duplicate(copy.id(), first.id()), assigner.assign(List.of(copy)).get(copy.id()));
        assigner.remember(List.of(first.id(), unrelated.id(), copy.id()));
        assertEquals(3, assigner.recentSize(), "every slice's articles are remembered once written");
    }

    @Test
    void aBatchThatFailedLeavesNoPlacementToTheNextOne() throws IOException {
        assigner.startBatch();
        var failed = article("https://one.example/t", "2026-05-01T00:00:00Z", 9, 0);
        assigner.assign(List.of(failed));
        // Elasticsearch never took the batch: no remember; the replay starts a new batch.
        assigner.startBatch();
        var copy = article("https://two.example/t", "2026-05-02T00:00:00Z", 9, 4);
        assertEquals(ClusterAssignment.canonical(copy.id()), assigner.assign(List.of(copy)).get(copy.id()));
        assigner.remember(List.of(failed.id(), copy.id()));
        assertEquals(1, assigner.recentSize(), "only what the current batch placed is remembered");
    }

    @Test
    void aBatchBegunBeforeTheLastFinishedSeesItsPlacementsAndADroppedOneLeavesTheOtherIntact() throws IOException {
        var sending = assigner.begin();
        var first = article("https://one.example/o", "2026-05-01T00:00:00Z", 11, 0);
        var other = article("https://two.example/o", "2026-05-01T00:00:00Z", 12, 0);
        assigner.assign(sending, List.of(first, other));
        // The next poll is placed while the first one's requests are still out.
        var next = assigner.begin();
        var copy = article("https://three.example/o", "2026-05-02T00:00:00Z", 11, 4);
        assertEquals(ClusterAssignment.duplicate(copy.id(), first.id()), assigner.assign(next, List.of(copy))
                .get(copy.id()));
        assigner.drop(next); // its requests failed
        var copyOfOther = article("https://four.example/o", "2026-05-02T00:00:00Z", 12, 4);
        var meanwhile = assigner.begin();
        assertEquals(ClusterAssignment.duplicate(copyOfOther.id(), other.id()),
                assigner.assign(meanwhile, List.of(copyOfOther)).get(copyOfOther.id()),
                "dropping one batch leaves the placements of the batch still in flight");
        assigner.drop(meanwhile);
        assigner.finish(sending, List.of(first.id(), other.id()));
        assertEquals(2, assigner.recentSize(), "the finished batch is remembered, the dropped ones are not");
        var again = assigner.begin();
        assertEquals(ClusterAssignment.duplicate(copy.id(), first.id()), assigner.assign(again, List.of(copy))
                .get(copy.id()), "the replay of the dropped batch is placed as new, against what was written");
    }

    @Test
    void looksUpAheadOnAThreadOfItsOwnAndPlacesEachSliceWithItsOwnAnswer() throws IOException {
        var threads = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var stored = new ClusterMember("stored", "stored", null, Fingerprints.story(21));
        try (var ahead = new ClusterAssigner(articles -> {
            threads.add(Thread.currentThread().getName());
            var found = new HashMap<String, CandidateLookup.Found>();
            // The index holds story 21; only an article of the second slice shares it.
            articles.forEach(a -> found.put(a.id(), a.fingerprint().estimatedJaccard(stored.fingerprint()) > 0.5
                    ? new CandidateLookup.Found(null, List.of(stored)) : CandidateLookup.Found.NOTHING));
            return found;
        })) {
            var batch = ahead.begin();
            var first = List.of(article("https://one.example/h", "2026-05-01T00:00:00Z", 20, 0));
            var copyOfIndexed = article("https://two.example/h", "2026-05-01T00:00:00Z", 21, 3);
            var copyOfFirst = article("https://three.example/h", "2026-05-02T00:00:00Z", 20, 3);
            var second = List.of(copyOfIndexed, copyOfFirst);
            ahead.lookUpAhead(batch, List.of(first, second));
            ahead.assign(batch, first);
            var placed = ahead.assign(batch, second);
            assertEquals(ClusterAssignment.duplicate(copyOfIndexed.id(), "stored"), placed.get(copyOfIndexed.id()));
            assertEquals(ClusterAssignment.duplicate(copyOfFirst.id(), first.getFirst().id()),
                    placed.get(copyOfFirst.id()), "a slice looked up early still sees the slices placed before it");
            assertEquals(List.of("cluster-lookup"), threads, "one look-up for both small slices, ahead");
        }
    }

    @Test
    void consecutiveSlicesShareALookUpUpToOneSearchsArticles() throws IOException {
        var sizes = new java.util.concurrent.CopyOnWriteArrayList<Integer>();
        try (var ahead = new ClusterAssigner(articles -> {
            sizes.add(articles.size());
            return Map.of();
        })) {
            var batch = ahead.begin();
            var slices = new ArrayList<List<EnrichedSummary>>();
            for (int size : new int[] {60, 30, 20, 90, 5}) {
                var slice = new ArrayList<EnrichedSummary>();
                for (int i = 0; i < size; i++) {
                    slice.add(article("https://s" + slices.size() + ".example/" + i, "2026-05-01T00:00:00Z",
                            10_000L * slices.size() + i, 0));
                }
                slices.add(slice);
            }
            ahead.lookUpAhead(batch, slices);
            for (var slice : slices) {
                assertEquals(slice.size(), ahead.assign(batch, slice).size());
            }
            assertEquals(List.of(90, 20, 95), sizes, "60+30, then 20 (a 90 would pass 100), then 90+5");
        }
    }

    @Test
    void aLookUpAheadThatFailedFailsThePlacementOfItsSlice() throws IOException {
        try (var failing = new ClusterAssigner(articles -> {
            throw new IOException("search refused");
        })) {
            var batch = failing.begin();
            var slice = List.of(article("https://one.example/i", "2026-05-01T00:00:00Z", 22, 0));
            failing.lookUpAhead(batch, List.of(slice));
            var e = assertThrows(IOException.class, () -> failing.assign(batch, slice));
            assertEquals("search refused", e.getMessage());
        }
    }

    @Test
    void remembersWhatWasWrittenUntilTheIndexCanFindIt() throws IOException {
        var first = article("https://one.example/b", "2026-05-01T00:00:00Z", 2, 0);
        var notWritten = article("https://two.example/c", "2026-05-01T00:00:00Z", 3, 0);
        assigner.assign(List.of(first, notWritten));
        assigner.remember(List.of(first.id()));
        assertEquals(1, assigner.recentSize());

        var copyOfFirst = article("https://three.example/b", "2026-05-02T00:00:00Z", 2, 4);
        var copyOfUnwritten = article("https://four.example/c", "2026-05-02T00:00:00Z", 3, 4);
        var assignments = assigner.assign(List.of(copyOfFirst, copyOfUnwritten));
        assertEquals(ClusterAssignment.duplicate(copyOfFirst.id(), first.id()), assignments.get(copyOfFirst.id()));
        assertEquals(ClusterAssignment.canonical(copyOfUnwritten.id()), assignments.get(copyOfUnwritten.id()),
                "a failed batch leaves nothing behind");
    }

    @Test
    void aReplayFromMemoryKeepsItsCluster() throws IOException {
        var canonical = article("https://one.example/d", "2026-05-01T00:00:00Z", 4, 0);
        var copy = article("https://two.example/d", "2026-05-02T00:00:00Z", 4, 2);
        assigner.assign(List.of(canonical, copy));
        assigner.remember(List.of(canonical.id(), copy.id()));
        // The copy comes again, alone, with an even closer article indexed meanwhile.
        var closer = new ClusterMember("closer", "closer", null, copy.fingerprint());
        indexed.put(copy.id(), new CandidateLookup.Found(null, List.of(closer)));
        assertEquals(ClusterAssignment.duplicate(copy.id(), canonical.id()), assigner.assign(List.of(copy))
                .get(copy.id()));
    }

    @Test
    void joinsWhatTheIndexFoundAndKeepsWhatTheIndexHolds() throws IOException {
        var copy = article("https://new.example/e", "2026-05-02T00:00:00Z", 5, 1);
        indexed.put(copy.id(), new CandidateLookup.Found(null,
                List.of(new ClusterMember("old-copy", "old-canonical", "old-canonical", Fingerprints.story(5)))));
        assertEquals(ClusterAssignment.duplicate(copy.id(), "old-canonical"),
                assigner.assign(List.of(copy)).get(copy.id()));

        var stored = new ClusterMember(copy.id(), "first-canonical", "first-canonical", copy.fingerprint());
        indexed.put(copy.id(), new CandidateLookup.Found(stored, List.of()));
        assertEquals(ClusterAssignment.duplicate(copy.id(), "first-canonical"),
                new ClusterAssigner(articles -> Map.of(copy.id(), indexed.get(copy.id())))
                        .assign(List.of(copy)).get(copy.id()));
    }

    @Test
    void aFailedLookupFailsTheBatch() {
        var failing = new ClusterAssigner(articles -> {
            throw new IOException("connection refused");
        });
        var article = article("https://x.example/f", "2026-05-02T00:00:00Z", 6, 0);
        assertThrows(IOException.class, () -> failing.assign(List.of(article)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "background refreshes fail: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void everyArticleTheMemoryForgotIsSearchableAtEachLookUp(boolean backgroundRefreshesFail) throws IOException {
        var written = new java.util.concurrent.atomic.AtomicLong();
        var searchable = new java.util.concurrent.atomic.AtomicLong();
        var refreshes = new java.util.concurrent.atomic.AtomicInteger();
        var looked = new int[1];
        try (var assigner = new ClusterAssigner(new CandidateSource() {
            @Override
            public Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) {
                // The memory holds the last RECENT_CAPACITY written: every one before them must be searchable.
                assertTrue(written.get() - ClusterAssigner.RECENT_CAPACITY <= searchable.get(),
                        written + " written, " + searchable + " searchable");
                looked[0]++;
                return Map.of();
            }

            @Override
            public void makeWritesVisible() throws IOException {
                if (backgroundRefreshesFail && Thread.currentThread().getName().equals("cluster-refresh")) {
                    throw new IOException("refresh timed out"); // then the look-up must refresh on its own
                }
                long before = written.get(); // what was written when the refresh started, searchable once it is done
                refreshes.incrementAndGet();
                searchable.accumulateAndGet(before, Math::max);
            }
        })) {
            int batches = 5 * ClusterAssigner.RECENT_CAPACITY / 100;
            for (int b = 0; b < batches; b++) {
                var batch = new ArrayList<EnrichedSummary>();
                for (int i = 0; i < 100; i++) {
                    batch.add(article("https://x.example/" + b + "/" + i, "2026-05-02T00:00:00Z", 1_000L * b + i, 0));
                }
                assigner.assign(batch);
                assigner.remember(batch.stream().map(EnrichedSummary::id).toList());
                written.addAndGet(batch.size());
            }
            assertEquals(batches, looked[0]);
        }
        // The source cannot tell its refreshes, so they are all forced: at least one per memory's worth forgotten (4 of
        // five written), at most one per seven eighths of it and those the look-ups wait for; not one per batch.
        assertTrue(refreshes.get() >= 4 && refreshes.get() <= 12, refreshes + " refreshes");
    }

    /** What an index holding {@code indexed} (each the canonical article of its story) finds for each article. */
    private static Map<String, CandidateLookup.Found> copiesAmong(List<EnrichedSummary> indexed,
            List<EnrichedSummary> articles) {
        var found = new HashMap<String, CandidateLookup.Found>();
        for (EnrichedSummary article : articles) {
            var candidates = indexed.stream()
                    .filter(h -> article.fingerprint().estimatedJaccard(h.fingerprint()) >= ClusterRule.THRESHOLD)
                    .map(h -> ClusterMember.of(ClusterAssignment.canonical(h.id()), h.fingerprint()))
                    .toList();
            found.put(article.id(), new CandidateLookup.Found(null, candidates));
        }
        return found;
    }

    /**
     * A node that refreshes on its own: each reading of its refresh counts ends a refresh that started at the reading
     * before (so it shows what was written then), and starts the next. It finds copies of the first article written
     * only (the test's one copy), once that is searchable: matching every article against all before it would take
     * minutes.
     */
    private static final class RefreshingNode implements CandidateSource {
        final List<EnrichedSummary> written = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Every article written before this is searchable. */
        final java.util.concurrent.atomic.AtomicLong searchable = new java.util.concurrent.atomic.AtomicLong();
        private long refreshes;
        private long refreshStartedAt;

        @Override
        public Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) {
            List<EnrichedSummary> shown;
            synchronized (written) {
                shown = searchable.get() > 0 ? List.of(written.get(0)) : List.of();
            }
            return copiesAmong(shown, articles);
        }

        @Override
        public synchronized Map<String, Long> refreshCounts() {
            searchable.accumulateAndGet(refreshStartedAt, Math::max);
            refreshes++;
            refreshStartedAt = written.size();
            return Map.of("i/0/n1/p", refreshes);
        }

        @Override
        public void makeWritesVisible() {
            searchable.accumulateAndGet(written.size(), Math::max);
        }
    }

    @Test
    void forgetsWhatTheIndexShowsAndFindsItThereAfterwards() throws Exception {
        var node = new RefreshingNode();
        try (var assigner = new ClusterAssigner(node)) {
            int batches = ClusterAssigner.RECENT_CAPACITY / 100;
            for (int b = 0; b < batches; b++) {
                var batch = new ArrayList<EnrichedSummary>();
                for (int i = 0; i < 100; i++) {
                    batch.add(article("https://x.example/" + b + "/" + i, "2026-05-02T00:00:00Z", 1_000L * b + i, 0));
                }
                assigner.assign(batch);
                // Whatever the memory no longer holds, the node shows.
                assertTrue(node.written.size() - assigner.recentSize() <= node.searchable.get(),
                        node.written.size() + " written, " + assigner.recentSize() + " held, " + node.searchable
                                + " searchable");
                assigner.remember(batch.stream().map(EnrichedSummary::id).toList());
                node.written.addAll(batch);
            }
            // A check per eighth of the memory, proven two readings later: about a quarter of it is held.
            assertTrue(assigner.recentSize() <= ClusterAssigner.RECENT_CAPACITY / 2,
                    assigner.recentSize() + " held of " + node.written.size() + " written");
            var first = node.written.get(0);
            var copy = article("https://copy.example/0", "2026-05-03T00:00:00Z", 0, 4);
            assertEquals(ClusterAssignment.duplicate(copy.id(), first.id()),
                    assigner.assign(List.of(copy)).get(copy.id()), "found in the index, no longer in memory");
        }
    }

    /** An index standing in for Elasticsearch that can list its keys, and records which articles were searched. */
    private static final class ListingSource implements CandidateSource {
        final List<EnrichedSummary> held = new ArrayList<>();
        final List<String> searched = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String concrete = "index-v1";
        volatile boolean failScans;

        @Override
        public Map<String, CandidateLookup.Found> find(List<EnrichedSummary> articles) {
            articles.forEach(article -> searched.add(article.id()));
            return copiesAmong(held, articles);
        }

        @Override
        public String scanKeys(IndexedKeys keys) throws IOException {
            if (failScans) {
                throw new IOException("index unreachable");
            }
            keys.allocate(held.size());
            held.forEach(h -> keys.add(h.id(), h.fingerprint()));
            return concrete;
        }

        @Override
        public String concreteIndex() {
            return concrete;
        }
    }

    /** Polls until the scan on the assigner's own thread is done (or the filter dropped). */
    private static void awaitFiltering(ClusterAssigner assigner, boolean filtering) throws InterruptedException {
        io.outsight.index.ItSupport.await(java.time.Duration.ofSeconds(10), "the filter to be " + filtering,
                () -> assigner.filtersLookUps() == filtering);
    }

    @Test
    void aWorkerWritingAloneSearchesOnlyWhatItsFilterOfTheIndexDoesNotRuleOut() throws Exception {
        var source = new ListingSource();
        var wire = article("https://wire.example/f", "2026-05-01T00:00:00Z", 20, 0);
        source.held.add(wire);
        try (var alone = new ClusterAssigner(source)) {
            alone.writesAlone(true);
            awaitFiltering(alone, true);
            var copy = article("https://copy.example/f", "2026-05-02T00:00:00Z", 20, 4);
            var unrelated = article("https://unrelated.example/f", "2026-05-02T00:00:00Z", 21, 0);
            var first = alone.assign(List.of(copy, unrelated));
            assertEquals(List.of(copy.id()), source.searched, "the copy of an indexed story only");
            assertEquals(ClusterAssignment.duplicate(copy.id(), wire.id()), first.get(copy.id()));
            alone.remember(List.of(copy.id(), unrelated.id()));

            // What this worker placed is in the filter at once, and in its memory: a copy of it is placed from
            // memory, without a search (the filter shows that the index holds no document of the copy's id).
            var copyOfUnrelated = article("https://mirror.example/f", "2026-05-03T00:00:00Z", 21, 3);
            var another = article("https://another.example/f", "2026-05-03T00:00:00Z", 22, 0);
            var second = alone.assign(List.of(copyOfUnrelated, another));
            assertEquals(List.of(copy.id()), source.searched);
            assertEquals(ClusterAssignment.duplicate(copyOfUnrelated.id(), unrelated.id()),
                    second.get(copyOfUnrelated.id()));
            assertEquals(ClusterAssignment.canonical(another.id()), second.get(another.id()));

            // A replay of an article it wrote: the index may hold its document, so it is searched all the same.
            alone.remember(List.of(copyOfUnrelated.id(), another.id()));
            alone.assign(List.of(copyOfUnrelated));
            assertEquals(List.of(copy.id(), copyOfUnrelated.id()), source.searched);

            // Another worker may write from now on: every article is searched again.
            alone.writesAlone(false);
            assertFalse(alone.filtersLookUps());
            var third = article("https://third.example/f", "2026-05-04T00:00:00Z", 23, 0);
            alone.assign(List.of(third));
            assertEquals(third.id(), source.searched.getLast());
        }
    }

    @Test
    void aCopyLeftOutOfTheLookUpForOneHeldInMemoryIsSearchedWhenThatOneIsGone() throws Exception {
        var source = new ListingSource();
        var indexed = article("https://wire.example/h", "2026-05-01T00:00:00Z", 40, 0);
        source.held.add(indexed);
        try (var alone = new ClusterAssigner(source)) {
            alone.writesAlone(true);
            awaitFiltering(alone, true);
            var earlier = alone.begin();
            var original = article("https://wire.example/h-2", "2026-05-02T00:00:00Z", 41, 0);
            alone.assign(earlier, List.of(original)); // placed, not yet written
            var copy = article("https://copy.example/h-2", "2026-05-03T00:00:00Z", 41, 4);
            var later = alone.begin();
            var slice = List.of(copy);
            alone.lookUpAhead(later, List.of(slice));
            alone.drop(earlier); // the earlier batch failed: the copy's original is no longer held
            var placed = alone.assign(later, slice);
            assertEquals(List.of(copy.id()), source.searched, "searched once its copy in memory was gone");
            assertEquals(ClusterAssignment.canonical(copy.id()), placed.get(copy.id()));

            // Held, the copies spare the search: another copy joins one of them, the nearest.
            var copy2 = article("https://mirror.example/h-2", "2026-05-03T00:00:00Z", 41, 5);
            var last = alone.begin();
            var lastSlice = List.of(copy2);
            alone.lookUpAhead(last, List.of(lastSlice));
            assertEquals(ClusterAssignment.duplicate(copy2.id(), copy.id()),
                    alone.assign(last, lastSlice).get(copy2.id()));
            assertEquals(List.of(copy.id()), source.searched);
        }
    }

    @Test
    void theFilterIsReadAgainWhenTheAliasMovedAndUnusedWhileItsScanFails() throws Exception {
        var source = new ListingSource();
        source.failScans = true;
        try (var alone = new ClusterAssigner(source, java.time.Duration.ZERO)) {
            alone.writesAlone(true);
            var unrelated = article("https://one.example/g", "2026-05-01T00:00:00Z", 30, 0);
            // The scan failed: searched, and the next look-up tries the scan again.
            awaitSearchedWhileTheScanFails(alone, source, unrelated);
            source.failScans = false;
            alone.assign(List.of(article("https://two.example/g", "2026-05-01T00:00:00Z", 31, 0)));
            awaitFiltering(alone, true);

            // A rebuild moved the alias to a version holding a story this worker never saw.
            var rebuilt = article("https://rebuilt.example/g", "2026-05-01T00:00:00Z", 32, 0);
            source.held.add(rebuilt);
            source.concrete = "index-v2";
            var copy = article("https://copy.example/g", "2026-05-02T00:00:00Z", 32, 2);
            alone.assign(List.of(article("https://three.example/g", "2026-05-01T00:00:00Z", 33, 0)));
            awaitFiltering(alone, true);
            assertEquals(ClusterAssignment.duplicate(copy.id(), rebuilt.id()),
                    alone.assign(List.of(copy)).get(copy.id()));
            assertEquals(copy.id(), source.searched.getLast());
        }
    }

    private static void awaitSearchedWhileTheScanFails(ClusterAssigner alone, ListingSource source,
            EnrichedSummary article) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        // Until the failed scan reports, the filter is merely not ready: either way the article is searched.
        do {
            source.searched.clear();
            alone.assign(List.of(article));
            assertEquals(List.of(article.id()), source.searched);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scan never failed");
            }
            Thread.yield();
        } while (!alone.scanFailed());
    }
}
