package io.outsight.index.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.outsight.core.record.HexBandKeys;
import io.outsight.core.record.TextFingerprint;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The keys' hashes tell apart what the tables and the filter must tell apart. */
class KeyHashesTest {
    @Test
    void everyCharacterOfAKeyCounts() {
        // 16 hex digits (enrich's band keys), and lengths with characters left over after the steps of four.
        for (String key : new String[] {"0123456789abcdef", "7-1a2b3c4d", "story-12345", "a", ""}) {
            for (int at = 0; at < key.length(); at++) {
                String changed = key.substring(0, at) + (char) (key.charAt(at) ^ 1) + key.substring(at + 1);
                assertNotEquals(KeyHashes.band(key), KeyHashes.band(changed), key + " / " + changed);
            }
            assertNotEquals(KeyHashes.band(key), KeyHashes.band(key + "0"), key + " and one more character");
            assertEquals(KeyHashes.band(key), KeyHashes.band(new String(key.toCharArray())), "equal keys, equal hashes");
        }
    }

    @Test
    void theKindsOfKeyNeverShareAHash() {
        for (String key : new String[] {"0123456789abcdef", "doc-1", ""}) {
            long id = KeyHashes.id(key);
            long text = KeyHashes.text(key);
            long band = KeyHashes.band(key);
            assertNotEquals(id, text, key);
            assertNotEquals(id, band, key);
            assertNotEquals(text, band, key);
        }
    }

    @Test
    void bandKeysLikeEnrichsDoNotCollide() {
        var random = new SplittableRandom(7);
        var hashes = new HashSet<Long>();
        var keys = new HashSet<String>();
        for (int i = 0; i < 300_000; i++) {
            String key = HexFormat.of().toHexDigits(random.nextLong());
            if (keys.add(key)) {
                hashes.add(KeyHashes.band(key));
            }
        }
        assertEquals(keys.size(), hashes.size(), "distinct keys, distinct hashes");
    }

    @Test
    void anEnrichKeyHashesAlikeAsAStringAndAsAValue() {
        var keys = List.of("0123456789abcdef", "ffffffffffffffff", "0000000000000000");
        var asValues = TextFingerprint.of("s", "h", new int[] {1}, keys);
        assertInstanceOf(HexBandKeys.class, asValues.bands());
        var asStrings = TextFingerprint.of("s", "h", new int[] {1}, List.of("0123456789ABCDEF", "b1"));
        assertFalse(asStrings.bands() instanceof HexBandKeys);
        long[] hashed = KeyHashes.of(asValues);
        for (int band = 0; band < keys.size(); band++) {
            assertEquals(KeyHashes.band(keys.get(band)), hashed[band], keys.get(band));
        }
        assertEquals(KeyHashes.text("h"), hashed[keys.size()]);
        assertArrayEquals(new long[] {KeyHashes.band("0123456789ABCDEF"), KeyHashes.band("b1"), KeyHashes.text("h")},
                KeyHashes.of(asStrings));
        // Upper case is another key (it would not read back as the same string), so another hash.
        assertNotEquals(KeyHashes.band("0123456789abcdef"), KeyHashes.band("0123456789ABCDEF"));
    }
}
