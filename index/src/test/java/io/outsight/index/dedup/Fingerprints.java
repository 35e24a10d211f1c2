package io.outsight.index.dedup;

import io.outsight.core.record.TextFingerprint;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Fingerprints with a known similarity, for the index side's tests: the index never hashes text, it compares
 * components and matches band keys, so a story is a seeded random signature and a copy is that signature with some
 * components changed (similarity = unchanged / 128). Real fingerprints of real text are tested in enrich and app.
 */
public final class Fingerprints {
    static final String SCHEME = "test-scheme";
    static final int COMPONENTS = 128;
    static final int ROWS = 4;

    private Fingerprints() {}

    /** The fingerprint of story {@code story}. */
    public static TextFingerprint story(long story) {
        return copy(story, 0, 0);
    }

    /** A copy of story {@code story} with {@code changed} of its components different (variant picks which values). */
    public static TextFingerprint copy(long story, int changed, long variant) {
        int[] components = new SplittableRandom(story).ints(COMPONENTS).toArray();
        var random = new SplittableRandom(story * 31 + variant + 1);
        // Change the components spread over the bands, so that no band survives by accident of the positions.
        for (int i = 0; i < changed; i++) {
            int position = (i * ROWS) % COMPONENTS + (i * ROWS) / COMPONENTS;
            components[position] = random.nextInt();
        }
        String textHash = changed == 0 ? "story-" + story : "story-" + story + "-variant-" + variant + "-" + changed;
        return TextFingerprint.of(SCHEME, textHash, components, bands(components));
    }

    /**
     * A text like story {@code story} in its first {@code shared} bands only: every later band has a component changed,
     * so it shares exactly {@code shared} band keys with the story (an unrelated text that shares some by chance).
     */
    public static TextFingerprint sharingBands(long story, int shared) {
        return keeping(story, band -> band < shared, "sharing-" + shared);
    }

    /** A text like story {@code story} in band {@code band} only: it shares that one band key with the story. */
    public static TextFingerprint sharingBand(long story, int band) {
        return sharingBandsAt(story, band);
    }

    /** A text like story {@code story} in the given bands only: it shares exactly those band keys with the story. */
    public static TextFingerprint sharingBandsAt(long story, int... bands) {
        var kept = java.util.Arrays.stream(bands).boxed().collect(java.util.stream.Collectors.toSet());
        return keeping(story, kept::contains, "band-" + kept);
    }

    /** Story {@code story} with the first component of every band not {@code kept} changed. */
    private static TextFingerprint keeping(long story, IntPredicate kept, String variant) {
        int[] components = story(story).components();
        for (int band = 0; band < COMPONENTS / ROWS; band++) {
            if (!kept.test(band)) {
                components[band * ROWS] ^= 1;
            }
        }
        return TextFingerprint.of(SCHEME, "story-" + story + "-" + variant, components, bands(components));
    }

    static List<String> bands(int[] components) {
        var bands = new ArrayList<String>();
        for (int band = 0; band < COMPONENTS / ROWS; band++) {
            long key = band;
            for (int row = 0; row < ROWS; row++) {
                key = KeyHashes.mix(key * 31 + (components[band * ROWS + row] & 0xFFFFFFFFL));
            }
            bands.add(HexFormat.of().toHexDigits(key)); // 16 hex digits, as enrich writes them
        }
        return bands;
    }
}
