package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hands the documents one search found for a whole batch back to the articles they match, as the article-by-article
 * search would have found them: an article's own document, and the documents sharing its normalised-text hash or one
 * of its band keys. A band key is a hash of the band's position and components, so two fingerprints of one scheme share
 * a key exactly when their components in that band are equal; comparing components needs no band keys from the index
 * (they have no doc values).
 *
 * <p>Documents are indexed by band once, so matching costs a map probe per band and article, not a comparison of every
 * article with every document. The probe's key is a 64-bit hash of the scheme, the band's position and its components:
 * a collision (about one in 10^19 per pair of bands) would only add a candidate, which {@link ClusterRule} then weighs
 * by its similarity like any other. Keying by the components themselves, as lists of boxed integers, cost a fifth of
 * the index stage's time. Stateless and thread-safe.
 */
final class CandidateMatcher {
    private CandidateMatcher() {}

    /**
     * @param articles articles with a fingerprint
     * @param documents what the search returned for them
     * @param maxCandidates most candidates per article, in the order the documents came
     * @return by article id, for every article
     */
    static Map<String, CandidateLookup.Found> match(List<EnrichedSummary> articles, List<ClusterMember> documents,
            int maxCandidates) {
        var byId = new HashMap<String, ClusterMember>();
        var index = new BandIndex(rowsPerBand(articles));
        for (ClusterMember document : documents) {
            byId.put(document.id(), document);
            index.add(document);
        }
        var found = new LinkedHashMap<String, CandidateLookup.Found>();
        for (EnrichedSummary article : articles) {
            var candidates = index.matches(article.fingerprint());
            candidates.remove(article.id());
            found.put(article.id(), new CandidateLookup.Found(byId.get(article.id()),
                    candidates.values().stream().limit(maxCandidates).toList()));
        }
        return found;
    }

    /** Components per band of each scheme in the batch, from the articles' fingerprints (their documents' alike). */
    private static Map<String, Integer> rowsPerBand(List<EnrichedSummary> articles) {
        var rows = new HashMap<String, Integer>();
        for (EnrichedSummary article : articles) {
            TextFingerprint fingerprint = article.fingerprint();
            if (fingerprint != null && !fingerprint.bands().isEmpty() && !rows.containsKey(fingerprint.scheme())) {
                int components = fingerprint.components().length;
                int bands = fingerprint.bands().size();
                if (components % bands == 0) {
                    rows.put(fingerprint.scheme(), components / bands);
                }
            }
        }
        return rows;
    }

    /** Documents by scheme and normalised-text hash, and by scheme, band position and that band's components. */
    private static final class BandIndex {
        private final Map<String, Integer> rowsPerBand;
        private final Map<String, List<ClusterMember>> byText = new HashMap<>();
        private final Map<Long, List<ClusterMember>> byBand = new HashMap<>();

        BandIndex(Map<String, Integer> rowsPerBand) {
            this.rowsPerBand = rowsPerBand;
        }

        void add(ClusterMember document) {
            TextFingerprint fingerprint = document.fingerprint();
            if (fingerprint == null) {
                return;
            }
            byText.computeIfAbsent(textKey(fingerprint), k -> new ArrayList<>()).add(document);
            for (long key : bandKeys(fingerprint)) {
                byBand.computeIfAbsent(key, k -> new ArrayList<>(1)).add(document);
            }
        }

        /** Documents sharing the text hash or a band, by id, in the order they were added. */
        LinkedHashMap<String, ClusterMember> matches(@Nullable TextFingerprint fingerprint) {
            var found = new LinkedHashMap<String, ClusterMember>();
            if (fingerprint == null) {
                return found;
            }
            byText.getOrDefault(textKey(fingerprint), List.of()).forEach(d -> found.putIfAbsent(d.id(), d));
            for (long key : bandKeys(fingerprint)) {
                List<ClusterMember> sharing = byBand.get(key);
                if (sharing != null) {
                    sharing.forEach(d -> found.putIfAbsent(d.id(), d));
                }
            }
            return found;
        }

        private long[] bandKeys(TextFingerprint fingerprint) {
            Integer rows = rowsPerBand.get(fingerprint.scheme());
            if (rows == null) {
                return new long[0];
            }
            int[] components = fingerprint.components();
            long scheme = fingerprint.scheme().hashCode();
            var keys = new long[components.length / rows];
            for (int band = 0; band < keys.length; band++) {
                long h = mix(scheme * 31 + band);
                for (int i = band * rows; i < (band + 1) * rows; i++) {
                    h = mix(h ^ (components[i] & 0xFFFFFFFFL));
                }
                keys[band] = h;
            }
            return keys;
        }

        /** A bijective 64-bit mix (the finaliser of SplitMix64): every input bit reaches every output bit. */
        private static long mix(long value) {
            long z = (value + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private static String textKey(TextFingerprint fingerprint) {
            return fingerprint.scheme() + '\n' + fingerprint.textHash();
        }
    }
}
