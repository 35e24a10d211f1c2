package io.outsight.core.record;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * A fingerprint's band keys when each is 16 lowercase hex digits, as enrich writes them: held as their 64-bit values,
 * read as the same strings. The index stage reads the 32 keys of every article it writes: made strings, copied into a
 * list and hashed character by character, they cost its thread 2 KB of garbage per article (a fifth of what it
 * allocates, the document's copy included) and a twelfth of its time, where it now reads and hashes the values
 * ({@link #value}; {@code PlacementBenchmark}, BENCHMARKS.md). Immutable.
 */
public final class HexBandKeys extends AbstractList<String> implements RandomAccess {
    /** How long a key is: the digits of 64 bits. */
    public static final int KEY_LENGTH = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final HexBandKeys NONE = new HexBandKeys(new long[0]);
    /** Each character's value as a lowercase hex digit, -1 where it is none. */
    private static final byte[] DIGITS = digits();

    private final long[] values;

    private HexBandKeys(long[] values) {
        this.values = values;
    }

    /** The keys as values, or null when one of them is not {@linkplain #isKey a key of 16 lowercase hex digits}. */
    public static @Nullable HexBandKeys of(List<String> keys) {
        var values = new long[keys.size()];
        for (int i = 0; i < values.length; i++) {
            String key = keys.get(i);
            if (key == null || !isKey(key)) {
                return null;
            }
            values[i] = valueOf(key);
        }
        return ofValues(values, values.length);
    }

    /**
     * The keys of the first {@code count} values, each written as 16 lowercase hex digits. An array of exactly
     * {@code count} values is held as it is, not copied: the caller must not change it afterwards.
     */
    public static HexBandKeys ofValues(long[] values, int count) {
        if (count == 0) {
            return NONE;
        }
        return new HexBandKeys(count == values.length ? values : Arrays.copyOf(values, count));
    }

    /** Whether the text is 16 lowercase hex digits, the form {@link #get} writes back exactly. */
    public static boolean isKey(CharSequence text) {
        if (text.length() != KEY_LENGTH) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < KEY_LENGTH; i++) {
            digits |= digit(text.charAt(i));
        }
        return digits >= 0;
    }

    /** {@link #isKey(CharSequence)} for {@code length} characters of an array, without making a string of them. */
    public static boolean isKey(char[] chars, int offset, int length) {
        if (length != KEY_LENGTH) {
            return false;
        }
        int digits = 0;
        for (int i = offset; i < offset + KEY_LENGTH; i++) {
            digits |= digit(chars[i]);
        }
        return digits >= 0;
    }

    /** The value of a {@linkplain #isKey key}. */
    public static long valueOf(CharSequence key) {
        long value = 0;
        for (int i = 0; i < KEY_LENGTH; i++) {
            value = value << 4 | digit(key.charAt(i));
        }
        return value;
    }

    /** The value of the {@linkplain #isKey(char[], int, int) key} at {@code offset}. */
    public static long valueOf(char[] chars, int offset) {
        long value = 0;
        for (int i = offset; i < offset + KEY_LENGTH; i++) {
            value = value << 4 | digit(chars[i]);
        }
        return value;
    }

    /**
     * A lowercase hex digit's value, or -1 for any other character (upper case included: it would not read back).
     * Looked up, not compared: a key's characters are random digits and letters, and range tests mispredicted often
     * enough to make reading the keys slower than making strings of them. Public for readers of other forms of the
     * keys' text ({@code SummaryScanner} reads bytes).
     */
    public static int digit(char c) {
        return c < DIGITS.length ? DIGITS[c] : -1;
    }

    private static byte[] digits() {
        var digits = new byte[128];
        Arrays.fill(digits, (byte) -1);
        for (int value = 0; value < 16; value++) {
            digits[Character.forDigit(value, 16)] = (byte) value;
        }
        return digits;
    }

    /** The value of key {@code index}. */
    public long value(int index) {
        return values[index];
    }

    @Override
    public String get(int index) {
        return HEX.toHexDigits(values[index]);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        if (other instanceof HexBandKeys keys) {
            return Arrays.equals(values, keys.values);
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode(); // a list's hash, as List.equals requires: the same as the strings' list
    }
}
