package io.outsight.index.dedup;

import io.outsight.core.record.HexBandKeys;
import io.outsight.core.record.TextFingerprint;

/**
 * 64-bit hashes of the keys the clustering matches on: an article's id, its normalised-text hash and its band keys,
 * each kind apart (its characters hashed from a seed of its own; enrich's band keys, themselves 64-bit hashes, mixed
 * from their value). The in-memory tables and the filter of the index's keys probe by these numbers instead of by the
 * strings; two different keys share a hash about once in 10^19 pairs, which only adds a candidate ({@link
 * ClusterRule} verifies every candidate on its signature) or a search (the filter).
 */
final class KeyHashes {
    private static final long ID = 0x1D;
    private static final long TEXT = 0x7E;
    private static final long BAND = 0xBA;

    private KeyHashes() {}

    static long id(String id) {
        return of(ID, id);
    }

    static long text(String textHash) {
        return of(TEXT, textHash);
    }

    /**
     * A band key's hash. A key of 16 lowercase hex digits (enrich's) hashes as its value, the same whether it comes as
     * a string (from the index) or as a value ({@link HexBandKeys}, from a record); any other as its characters.
     */
    static long band(String bandKey) {
        return HexBandKeys.isKey(bandKey) ? mix(HexBandKeys.valueOf(bandKey)) : of(BAND, bandKey);
    }

    /** The band keys' hashes, then the text hash's: what a fingerprint is found by. */
    static long[] of(TextFingerprint fingerprint) {
        var bands = fingerprint.bands();
        var keys = new long[bands.size() + 1];
        if (bands instanceof HexBandKeys values) {
            for (int band = 0; band < bands.size(); band++) {
                keys[band] = mix(values.value(band));
            }
        } else {
            for (int band = 0; band < bands.size(); band++) {
                keys[band] = band(bands.get(band));
            }
        }
        keys[bands.size()] = text(fingerprint.textHash());
        return keys;
    }

    /** A bijective mix of 64 bits (the finaliser of SplitMix64): every input bit reaches every output bit. */
    static long mix(long value) {
        long z = (value + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Four characters to a step (each step a bijection of the state for a given word, so two keys of one length that
     * differ in one word never meet before the final mix), seeded with the kind and the length, then mixed. It was
     * FNV-1a, a multiplication per character, each waiting for the one before: hashing an article's 33 keys was a
     * tenth of the index stage thread's own work, and a third less with this (JFR of {@code PlacementBenchmark}: 148
     * samples of 1,206, then 100).
     */
    private static long of(long kind, String value) {
        int length = value.length();
        long h = (kind * 0x9E3779B97F4A7C15L) ^ length;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            long word = value.charAt(i) | (long) value.charAt(i + 1) << 16 | (long) value.charAt(i + 2) << 32
                    | (long) value.charAt(i + 3) << 48;
            h = Long.rotateLeft(h ^ (word * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        for (; i < length; i++) {
            h = (h ^ value.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }
}
