package io.outsight.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.TextFingerprint;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint on syndicated copies: what must match (same story, other typography, headline or boilerplate)
 * and what must not (a long piece quoting a short one, unrelated stories), and the estimate's accuracy.
 */
class TextFingerprinterTest {
    /** The index stage's threshold (io.outsight.index.dedup.ClusterAssigner.THRESHOLD). */
    private static final double THRESHOLD = 0.8;

    static final String RELEASE = """
            Globex Services said on Tuesday it will open a second delivery centre in Cebu, adding 1,200 seats for \
            customer care, finance and accounting work by the end of 2026. The company, which already employs 4,000 \
            people in Manila, expects the Philippine business process outsourcing market to grow 7 percent this year.

            "Clients want nearshore and offshore capacity that can scale quickly," said Jane Doe, chief operating \
            officer of Globex. The new site will serve banks and insurers in the United States and Australia, and \
            will train graduates from local universities in analytics and automation.

            The IT and Business Process Association of the Philippines estimates that the industry earned USD 38 \
            billion in revenue last year and employs 1.7 million people.""";

    private final TextFingerprinter fingerprinter = new TextFingerprinter();

    private TextFingerprint fp(String text) {
        return fingerprinter.fingerprint(text).orElseThrow(() -> new AssertionError("no fingerprint for " + text));
    }

    private static double similarity(TextFingerprint a, TextFingerprint b) {
        return a.estimatedJaccard(b);
    }

    private static boolean shareABand(TextFingerprint a, TextFingerprint b) {
        return !Collections.disjoint(a.bands(), b.bands());
    }

    @Test
    void describesItsSchemeAndSizes() {
        var f = fp(RELEASE);
        assertEquals(TextFingerprinter.SCHEME, f.scheme());
        assertEquals(TextFingerprinter.COMPONENTS, f.components().length);
        assertEquals(TextFingerprinter.BANDS, f.bands().size());
        assertEquals(TextFingerprinter.BANDS, Set.copyOf(f.bands()).size(), "band keys differ by position");
        assertEquals(64, f.textHash().length());
    }

    @Test
    void sameTextInOtherTypographyIsAnExactDuplicate() {
        String retyped = RELEASE.toUpperCase(java.util.Locale.ROOT).replace("\"", "“").replace(", ", " , ")
                .replace(" ", "\u00a0").replace("\n\n", "\n \n");
        assertEquals(fp(RELEASE), fp(retyped));
        assertEquals(1.0, similarity(fp(RELEASE), fp(retyped)));
    }

    @Test
    void rewordedHeadlineAtTheTopOfTheTextStaysADuplicate() {
        // The headline is not the main text; where a site keeps it in the text, one line barely moves the estimate.
        var first = fp("Globex to add 1,200 seats in Cebu\n\n" + RELEASE);
        var second = fp("Outsourcing firm Globex expands Philippine footprint with new Cebu hub\n\n" + RELEASE);
        assertTrue(similarity(first, second) >= THRESHOLD, "similarity " + similarity(first, second));
        assertTrue(shareABand(first, second));
        assertEquals(fp(RELEASE), fingerprinter.fingerprint(RELEASE).orElseThrow(), "the title is not an input");
    }

    @Test
    void differentBoilerplateAroundTheSameTextIsADuplicate() {
        var wire = fp("CEBU, Philippines (Newswire) — " + RELEASE + "\n\nAbout Globex: Globex is a provider of "
                + "outsourcing services.");
        var portal = fp("By Staff Writer | Updated 3 hours ago\n\n" + RELEASE
                + "\n\nRead more: Top 10 BPO trends to watch. Share this article. © 2026 Outsourcing Portal");
        double s = similarity(wire, portal);
        assertTrue(s >= THRESHOLD, "similarity " + s);
        assertNotEquals(wire.textHash(), portal.textHash(), "near, not exact");
        assertTrue(shareABand(wire, portal));
    }

    @Test
    void aLongArticleThatQuotesAShortOneIsNotItsDuplicate() {
        String analysis = analysis(900, 7) + "\n\nThe announcement in full:\n\n" + RELEASE + "\n\n" + analysis(600, 8);
        double s = similarity(fp(RELEASE), fp(analysis));
        assertTrue(s < 0.5, "similarity " + s);
    }

