package io.outsight.index.dedup;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands the documents one search found for several articles back to the articles they match, as the
 * article-by-article search would have found them: an article's own document, and the documents sharing its
 * normalised-text hash or {@linkplain ClusterRule#sharedBandsRequired enough} of its band keys. A band key is a hash
 * of the band's position and components, so two fingerprints of one scheme share a key exactly when their components
 * in that band are equal; comparing components needs no band keys from the index (they have no doc values).
 *
 * <p>The articles are indexed by band, and each document is probed once per band: matching costs a map probe per
 * band and document, not a comparison of every article with every document, and a document that matches no article
 * (it shares a single key with one by chance, the common case in a large index) is kept nowhere. The probe's key is a
 * 64-bit hash of the scheme, the band's position and its components: a collision (about one in 10^19 per pair of
 * bands) would only add a candidate, which {@link ClusterRule} then weighs by its similarity like any other. Keying
 * by the components themselves, as lists of boxed integers, cost a fifth of the index stage's time. Stateless and
 * thread-safe.
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
        var index = new ArticleIndex(articles);
        var self = new HashMap<String, ClusterMember>();
        var candidates = new HashMap<String, List<ClusterMember>>();
        var seen = new HashSet<String>();
        for (ClusterMember document : documents) {
            if (!seen.add(document.id())) {
                continue; // the same article in two indices behind the alias (during a reprocess): the first counts
            }
            if (index.isArticle(document.id())) {
                self.put(document.id(), document);
            }
            for (EnrichedSummary article : index.matching(document)) {
                var found = candidates.computeIfAbsent(article.id(), id -> new ArrayList<>());
                if (!article.id().equals(document.id()) && found.size() < maxCandidates) {
                    found.add(document);
                }
            }
        }
        var result = new LinkedHashMap<String, CandidateLookup.Found>();
        for (EnrichedSummary article : articles) {
            result.put(article.id(), new CandidateLookup.Found(self.get(article.id()),
                    List.copyOf(candidates.getOrDefault(article.id(), List.of()))));
        }
        return result;
    }

    /** The articles by scheme and normalised-text hash, and by scheme, band position and that band's components. */
    private static final class ArticleIndex {
        private final List<EnrichedSummary> articles;
        private final Map<String, Integer> rowsPerBand;
        private final Set<String> ids = new HashSet<>();
        private final Map<String, List<Integer>> byText = new HashMap<>();
        private final Map<Long, List<Integer>> byBand = new HashMap<>();
        /** Band keys each article needs to share with a document. */
        private final int[] required;
        /** Keys each article shares with the document being matched; reset after each document. */
        private final int[] shared;

        ArticleIndex(List<EnrichedSummary> articles) {
            this.articles = articles;
            this.rowsPerBand = rowsPerBand(articles);
            this.required = new int[articles.size()];
            this.shared = new int[articles.size()];
            for (int i = 0; i < articles.size(); i++) {
                EnrichedSummary article = articles.get(i);
                ids.add(article.id());
                TextFingerprint fingerprint = article.fingerprint();
                if (fingerprint == null) {
                    continue;
                }
                required[i] = ClusterRule.sharedBandsRequired(fingerprint);
                byText.computeIfAbsent(textKey(fingerprint), k -> new ArrayList<>(1)).add(i);
                for (long key : bandKeys(fingerprint)) {
                    byBand.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
                }
            }
        }

        boolean isArticle(String id) {
            return ids.contains(id);
        }

        /** The articles the document shares the text hash or enough bands with, in the order of the articles. */
        List<EnrichedSummary> matching(ClusterMember document) {
            TextFingerprint fingerprint = document.fingerprint();
            if (fingerprint == null) {
                return List.of();
            }
            var touched = new ArrayList<Integer>();
            for (long key : bandKeys(fingerprint)) {
                for (int i : byBand.getOrDefault(key, List.of())) {
                    if (shared[i]++ == 0) {
                        touched.add(i);
                    }
                }
            }
            var matched = new boolean[articles.size()];
            boolean any = false;
            for (int i : touched) {
                if (shared[i] >= required[i]) {
                    matched[i] = any = true;
                }
                shared[i] = 0;
            }
            for (int i : byText.getOrDefault(textKey(fingerprint), List.of())) {
                matched[i] = any = true;
            }
            if (!any) {
                return List.of();
            }
            var found = new ArrayList<EnrichedSummary>();
            for (int i = 0; i < matched.length; i++) {
                if (matched[i]) {
                    found.add(articles.get(i));
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
                long h = KeyHashes.mix(scheme * 31 + band);
                for (int i = band * rows; i < (band + 1) * rows; i++) {
                    h = KeyHashes.mix(h ^ (components[i] & 0xFFFFFFFFL));
                }
                keys[band] = h;
            }
            return keys;
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

        private static String textKey(TextFingerprint fingerprint) {
            return fingerprint.scheme() + '\n' + fingerprint.textHash();
        }
    }
}
