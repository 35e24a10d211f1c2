package io.outsight.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexBandKeysTest {
    @Test
    void readsBackExactlyTheKeysItWasGiven() {
        var random = new SplittableRandom(3);
        var keys = new ArrayList<String>();
        keys.add("0000000000000000");
        keys.add("ffffffffffffffff");
        keys.add("8000000000000000");
        for (int i = 0; i < 1000; i++) {
            keys.add(HexFormat.of().toHexDigits(random.nextLong()));
        }
        HexBandKeys held = HexBandKeys.of(keys);
        assertNotNull(held);
        assertEquals(keys, held);
        assertEquals(held, keys);
        assertEquals(keys.hashCode(), held.hashCode());
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(HexFormat.of().fromHexDigitsToLong(keys.get(i)), held.value(i));
            char[] chars = ("  " + keys.get(i)).toCharArray();
            assertTrue(HexBandKeys.isKey(chars, 2, 16));
            assertEquals(held.value(i), HexBandKeys.valueOf(chars, 2));
        }
    }

    @Test
    void takesOnlyKeysThatWouldReadBackTheSame() {
        for (String other : new String[] {"0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg",
                "-123456789abcdef", "+123456789abcdef", " 123456789abcdef", "b0", ""}) {
            assertFalse(HexBandKeys.isKey(other), other);
            assertFalse(HexBandKeys.isKey(other.toCharArray(), 0, other.length()), other);
            assertNull(HexBandKeys.of(List.of("0123456789abcdef", other)), other);
        }
        assertNull(HexBandKeys.of(Arrays.asList("0123456789abcdef", null)));
    }

    @Test
    void isAnImmutableListEqualToTheStrings() {
        HexBandKeys held = HexBandKeys.of(List.of("0123456789abcdef", "fedcba9876543210"));
        assertNotNull(held);
        assertThrows(UnsupportedOperationException.class, () -> held.set(0, "0000000000000000"));
        assertThrows(UnsupportedOperationException.class, () -> held.add("0000000000000000"));
        assertEquals(HexBandKeys.ofValues(new long[] {0x0123456789abcdefL, 0xfedcba9876543210L, 5}, 2), held);
        assertFalse(held.equals(HexBandKeys.of(List.of("0123456789abcdef"))));
        assertEquals(List.of(), HexBandKeys.ofValues(new long[0], 0));
    }

    @Test
    void aFingerprintHoldsEnrichsKeysAsValuesAndOthersAsStrings() {
        var hex = List.of("0123456789abcdef", "fedcba9876543210");
        var fromStrings = TextFingerprint.of("s", "h", new int[] {1}, hex);
        assertInstanceOf(HexBandKeys.class, fromStrings.bands());
        assertEquals(hex, fromStrings.bands());
        var fromValues = TextFingerprint.of("s", "h", new int[] {1}, HexBandKeys.of(hex));
        assertEquals(fromStrings, fromValues);
        assertEquals(fromStrings.hashCode(), fromValues.hashCode());

        var mixed = TextFingerprint.of("s", "h", new int[] {1}, List.of("0123456789abcdef", "b1"));
        assertFalse(mixed.bands() instanceof HexBandKeys);
        assertEquals(List.of("0123456789abcdef", "b1"), mixed.bands());
        assertThrows(NullPointerException.class,
                () -> TextFingerprint.of("s", "h", new int[] {1}, Arrays.asList("0123456789abcdef", null)));
    }
}
