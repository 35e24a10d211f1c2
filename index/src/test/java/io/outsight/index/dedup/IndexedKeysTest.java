package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.TextFingerprint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The filter rules out exactly the articles the candidate search would find nothing for, give or take its errors. */
class IndexedKeysTest {
    private static EnrichedSummary article(String id, @Nullable TextFingerprint fingerprint) {
        return ClusterRuleTest.article("https://example.com/" + id, Instant.parse("2026-05-01T00:00:00Z"),
                fingerprint);
    }

    private static IndexedKeys holding(EnrichedSummary... articles) {
        var keys = new IndexedKeys();
        keys.allocate(articles.length);
        for (EnrichedSummary article : articles) {
            keys.add(article.id(), article.fingerprint());
        }
        return keys;
    }

    @Test
    void anArticleTheSearchWouldFindSomethingForIsNotRuledOut() {
        var story = article("story", Fingerprints.story(1));
        var keys = holding(story);
        assertTrue(keys.mayBeIndexed(story), "its own document");
        assertTrue(keys.mayBeIndexed(article("copy", Fingerprints.copy(1, 20, 1))), "a copy shares many bands");
        assertTrue(keys.mayBeIndexed(article("two-parts", Fingerprints.sharingBandsAt(1, 0, 1))),
                "two band keys in two of the search's parts");
        var sameText = new TextFingerprint(Fingerprints.SCHEME, Fingerprints.story(1).textHash(),
                Fingerprints.story(2).signature(), Fingerprints.story(2).bands());
        assertTrue(keys.mayBeIndexed(article("same-text", sameText)), "the normalised text's hash");
    }

    @Test
    void anArticleTheSearchWouldFindNothingForIsRuledOut() {
        var keys = holding(article("story", Fingerprints.story(1)));
        assertFalse(keys.mayBeIndexed(article("unrelated", Fingerprints.story(2))));
        assertFalse(keys.mayBeIndexed(article("one-band", Fingerprints.sharingBand(1, 5))), "a single shared key");
        // Bands 3 and 11 are both in part 3: the search asks for keys in two parts, so it would not return the story.
        assertFalse(keys.mayBeIndexed(article("one-part", Fingerprints.sharingBandsAt(1, 3, 11))));
        assertFalse(keys.mayBeIndexed(article("unfingerprinted", null)));
    }

    @Test
    void articlesWithoutFingerprintAreHeldByTheirId() {
        var bare = article("bare", null);
        var keys = holding(bare);
        assertTrue(keys.mayBeIndexed(article("bare", Fingerprints.story(3))), "a new enrichment of the same page");
    }

    @Test
    void keysGivenBeforeTheFilterIsSizedAreKept() {
        var keys = new IndexedKeys();
        var early = article("early", Fingerprints.story(4));
        keys.add(early.id(), early.fingerprint());
        assertTrue(keys.mayBeIndexed(article("unrelated", Fingerprints.story(5))), "unsized: nothing is ruled out");
        keys.allocate(1_000);
        assertTrue(keys.mayBeIndexed(early));
        assertFalse(keys.mayBeIndexed(article("unrelated", Fingerprints.story(5))));
    }

    @Test
    void aFilterHoldsThreeTimesTheArticlesTheIndexHeldBeforeItIsFull() {
        int indexed = IndexedKeys.MIN_ARTICLES / 2;
        var keys = new IndexedKeys();
        keys.allocate(indexed);
        for (int i = 0; i < IndexedKeys.GROWTH * indexed; i++) {
            keys.add("article-" + i, (long[]) null);
        }
        assertFalse(keys.full());
        keys.add("one-more", (long[]) null);
        assertTrue(keys.full());

        var fresh = new IndexedKeys();
        fresh.allocate(0);
        for (int i = 0; i < IndexedKeys.MIN_ARTICLES; i++) {
            fresh.add("article-" + i, (long[]) null);
        }
        assertFalse(fresh.full(), "a fresh index's filter holds the minimum");
        fresh.add("one-more", (long[]) null);
        assertTrue(fresh.full());
    }

    @Test
    void fewArticlesThatShareNothingAreSearchedOnceTheFilterIsFull() {
        var keys = new IndexedKeys();
        keys.allocate(0);
        for (int story = 0; story < IndexedKeys.MIN_ARTICLES; story++) {
            keys.add("held-" + story, Fingerprints.story(story));
        }
        assertFalse(keys.full());
        int searched = 0;
        int tried = 2_000;
        for (int story = 0; story < tried; story++) {
            if (keys.mayBeIndexed(article("new-" + story, Fingerprints.story(1_000_000 + story)))) {
                searched++;
            }
        }
        // About 1.6 % expected (IndexedKeys#BITS_PER_KEY); a filter twice as wrong would fail.
        assertTrue(searched < tried * 0.03, searched + " of " + tried + " searched");
        keys.add("one-more", Fingerprints.story(-1));
        assertTrue(keys.full());
    }
}
