package io.outsight.enrich.tag;

import io.outsight.enrich.nlp.AnalyzedText;
import io.outsight.enrich.nlp.Sentence;
import io.outsight.enrich.taxonomy.Words;
import java.util.List;

/**
 * The title or the body of an article, as the taggers see it: its text, its {@link Words} and its sentences.
 * The title counts as one sentence. Immutable.
 */
final class Section {
    private final String text;
    private final Words words;
    private final AnalyzedText analyzed;
    private final boolean title;

    Section(AnalyzedText analyzed, boolean title) {
        this.text = analyzed.text();
        this.words = Words.of(text);
        this.analyzed = analyzed;
        this.title = title;
    }

    String text() {
        return text;
    }

    Words words() {
        return words;
    }

    AnalyzedText analyzed() {
        return analyzed;
    }

    boolean isTitle() {
        return title;
    }

    List<Sentence> sentences() {
        return analyzed.sentences();
    }

    int sentenceIndexAt(int offset) {
        return title ? 0 : analyzed.sentenceIndexAt(offset);
    }

    /** Start offset of the sentence holding the offset. */
    int sentenceStart(int offset) {
        if (title || analyzed.sentences().isEmpty()) {
            return 0;
        }
        return analyzed.sentences().get(analyzed.sentenceIndexAt(offset)).start();
    }

    /** End offset of the sentence holding the offset. */
    int sentenceEnd(int offset) {
        if (title || analyzed.sentences().isEmpty()) {
            return text.length();
        }
        return analyzed.sentences().get(analyzed.sentenceIndexAt(offset)).end();
    }

    /** The character range of the sentence holding the offset and of its neighbours: [start, end). */
    int[] nearWindow(int offset) {
        List<Sentence> sentences = analyzed.sentences();
        if (title || sentences.isEmpty()) {
            return new int[] {0, text.length()};
        }
        int i = analyzed.sentenceIndexAt(offset);
        int from = sentences.get(Math.max(0, i - 1)).start();
        int to = sentences.get(Math.min(sentences.size() - 1, i + 1)).end();
        return new int[] {from, to};
    }
}
