package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an index may hold, in a Bloom filter: every indexed article's id, normalised-text hash and band keys, the
 * keys the candidate search asks for. An article for which the filter holds none of them in the way the search
 * needs (its id, its text hash, or band keys in two of the search's parts) would find nothing, so it need not be
 * searched: only new copies, replays and a few per cent of false positives are, where every article was (the
 * searches were most of what clustering cost Elasticsearch). A Bloom filter never forgets a key it was given, so it
 * errs only towards a search.
 *
 * <p>Filled by a scan of the index ({@link CandidateSource#scanKeys}) and by every article the worker places, it is
 * complete only while its worker is the index's only writer (see {@link ClusterAssigner#writesAlone}). Its size is
 * fixed when the scan knows how many articles the index holds ({@link #allocate}): {@value #BITS_PER_KEY} bits per
 * key and {@value #KEYS_PER_ARTICLE} keys per article, about 51 bytes per article, for {@value #GROWTH} times as many
 * articles as the index held (at least {@value #MIN_ARTICLES}), and at most an eighth of the heap; past that it is
 * {@linkplain #full full} and is built again. A filter built again reads the whole index: sized for half again the
 * index, it was read again each time the index grew by half, two articles read for each one written, and a fresh
 * index's first filter was full after 50,000 articles (a sink benchmark round of 60,000 read 50,000 back for its
 * last 10,000, and searched them all while it did).
 * Keys added before then are kept in a list.
 *
 * <p>Thread-safe: the scan fills it on a thread of its own while the stage thread adds the articles it places.
 */
final class IndexedKeys {
    /**
     * With 7 hashes in blocks of 512 bits, 0.4 % false positives per key once the filter is full: about 1.6 % of the
     * articles that share nothing with the index are searched all the same (id 0.4 %, text hash 0.4 %, band keys in
     * two of eight parts 0.8 %), fewer while it fills. A key's bits all lie in one block, a cache line or two, where
     * they were spread over the whole filter, seven places to miss the cache (setting and testing them was a tenth of
     * the index stage thread's samples in the sink benchmark; JFR did not show that share clearly smaller with
     * blocks, and a loop over the filter alone took as long either way). Blocks err more often than spread bits for
     * the same size (0.96 % against 0.82 % at 10 bits per key, which searched 4 % of the articles), so the filter
     * has 12 bits per key, where it had 10: a fifth more memory for a third of the searches it lets through.
     */
    static final int BITS_PER_KEY = 12;
    private static final int HASHES = 7;
    /** Longs per block: 512 bits, whose positions take 9 bits of a hash each. */
    private static final int BLOCK_WORDS = 8;
    private static final int BITS_PER_POSITION = 9;
    /** 32 band keys, the text hash and the id. */
    static final int KEYS_PER_ARTICLE = 34;
    static final int MIN_ARTICLES = 100_000;
    /** How many times the articles the index held a filter is sized for: an index read again once it tripled. */
    static final int GROWTH = 3;
    /**
     * Bits in one filter at most: an eighth of the heap (32 MiB for the workers' 256, enough for 650,000 articles at
     * the rate above), and so a quarter while a full filter answers during the scan of its successor
     * ({@link SoleWriterFilter}). Past it the false positives grow, which costs searches, not matches.
     */
    private static final long MAX_BITS = Math.min(1L << 31, Runtime.getRuntime().maxMemory());

    private enum State { LOADING, READY, FAILED }

    private long @Nullable [] bits;
    /** What {@link #touch} read, written only so that its reads are made. */
    private long touched;
    private long blocks;
    private long capacity;
    private long articles;
    /** Keys added before {@link #allocate}, one array per article. */
    private @Nullable List<long[]> early = new ArrayList<>();
    private volatile State state = State.LOADING;
    /** The concrete index the scan read, for telling when the alias moved to another one. */
    private volatile @Nullable String index;

    /** Sizes the filter for an index of {@code indexed} articles, and adds the keys given so far. */
    synchronized void allocate(long indexed) {
        if (bits != null) {
            throw new IllegalStateException("allocated already");
        }
        capacity = Math.max(MIN_ARTICLES, GROWTH * indexed);
        blocks = Math.max(1, Math.min(MAX_BITS, capacity * KEYS_PER_ARTICLE * BITS_PER_KEY) / (64 * BLOCK_WORDS));
        bits = new long[(int) (blocks * BLOCK_WORDS)];
        Objects.requireNonNull(early, "early").forEach(this::set);
        early = null;
    }

    /** An indexed article, as the scan reads it. */
    void addIndexed(String id, @Nullable String textHash, List<String> bands) {
        add(keys(id, textHash, bands));
    }

    /** An article placed by this worker (its document may be written at any time from now). */
    void add(String id, @Nullable TextFingerprint fingerprint) {
        add(id, fingerprint == null ? null : KeyHashes.of(fingerprint));
    }

    /** {@link #add(String, TextFingerprint)} with the fingerprint's {@linkplain KeyHashes#of hashes} at hand. */
    synchronized void add(String id, long @Nullable [] fingerprintHashes) {
        long idKey = KeyHashes.id(id);
        if (early != null) {
            var keys = new long[fingerprintHashes == null ? 1 : fingerprintHashes.length + 1];
            keys[0] = idKey;
            if (fingerprintHashes != null) {
                System.arraycopy(fingerprintHashes, 0, keys, 1, fingerprintHashes.length);
            }
            add(keys);
            return;
        }
        articles++;
        set(idKey);
        if (fingerprintHashes != null) {
            set(fingerprintHashes);
        }
    }

    private synchronized void add(long[] keys) {
        articles++;
        if (early != null) {
            early.add(keys);
        } else {
            set(keys);
        }
    }

    /**
     * Whether the candidate search might find anything for the article: the filter holds its id, its text hash, or
     * band keys in at least two of the search's {@value CandidateLookup#BAND_PARTS} parts (all the parts it has, if
     * fewer). False only when the search would find nothing.
     */
    boolean mayBeIndexed(EnrichedSummary article) {
        TextFingerprint fingerprint = article.fingerprint();
        return mayBeIndexed(article.id(), fingerprint == null ? null : KeyHashes.of(fingerprint));
    }

    /**
     * {@link #mayBeIndexed(EnrichedSummary)} for the article of this id, with its fingerprint's {@linkplain
     * KeyHashes#of hashes} (band keys, then text hash), or null when it has none.
     */
    synchronized boolean mayBeIndexed(String id, long @Nullable [] fingerprintHashes) {
        if (bits == null) {
            return true;
        }
        if (contains(KeyHashes.id(id))) {
            return true;
        }
        if (fingerprintHashes == null) {
            return false;
        }
        touch(fingerprintHashes);
        int bands = fingerprintHashes.length - 1;
        if (contains(fingerprintHashes[bands])) {
            return true;
        }
        int parts = Math.min(CandidateLookup.BAND_PARTS, bands);
        int required = Math.min(ClusterRule.MIN_SHARED_BANDS, parts);
        int held = 0;
        var heldParts = new boolean[CandidateLookup.BAND_PARTS];
        for (int band = 0; band < bands; band++) {
            int part = band % CandidateLookup.BAND_PARTS;
            if (!heldParts[part] && contains(fingerprintHashes[band])) {
                heldParts[part] = true;
                if (++held >= required) {
                    return true;
                }
            }
        }
        return false; // also for a fingerprint without bands: the search then asks for none
    }

    /** Whether the index may hold a document of this id (false only when it holds none). */
    synchronized boolean mayHoldId(String id) {
        return bits == null || contains(KeyHashes.id(id));
    }

    /** Whether more articles were added than the filter was sized for (its false positives then grow). */
    synchronized boolean full() {
        return bits != null && articles > capacity;
    }

    /** The scan is done: the filter holds every article the index held, and {@code index} is the index it read. */
    void ready(String scanned) {
        index = scanned;
        state = State.READY;
    }

    void failed() {
        state = State.FAILED;
    }

    boolean isReady() {
        return state == State.READY;
    }

    boolean hasFailed() {
        return state == State.FAILED;
    }

    /** The concrete index the scan read; null until it is {@linkplain #isReady ready}. */
    @Nullable String index() {
        return index;
    }

    private static long[] keys(String id, @Nullable String textHash, List<String> bands) {
        var keys = new long[2 + bands.size()];
        keys[0] = KeyHashes.id(id);
        keys[1] = textHash == null ? keys[0] : KeyHashes.text(textHash);
        for (int band = 0; band < bands.size(); band++) {
            keys[2 + band] = KeyHashes.band(bands.get(band));
        }
        return keys;
    }

    private void set(long[] keys) {
        touch(keys);
        for (long key : keys) {
            set(key);
        }
    }

    /**
     * Reads the first word of each key's block before any is set or tested: these reads do not wait for each other,
     * so their cache misses overlap, where a key at a time waited for its own. Setting an article's 33 keys was a
     * tenth of the index stage thread's own work; this halved it (JFR of {@code PlacementBenchmark}: 133 samples of
     * 1,206, then 71). The sum is kept only so that the reads are not left out.
     */
    private void touch(long[] keys) {
        long[] words = bits;
        long sum = 0;
        for (long key : keys) {
            sum += words[block(key)];
        }
        touched = sum;
    }

    private void set(long key) {
        long[] words = bits;
        int block = block(key);
        long positions = positions(key);
        for (int i = 0; i < HASHES; i++) {
            int bit = (int) (positions >>> (i * BITS_PER_POSITION));
            words[block + ((bit >>> 6) & (BLOCK_WORDS - 1))] |= 1L << bit;
        }
    }

    private boolean contains(long key) {
        long[] words = bits;
        int block = block(key);
        long positions = positions(key);
        for (int i = 0; i < HASHES; i++) {
            int bit = (int) (positions >>> (i * BITS_PER_POSITION));
            if ((words[block + ((bit >>> 6) & (BLOCK_WORDS - 1))] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The first word of the key's block: the key's high half scaled to the number of blocks (no division). */
    private int block(long key) {
        return (int) Math.unsignedMultiplyHigh(key, blocks) * BLOCK_WORDS;
    }

    /** The key's bit positions in its block, 9 bits each, from a second hash independent of the block's. */
    private static long positions(long key) {
        return KeyHashes.mix(key ^ 0x5851F42D4C957F2DL);
    }
}
