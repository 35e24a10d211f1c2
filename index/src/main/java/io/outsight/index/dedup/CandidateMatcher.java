package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedArticle;
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
 * (they have no doc values) and no hashing of our own.
 *
 * <p>Documents are indexed by band once, so matching costs a map probe per band and article, not a comparison of every
 * article with every document. Stateless and thread-safe.
 */
final class CandidateMatcher {
    private CandidateMatcher() {}

    /**
     * @param articles articles with a fingerprint
     * @param documents what the search returned for them
     * @param maxCandidates most candidates per article, in the order the documents came
     * @return by article id, for every article
     */
    static Map<String, CandidateLookup.Found> match(List<EnrichedArticle> articles, List<ClusterMember> documents,
            int maxCandidates) {
        var byId = new HashMap<String, ClusterMember>();
        var index = new BandIndex(rowsPerBand(articles));
        for (ClusterMember document : documents) {
            byId.put(document.id(), document);
            index.add(document);
        }
        var found = new LinkedHashMap<String, CandidateLookup.Found>();
        for (EnrichedArticle article : articles) {
            var candidates = index.matches(article.fingerprint());
            candidates.remove(article.id());
            found.put(article.id(), new CandidateLookup.Found(byId.get(article.id()),
                    candidates.values().stream().limit(maxCandidates).toList()));
        }
        return found;
    }

    /** Components per band of each scheme in the batch, from the articles' fingerprints (their documents' alike). */
    private static Map<String, Integer> rowsPerBand(List<EnrichedArticle> articles) {
        var rows = new HashMap<String, Integer>();
        for (EnrichedArticle article : articles) {
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
        private final Map<BandSlice, List<ClusterMember>> byBand = new HashMap<>();

        BandIndex(Map<String, Integer> rowsPerBand) {
            this.rowsPerBand = rowsPerBand;
        }

        void add(ClusterMember document) {
            TextFingerprint fingerprint = document.fingerprint();
            if (fingerprint == null) {
                return;
            }
            byText.computeIfAbsent(textKey(fingerprint), k -> new ArrayList<>()).add(document);
            for (BandSlice slice : slices(fingerprint)) {
                byBand.computeIfAbsent(slice, k -> new ArrayList<>()).add(document);
            }
        }

        /** Documents sharing the text hash or a band, by id, in the order they were added. */
        LinkedHashMap<String, ClusterMember> matches(@Nullable TextFingerprint fingerprint) {
            var found = new LinkedHashMap<String, ClusterMember>();
            if (fingerprint == null) {
                return found;
            }
            byText.getOrDefault(textKey(fingerprint), List.of()).forEach(d -> found.putIfAbsent(d.id(), d));
            for (BandSlice slice : slices(fingerprint)) {
                byBand.getOrDefault(slice, List.of()).forEach(d -> found.putIfAbsent(d.id(), d));
            }
            return found;
        }

        private List<BandSlice> slices(TextFingerprint fingerprint) {
            Integer rows = rowsPerBand.get(fingerprint.scheme());
            if (rows == null) {
                return List.of();
            }
            int[] components = fingerprint.components();
            var slices = new ArrayList<BandSlice>(components.length / rows);
            for (int band = 0; band < components.length / rows; band++) {
                slices.add(BandSlice.of(fingerprint.scheme(), band, components, band * rows, rows));
            }
            return slices;
        }

        private static String textKey(TextFingerprint fingerprint) {
            return fingerprint.scheme() + '\n' + fingerprint.textHash();
        }
    }

    /** A band of a signature: equal slices mean a shared band key. */
    private record BandSlice(String scheme, int band, List<Integer> components) {
        static BandSlice of(String scheme, int band, int[] signature, int from, int rows) {
            var components = new ArrayList<Integer>(rows);
            for (int i = from; i < from + rows; i++) {
                components.add(signature[i]);
            }
            return new BandSlice(scheme, band, List.copyOf(components));
        }
    }
}
