/**
 * Similarity fingerprints of an article's main text, for near-duplicate clustering of syndicated copies: the text
 * normalised ({@link io.outsight.enrich.dedup.TextNormalizer}), cut into word shingles and summarised as a MinHash
 * signature with LSH band keys ({@link io.outsight.enrich.dedup.TextFingerprinter}). The clustering itself needs the
 * whole corpus and lives with the index stage ({@code io.outsight.index.dedup}).
 */
@NullMarked
package io.outsight.enrich.dedup;

import org.jspecify.annotations.NullMarked;
