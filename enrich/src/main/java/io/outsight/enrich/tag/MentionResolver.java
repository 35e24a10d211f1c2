package io.outsight.enrich.tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Settles overlaps between the taggers' mentions: the statistical model's mentions only fill what the dictionaries
 * and rules left free; among those, the longer mention wins; at equal length the type earlier in
 * {@link EntityTypes#ALL} wins (an organisation over a country, so "Philippine Economic Zone Authority" is one
 * organisation); several canonical values of one span ("IT-BPM": ITO and BPO) all stay. Countries and regions
 * inside a kept organisation's name are returned apart: they are no mention of their own, but they still tell
 * where the article is about. Stateless and thread-safe.
 */
final class MentionResolver {

    record Resolved(List<Mention> kept, List<Mention> nested) {}

    static Resolved resolve(List<Mention> mentions) {
        List<Mention> sorted = new ArrayList<>(mentions);
        // The statistical model only fills gaps: dictionary and rule mentions are placed first.
        sorted.sort(Comparator.comparing((Mention m) -> m.source().equals(EntityTypes.MODEL))
                .thenComparing(Comparator.comparingInt(Mention::length).reversed())
                .thenComparingInt(m -> EntityTypes.ALL.indexOf(m.type()))
                .thenComparingInt(Mention::start));
        List<Mention> kept = new ArrayList<>();
        List<Mention> nested = new ArrayList<>();
        // the characters that kept mentions cover, in the title and in the body: a mention over none of them clashes
        // with none, and most mentions are such (the scan of the kept list is for the others)
        java.util.BitSet titleCovered = new java.util.BitSet();
        java.util.BitSet bodyCovered = new java.util.BitSet();
        boolean emptyKept = false;
        for (Mention m : sorted) {
            java.util.BitSet covered = m.inTitle() ? titleCovered : bodyCovered;
            if (!emptyKept && m.start() < m.end()) {
                int next = covered.nextSetBit(m.start());
                if (next < 0 || next >= m.end()) {
                    kept.add(m);
                    covered.set(m.start(), m.end());
                    continue;
                }
            }
            boolean clash = false;
            for (Mention k : kept) {
                boolean sameSpan = k.start() == m.start() && k.end() == m.end() && k.inTitle() == m.inTitle();
                if (k.overlaps(m) && !(sameSpan && k.type().equals(m.type()))) {
                    clash = true;
                    if (k.contains(m) && k.type().equals(EntityTypes.ORGANIZATION)
                            && (m.type().equals(EntityTypes.COUNTRY) || m.type().equals(EntityTypes.REGION))) {
                        nested.add(m);
                    }
                    break;
                }
            }
            if (!clash) {
                kept.add(m);
                if (m.start() < m.end()) {
                    covered.set(m.start(), m.end());
                } else {
                    emptyKept = true; // an empty mention overlaps those around its offset, which no bit shows
                }
            }
        }
        kept.sort(Comparator.comparing(Mention::inTitle).reversed().thenComparingInt(Mention::start));
        return new Resolved(kept, nested);
    }

    private MentionResolver() {}
}
