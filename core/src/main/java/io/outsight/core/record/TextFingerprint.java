package io.outsight.core.record;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A similarity fingerprint of an article's main text, for finding the same story on other pages: a MinHash
 * signature over word shingles of the normalised text, its LSH band keys, and a hash of the normalised text.
 * Computed by enrich (a pure function of the text); compared by the index stage, which needs no hashing of its own:
 * {@link #estimatedJaccard} counts equal signature components, and two articles share a band key only if their
 * signatures agree on every component of that band.
 *
 * @param scheme how the fingerprint was made (algorithm, sizes, shingle width, banding); fingerprints of different
 *     schemes are never compared, and their band keys never meet
 * @param textHash hex hash of the normalised text: equal for exact duplicates (the trivial case)
 * @param signature the MinHash components, each a 32-bit big-endian integer, Base64-encoded
 * @param bands one key per LSH band (a hash of the band's components and its position); keys of 16 lowercase hex
 *     digits, as enrich writes them, are held as their values ({@link HexBandKeys})
 */
public record TextFingerprint(String scheme, String textHash, String signature, List<String> bands) {
    /** Which characters {@link Base64#getDecoder()} takes, by code (the basic alphabet, without the padding). */
    private static final boolean[] BASE64_ALPHABET = alphabet();

    public TextFingerprint {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(textHash, "textHash");
        Objects.requireNonNull(signature, "signature");
        bands = bands == null ? List.of() : compact(bands);
        if (decodedLength(signature) % Integer.BYTES != 0) {
            throw new IllegalArgumentException("signature of scheme " + scheme + " is not a whole number of 32-bit "
                    + "components");
        }
    }

    /** The keys as {@link HexBandKeys} if they all are hex keys, else an immutable copy. */
    private static List<String> compact(List<String> bands) {
        if (bands instanceof HexBandKeys) {
            return bands;
        }
        if (bands.isEmpty()) {
            return List.of(); // every member the index stage writes drops its keys: no array made for none
        }
        HexBandKeys keys = HexBandKeys.of(bands);
        return keys != null ? keys : List.copyOf(bands);
    }

    /**
     * The length of what {@link Base64#getDecoder()} decodes the text to, or its exception where it refuses it, without
     * decoding: every fingerprint the index stage reads or holds is checked here, and decoding each signature only
     * to count its bytes was a tenth of that stage's allocation in the sink benchmark.
     *
     * @throws IllegalArgumentException when the text is not Base64 as the decoder takes it (the basic alphabet; padding
     *     optional but, when present, complete and last; no dangling single character)
     */
    static int decodedLength(String base64) {
        int length = base64.length();
        int bytes = 0;
        int inUnit = 0; // characters read of the current unit of four
        int end = length; // past the padding, if there is any
        for (int i = 0; i < length; i++) {
            char c = base64.charAt(i);
            if (c == '=') {
                end = i + 1;
                if (inUnit == 0 || (inUnit == 2 && (end == length || base64.charAt(end++) != '='))) {
                    throw new IllegalArgumentException("Base64 padding out of place at " + i);
                }
                break;
            }
            if (!isBase64(c)) {
                throw new IllegalArgumentException("illegal Base64 character at " + i);
            }
            if (++inUnit == 4) {
                bytes += 3;
                inUnit = 0;
            }
        }
        if (inUnit == 1) {
            throw new IllegalArgumentException("a dangling Base64 character");
        }
        if (end < length) {
            throw new IllegalArgumentException("Base64 text after its padding, at " + end);
        }
        return bytes + (inUnit == 0 ? 0 : inUnit - 1);
    }

    /**
     * Looked up, not compared: a signature's characters are random over the alphabet, so a chain of range tests
     * mispredicts about once a character (a fifth of the index stage thread's samples in the sink benchmark).
     */
    private static boolean isBase64(char c) {
        return c < BASE64_ALPHABET.length && BASE64_ALPHABET[c];
    }

    private static boolean[] alphabet() {
        var alphabet = new boolean[128];
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".chars().forEach(c -> alphabet[c] = true);
        return alphabet;
    }

    /** A fingerprint from its components, encoded as {@link #signature()} says. */
    public static TextFingerprint of(String scheme, String textHash, int[] components, List<String> bands) {
        var buffer = ByteBuffer.allocate(components.length * Integer.BYTES);
        for (int component : components) {
            buffer.putInt(component);
        }
        return new TextFingerprint(scheme, textHash, Base64.getEncoder().encodeToString(buffer.array()), bands);
    }

    /** The MinHash components of {@link #signature()}. */
    public int[] components() {
        var buffer = ByteBuffer.wrap(Base64.getDecoder().decode(signature));
        int[] components = new int[buffer.remaining() / Integer.BYTES];
        for (int i = 0; i < components.length; i++) {
            components[i] = buffer.getInt();
        }
        return components;
    }

    /**
     * The Jaccard similarity of the two texts' shingle sets as the signatures estimate it: the fraction of equal
     * components (1 for equal normalised texts). 0 when the schemes differ, since their components mean different
     * things.
     */
    public double estimatedJaccard(TextFingerprint other) {
        Objects.requireNonNull(other, "other");
        if (!scheme.equals(other.scheme)) {
            return 0;
        }
        if (textHash.equals(other.textHash)) {
            return 1;
        }
        int[] mine = components();
        int[] theirs = other.components();
        if (mine.length != theirs.length || mine.length == 0) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] == theirs[i]) {
                equal++;
            }
        }
        return (double) equal / mine.length;
    }
}