    @Test
    void unrelatedArticlesAreNotDuplicates() {
        var release = fp(RELEASE);
        var other = fp(analysis(300, 1));
        assertTrue(similarity(release, other) < 0.1, "similarity " + similarity(release, other));
        assertFalse(shareABand(release, other));
        assertTrue(similarity(fp(analysis(300, 2)), other) < 0.1);
    }

    @Test
    void shortTextsGetNoFingerprint() {
        assertTrue(fingerprinter.fingerprint("Subscribe to read the full story. Already a subscriber? Sign in.")
                .isEmpty());
        assertTrue(fingerprinter.fingerprint("").isEmpty());
        assertTrue(fingerprinter.fingerprint(words(TextFingerprinter.MIN_WORDS - 1, 3)).isEmpty());
        assertTrue(fingerprinter.fingerprint(words(TextFingerprinter.MIN_WORDS, 3)).isPresent());
    }

    /**
     * Property: the estimate stays close to the true Jaccard similarity of the shingle sets, over pairs of texts
     * built to overlap anywhere from nothing to everything. With 128 components the standard error is at most
     * 0.044; the seed is fixed, so the run is repeatable.
     */
    @Test
    void estimateIsCloseToTheTrueJaccardSimilarity() {
        var random = new SplittableRandom(Long.getLong("dedup.seed", 20261126L));
        double totalError = 0;
        int cases = 200;
        for (int c = 0; c < cases; c++) {
            int shared = random.nextInt(0, 400);
            var common = randomWords(random, shared);
            var a = concat(randomWords(random, random.nextInt(0, 200)), common,
                    randomWords(random, random.nextInt(0, 200)));
            var b = concat(randomWords(random, random.nextInt(0, 200)), common,
                    randomWords(random, random.nextInt(0, 200)));
            if (a.size() < TextFingerprinter.MIN_WORDS || b.size() < TextFingerprinter.MIN_WORDS) {
                continue;
            }
            double truth = trueJaccard(a, b);
            double estimate = fp(String.join(" ", a)).estimatedJaccard(fp(String.join(" ", b)));
            double error = Math.abs(estimate - truth);
            assertTrue(error < 0.2, "estimate " + estimate + " for true Jaccard " + truth);
            totalError += error;
        }
        assertTrue(totalError / cases < 0.05, "mean error " + totalError / cases);
    }

    private static double trueJaccard(List<String> a, List<String> b) {
        Set<Long> x = new HashSet<>();
        LongStream.of(TextFingerprinter.shingleHashes(a)).forEach(x::add);
        Set<Long> y = new HashSet<>();
        LongStream.of(TextFingerprinter.shingleHashes(b)).forEach(y::add);
        Set<Long> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        var all = new java.util.ArrayList<String>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static final List<String> VOCABULARY = List.of("outsourcing", "market", "india", "philippines", "bpo",
            "kpo", "vendor", "contract", "growth", "revenue", "staff", "centre", "cost", "cloud", "automation",
            "client", "bank", "insurer", "analyst", "forecast", "year", "percent", "billion", "hiring", "deal",
            "service", "delivery", "offshore", "nearshore", "the", "a", "of", "and", "in", "to", "with", "for",
            "on", "by", "said", "will", "new", "global", "firm", "report", "share", "price", "talent", "skills",
            "poland", "mexico", "support", "finance", "legal", "health", "retail", "data", "risk", "demand");

    private static List<String> randomWords(SplittableRandom random, int n) {
        return random.ints(n, 0, VOCABULARY.size()).mapToObj(VOCABULARY::get).toList();
    }

    private static String words(int n, long seed) {
        return String.join(" ", randomWords(new SplittableRandom(seed), n));
    }

    /** A different text of about {@code n} words on the same subject, from a seeded generator. */
    private static String analysis(int n, long seed) {
        var random = new SplittableRandom(seed);
        var text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(VOCABULARY.get(random.nextInt(VOCABULARY.size()))).append(i % 17 == 16 ? ".\n\n" : " ");
        }
        return text.toString();
    }
}
