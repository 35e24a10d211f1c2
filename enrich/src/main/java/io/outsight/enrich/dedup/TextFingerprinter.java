package io.outsight.enrich.dedup;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.MinHashVersion;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import io.outsight.core.id.ArticleIds;
import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the {@link TextFingerprint} of an article's main text: MinHash over word 5-shingles of the
 * {@link TextNormalizer normalised} text, 128 components of 32 bits, cut into 32 LSH bands of 4 components.
 *
 * <ul>
 *   <li>MinHash comes from hash4j (Dynatrace's maintained hashing library, the one Kafka already brings), pinned to
 *       {@link MinHashVersion#V1} so signatures stay comparable across library upgrades. hash4j has no LSH; the
 *       banding is a few lines here.
 *   <li>Two texts agree on a component with probability equal to the Jaccard similarity J of their shingle sets,
 *       so two copies share at least one band with probability 1 − (1 − J⁴)³²: above 0.999 at J = 0.8 (the index
 *       stage's threshold), 0.87 at J = 0.5, 0.23 at J = 0.3 and 0.05 at J = 0.2. Candidates are then checked
 *       on the whole signature, so a false candidate costs a comparison, not a wrong cluster.
 *   <li>Jaccard on shingle sets is symmetric and penalises size differences: a long article that quotes a short
 *       one entirely shares the short one's shingles but is far from it (J ≈ short / long).
 *   <li>Texts of fewer than {@value #MIN_WORDS} words get no fingerprint: such texts are teasers, paywall or
 *       cookie notices that read the same on unrelated pages, and clustering them would merge different stories.
 * </ul>
 *
 * <p>Stateless and thread-safe: share one.
 */
public final class TextFingerprinter {
    public static final int SHINGLE_WORDS = 5;
    public static final int COMPONENTS = 128;
    public static final int ROWS_PER_BAND = 4;
    public static final int BANDS = COMPONENTS / ROWS_PER_BAND;
    public static final int MIN_WORDS = 25;
    /** Names everything that makes two fingerprints comparable; a change of any part needs a new name. */
    public static final String SCHEME = "minhash-hash4j-v1-komihash5-w" + SHINGLE_WORDS + "-c" + COMPONENTS + "x32-b"
            + BANDS + "r" + ROWS_PER_BAND;

    private static final SimilarityHashPolicy POLICY =
            SimilarityHashing.minHash(COMPONENTS, Integer.SIZE, MinHashVersion.V1);
    private static final Hasher64 HASH = Hashing.komihash5_0();

    /** The fingerprint of {@code text}, or empty when it has fewer than {@value #MIN_WORDS} words. */
    public Optional<TextFingerprint> fingerprint(String text) {
        Objects.requireNonNull(text, "text");
        List<String> words = TextNormalizer.words(text);
        if (words.size() < MIN_WORDS) {
            return Optional.empty();
        }
        int[] components = signature(shingleHashes(words));
        return Optional.of(TextFingerprint.of(SCHEME, ArticleIds.contentHash(String.join(" ", words)), components,
                bands(components)));
    }

    /** One 64-bit hash per word shingle (repeats included: MinHash sees a set either way). */
    static long[] shingleHashes(List<String> words) {
        long[] hashes = new long[words.size() - SHINGLE_WORDS + 1];
        for (int start = 0; start < hashes.length; start++) {
            var stream = HASH.hashStream();
            for (int i = start; i < start + SHINGLE_WORDS; i++) {
                stream.putString(words.get(i)); // length-prefixed: "ab c" and "a bc" differ
            }
            hashes[start] = stream.getAsLong();
        }
        return hashes;
    }

    /** The MinHash components of a set of element hashes. */
    static int[] signature(long[] elementHashes) {
        byte[] signature = POLICY.createHasher().compute(ElementHashProvider.ofValues(elementHashes));
        int[] components = new int[COMPONENTS];
        for (int i = 0; i < COMPONENTS; i++) {
            components[i] = (int) POLICY.getComponent(signature, i);
        }
        return components;
    }

    /** The band keys: each band's position and components, hashed, as 16 hex digits. */
    static List<String> bands(int[] components) {
        var keys = new ArrayList<String>(BANDS);
        for (int band = 0; band < BANDS; band++) {
            var stream = HASH.hashStream().putString(SCHEME).putInt(band);
            for (int row = 0; row < ROWS_PER_BAND; row++) {
                stream.putInt(components[band * ROWS_PER_BAND + row]);
            }
            keys.add(HexFormat.of().toHexDigits(stream.getAsLong()));
        }
        return keys;
    }
}
