package io.outsight.index.dedup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Places each article of a batch in its story's cluster (see {@link ClusterRule} for the rule), in time that does
 * not grow with the square of the corpus: one search for the batch finds indexed candidates through their
 * LSH band keys ({@link CandidateLookup}), and an in-memory band table finds copies within the batch and among the
 * articles this worker wrote recently, which a search cannot see yet (Elasticsearch makes writes searchable at the
 * next refresh, about a second later).
 *
 * <p>Usage per batch: {@link #begin}; optionally {@link #lookUpAhead} with all its slices, which starts their
 * searches together; {@link #assign} for each slice of the batch before writing it (a slice sees the placements of
 * the batch's earlier slices, so a poll can be placed and sent slice by slice); {@link #finish} with the articles
 * Elasticsearch stored, after writing. A batch may begin before the previous one finished (the index stage sends a poll while the previous
 * poll's last requests are answered): it sees that batch's placements too. Assignments of a batch that failed are
 * {@linkplain #drop dropped}, so its replay is placed as if new. For one batch at a time, {@link #startBatch},
 * {@link #assign(List)} and {@link #remember} do the same on an implicit current batch.
 *
 * <p>Not thread-safe: one per index worker, like the handler that calls it (the look-ups started ahead run on a thread
 * of its own, which only searches). Close it to stop that thread.
 */
public final class ClusterAssigner implements AutoCloseable {
    /**
     * How many recently written articles the worker keeps in memory at most, to bridge the time until Elasticsearch
     * makes a write searchable (a refresh every second, later under load); those shown searchable are forgotten
     * sooner ({@link #finish}). So that an article it forgets is always searchable, the assigner watches the index's
     * own refreshes, has the index refreshed in the background when they fall behind, and waits for a refresh before
     * a look-up if one is still missing ({@link WriteVisibility}).
     * Without that, copies whose story had left the table before a refresh showed it (a busy node's refreshes lag)
     * started clusters of their own. With that rule the table's size is a trade of memory against refreshes, not of
     * correctness: the node's own refreshes suffice only if three quarters of the memory hold more than the writes of
     * two refresh intervals (each a second and the refresh's own time) and a check. At the sink benchmark's 5,500
     * articles per second that is 12,000 to 14,000 and a check; with 20,000, and a check every 5,000, the proof fell
     * behind and a refresh was forced every 15,000 articles (5 more refreshes than the node's own 11 in rounds of
     * 60,000); 10,000 was not enough even for rounds of 30,000. The members are held without their band keys (hashed
     * into the table's keys, then dropped: about 2 KB each with the table's slots, where they were 5 KB); with the
     * band keys, 10,000 had pushed the index worker's heap past 200 MiB of its 256 in the end-to-end benchmark, where
     * 20,000 without them peaked at 104 MiB. With 30,000, a worker that has placed 45,000 articles peaked at 156 to
     * 232 MiB in that benchmark (promoted garbage included): the 205 MiB it is allowed is not met in every run.
     */
    public static final int RECENT_CAPACITY = 30_000;

    /** How often at most the index behind the alias is checked while the worker keeps a filter of its keys. */
    static final Duration INDEX_CHECK_INTERVAL = Duration.ofSeconds(10);

    private final CandidateSource lookup;
    /**
     * The placements of the batches begun and not yet finished or dropped, seen by every later placement, and the
     * {@value #RECENT_CAPACITY} articles written last.
     */
    private final BandTable held = new BandTable(RECENT_CAPACITY);
    private final WriteVisibility visibility;
    /** What the index may hold, while this worker is its only writer: articles it rules out are not searched. */
    private final SoleWriterFilter filter;
    /** The batch of {@link #startBatch}, {@link #assign(List)} and {@link #remember}. */
    private @Nullable Batch current;

    /** Runs the look-ups started ahead ({@link #lookUpAhead}), one at a time; made on first use. */
    private @Nullable ExecutorService lookups;

    /** The placements of one batch, not yet written, and the look-ups started ahead for its slices. */
    public static final class Batch {
        private final Map<String, ClusterMember> members = new LinkedHashMap<>();
        private final Map<List<EnrichedSummary>, Future<Map<String, CandidateLookup.Found>>> ahead =
                new IdentityHashMap<>();
        /**
         * The hashes of its articles' fingerprints ({@link KeyHashes#of}), computed once for the filter's check, the
         * two tables and the filter's update: hashing them anew for each was a tenth of the stage thread's time.
         */
        private final Map<TextFingerprint, long[]> hashes = new IdentityHashMap<>();
        /** Articles left out of the look-ups because the worker holds a copy of them ({@link #foundInMemory}). */
        private final Set<String> fromMemory = new HashSet<>();

        private long @Nullable [] hashesOf(@Nullable TextFingerprint fingerprint) {
            return fingerprint == null ? null : hashes.computeIfAbsent(fingerprint, KeyHashes::of);
        }

        private Batch() {}
    }

    /** @param index the alias or index the sink writes to, where the candidates are searched */
    public ClusterAssigner(ElasticsearchClient es, String index) {
        this(new CandidateLookup(es, index));
    }

    ClusterAssigner(CandidateSource lookup) {
        this(lookup, INDEX_CHECK_INTERVAL);
    }

    ClusterAssigner(CandidateSource lookup, Duration indexCheckInterval) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.visibility = new WriteVisibility(lookup, RECENT_CAPACITY);
        this.filter = new SoleWriterFilter(lookup, held, indexCheckInterval);
    }

    /** Begins a batch, which sees the placements of every batch begun before it and not yet finished or dropped. */
    public Batch begin() {
        return new Batch();
    }

    /**
     * The cluster of every article of one slice of a batch, by article id. The slice's articles are placed earliest
     * published first, each seeing the indexed articles, the recent ones, those of the unfinished batches and those
     * placed before it in the slice.
     *
     * @throws IOException when the candidate search fails (the caller retries the batch, after {@link #drop})
     */
    public Map<String, ClusterAssignment> assign(Batch batch, List<EnrichedSummary> slice) throws IOException {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(slice, "slice");
        Map<String, CandidateLookup.Found> found = found(batch, slice);
        var ordered = new ArrayList<>(slice);
        ordered.sort(ClusterRule.EARLIEST_FIRST);
        var assignments = LinkedHashMap.<String, ClusterAssignment>newLinkedHashMap(slice.size());
        for (EnrichedSummary article : ordered) {
            var indexed = found.getOrDefault(article.id(), CandidateLookup.Found.NOTHING);
            long[] hashes = batch.hashesOf(article.fingerprint());
            var inMemory = article.fingerprint() == null ? List.<ClusterMember>of()
                    : held.candidates(article.fingerprint(), hashes);
            if (batch.fromMemory.remove(article.id()) && verifiedCopy(article, inMemory) == null) {
                // The copy it was left out of the look-up for is gone (placed again since): searched after all.
                refreshIfDue();
                indexed = lookup.find(List.of(article)).getOrDefault(article.id(), CandidateLookup.Found.NOTHING);
            }
            ClusterMember self = held.get(article.id()).orElse(indexed.self());
            var candidates = new ArrayList<ClusterMember>(indexed.candidates());
            candidates.addAll(inMemory);
            ClusterAssignment assignment = ClusterRule.decide(article, self, candidates);
            var member = ClusterMember.of(assignment, article.fingerprint());
            filter.placed(article.id(), hashes);
            held.place(member, hashes);
            batch.members.put(article.id(), member);
            assignments.put(article.id(), assignment);
        }
        return assignments;
    }

    /**
     * Starts the candidate look-ups of slices that {@link #assign(Batch, List)} will place (given there as the same
     * list objects), in the background and in order, so that the stage does not wait for each slice's search before
     * placing it: a slice's look-up sees only what is indexed, never the placements before it, so it may run early.
     * Consecutive slices with few articles to search (the filter of the index's keys rules most out) share one
     * look-up of up to {@value CandidateLookup#ARTICLES_PER_SEARCH} articles: searched slice by slice, one after the
     * other, the stage waited for each search in turn.
     *
     * @throws IOException when the index had to be refreshed first and that failed
     */
    public void lookUpAhead(Batch batch, List<List<EnrichedSummary>> slices) throws IOException {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(slices, "slices");
        refreshIfDue();
        var together = new ArrayList<List<EnrichedSummary>>();
        var searched = new ArrayList<EnrichedSummary>();
        for (List<EnrichedSummary> slice : slices) {
            var searchedOfSlice = toSearch(batch, slice);
            if (!together.isEmpty()
                    && searched.size() + searchedOfSlice.size() > CandidateLookup.ARTICLES_PER_SEARCH) {
                lookUpTogether(batch, together, searched);
            }
            together.add(slice);
            searched.addAll(searchedOfSlice);
        }
        if (!together.isEmpty()) {
            lookUpTogether(batch, together, searched);
        }
    }

    /** One look-up for the articles to search of several slices, which each take their answers from it. */
    private void lookUpTogether(Batch batch, List<List<EnrichedSummary>> slices, List<EnrichedSummary> searched) {
        var articles = List.copyOf(searched);
        var lookUp = lookupThread().submit(() -> lookup.find(articles));
        slices.forEach(slice -> batch.ahead.put(slice, lookUp));
        slices.clear();
        searched.clear();
    }

    private Map<String, CandidateLookup.Found> found(Batch batch, List<EnrichedSummary> slice) throws IOException {
        var ahead = batch.ahead.remove(slice);
        if (ahead == null) {
            refreshIfDue();
            slice.forEach(article -> batch.fromMemory.remove(article.id())); // decided afresh, now
            return lookup.find(toSearch(batch, slice));
        }
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up candidates");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime; // Elasticsearch's errors are runtime exceptions
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private void refreshIfDue() throws IOException {
        filter.check(visibility.beforeLookUp());
    }

    /**
     * Tells the assigner whether this worker is now its index's only writer (the index stage's loop holds every
     * partition of its topic; a rebuild writes a new index version). While it is, the assigner keeps a filter of the
     * keys the candidate search asks for, read from the index once in the background and given every article it
     * places, and searches only the articles the filter does not rule out ({@link SoleWriterFilter}: when it is
     * dropped and read again; the alias is checked every {@link #INDEX_CHECK_INTERVAL} at most).
     */
    public void writesAlone(boolean alone) {
        filter.writesAlone(alone);
    }

    /**
     * The slice's articles the candidate search could find anything for: those with a fingerprint, and of those,
     * while the filter of the index's keys is ready, only those it does not rule out.
     */
    private List<EnrichedSummary> toSearch(Batch batch, List<EnrichedSummary> slice) {
        IndexedKeys ready = filter.ready();
        return slice.stream()
                .filter(a -> a.fingerprint() != null
                        && (ready == null || (ready.mayBeIndexed(a.id(), batch.hashesOf(a.fingerprint()))
                                && !foundInMemory(batch, ready, a))))
                .toList();
    }

    /**
     * Whether the article can be placed without a look-up: the index holds no document of its id (the filter rules
     * it out, so there is no earlier placement of it to keep), and the worker holds a verified copy of it, recent or
     * placed in a batch not yet written, whose cluster it will join. Most syndicated copies arrive while their story
     * is in memory; searching them all the same was most of the searches in the sink benchmark. The search could
     * only have added a candidate of another cluster of the same story, nearer than the one held, where a story
     * already has two.
     */
    private boolean foundInMemory(Batch batch, IndexedKeys ready, EnrichedSummary article) {
        TextFingerprint fingerprint = Objects.requireNonNull(article.fingerprint());
        if (ready.mayHoldId(article.id())
                || verifiedCopy(article, held.candidates(fingerprint, batch.hashesOf(fingerprint))) == null) {
            return false;
        }
        batch.fromMemory.add(article.id());
        return true;
    }

    /** A candidate that passes the rule's verification for the article, if there is one. */
    private static @Nullable ClusterMember verifiedCopy(EnrichedSummary article, List<ClusterMember> candidates) {
        TextFingerprint fingerprint = article.fingerprint();
        return fingerprint == null ? null : ClusterRule.nearest(article.id(), fingerprint, candidates).orElse(null);
    }

    private ExecutorService lookupThread() {
        if (lookups == null) {
            lookups = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster-lookup").daemon()
                    .factory());
        }
        return lookups;
    }

    /** Ends a batch that was written: records those of its articles that Elasticsearch stored, by id. */
    public void finish(Batch batch, Collection<String> writtenIds) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(writtenIds, "writtenIds");
        for (String id : writtenIds) {
            ClusterMember member = batch.members.get(id);
            if (member != null) {
                held.written(member, batch.hashesOf(member.fingerprint()));
                visibility.written(1);
            }
        }
        // What the index shows is found by a search: held on, it only cost memory (the members die old, and a heap of
        // 256 MiB was full at young collections with 30,000 held in the end-to-end benchmark).
        held.forgetWrittenBefore(visibility.searchableBefore());
        drop(batch);
    }

    /** Forgets the placements of a batch that failed, so that its replay is placed as if new. */
    public void drop(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        batch.members.values().forEach(held::forget);
        batch.members.clear();
        batch.hashes.clear();
        batch.fromMemory.clear();
        batch.ahead.values().forEach(ahead -> ahead.cancel(false)); // look-ups of slices never placed
        batch.ahead.clear();
    }

    /** Stops the look-up, scan and refresh threads, if there are any. */
    @Override
    public void close() {
        visibility.close();
        if (lookups != null) {
            lookups.shutdownNow();
        }
        filter.close();
    }

    /**
     * Starts the one current batch, forgetting the placements of every unfinished batch (the previous one failed,
     * and its replay must be placed as if new).
     */
    public void startBatch() {
        // The unfinished placements are not counted against the table's capacity: the consumer's poll size bounds them.
        held.forgetUnfinished();
        current = begin();
    }

    /** {@link #assign(Batch, List)} for the current batch (started if there is none). */
    public Map<String, ClusterAssignment> assign(List<EnrichedSummary> slice) throws IOException {
        if (current == null) {
            startBatch();
        }
        return assign(Objects.requireNonNull(current), slice);
    }

    /** {@link #finish} for the current batch, which then ends. */
    public void remember(Collection<String> writtenIds) {
        if (current != null) {
            finish(current, writtenIds);
        }
        startBatch();
    }

    /** Whether look-ups skip the articles that a filter of the index's keys rules out (its scan is done). */
    boolean filtersLookUps() {
        return filter.ready() != null;
    }

    /** Whether the last scan of the index's keys failed (the next look-up starts another). */
    boolean scanFailed() {
        return filter.scanFailed();
    }

    /** How many recent articles are held in memory. */
    public int recentSize() {
        return held.size();
    }
}
