package io.outsight.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {
    @Test
    void isHexSha256OfTheCanonicalUrl() {
        assertTrue(ArticleIds.of("https://example.com/a").matches("[0-9a-f]{64}"));
        assertEquals(ArticleIds.of("https://example.com/a"), ArticleIds.of("https://example.com/a"));
        assertNotEquals(ArticleIds.of("https://example.com/a"), ArticleIds.of("https://example.com/b"));
    }

    @Test
    void matchesAKnownDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ArticleIds.of("abc"));
    }

    @Test
    void refusesBlankUrls() {
        assertThrows(IllegalArgumentException.class, () -> ArticleIds.of(" "));
    }
}
