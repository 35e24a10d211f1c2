package io.outsight.enrich.tag;

import io.outsight.enrich.nlp.AnalyzedText;
import io.outsight.enrich.nlp.NlpPipeline;
import io.outsight.enrich.nlp.Sentence;
import io.outsight.enrich.nlp.Token;
import io.outsight.enrich.taxonomy.Words;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The title or the body of an article, as the taggers see it: its text, its {@link Words} and its sentences.
 * The title counts as one sentence. Part-of-speech tags are made on demand for a few words at a time, and kept (POS
 * tagging the whole text would cost three times its sentence detection and tokenisation, and one rule needs them
 * for a few words only). Not thread-safe (the tag cache): one per {@code tag} call.
 */
final class Section {
    private final String text;
    private final Words words;
    private final AnalyzedText analyzed;
    private final boolean title;
    private final @Nullable NlpPipeline pos;
    private final String @Nullable [] posByToken;

    /** A section whose tokens carry the POS tags they were analysed with (none when analysed without). */
    Section(AnalyzedText analyzed, boolean title) {
        this(analyzed, title, null);
    }

    /**
     * @param pos the pipeline that tags parts of speech where a rule asks for them, or null to use the tags of the
     *     tokens (if any)
     */
    Section(AnalyzedText analyzed, boolean title, @Nullable NlpPipeline pos) {
        this.text = analyzed.text();
        this.words = Words.of(text);
        this.analyzed = analyzed;
        this.title = title;
        this.pos = pos;
        this.posByToken = pos == null ? null : new String[analyzed.tokens().size()];
    }

    /** Where each word is: its indices in {@link #words()}, in order, keyed by the word as written. Made on first use. */
    private java.util.@Nullable Map<String, int[]> wordIndex;

    /** The indices in {@link #words()} of the words written exactly so, in text order (none: an empty array). */
    int[] wordsWritten(String surface) {
        if (wordIndex == null) {
            java.util.Map<String, int[]> index = new java.util.HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] at = index.get(words.surface(w));
                if (at == null) {
                    index.put(words.surface(w), new int[] {w});
                } else {
                    at = java.util.Arrays.copyOf(at, at.length + 1);
                    at[at.length - 1] = w;
                    index.put(words.surface(w), at);
                }
            }
            wordIndex = index;
        }
        return wordIndex.getOrDefault(surface, NO_WORDS);
    }

    private static final int[] NO_WORDS = {};

    /** Whether parts of speech are tagged on demand (rather than read from the tokens). */
    boolean posOnDemand() {
        return pos != null;
    }

    /** Tokens of context on each side of a token whose part of speech is asked (the tagger looks two words away). */
    private static final int POS_CONTEXT = 2;

    /**
     * The POS tag of the token at the index in {@link AnalyzedText#tokens()}, or null when there is none. Tags are
     * made on demand for a window of the token's sentence (the token, the next few and {@link #POS_CONTEXT} tokens
     * of context on each side) and kept for the window's inner tokens.
     */
    @Nullable String posOf(int tokenIndex) {
        List<Token> tokens = analyzed.tokens();
        Token token = tokens.get(tokenIndex);
        if (pos == null || posByToken == null || token.pos() != null) {
            return token.pos();
        }
        String tag = posByToken[tokenIndex];
        if (tag == null) {
            Sentence sentence = analyzed.sentences().get(token.sentence());
            int first = sentence.firstToken();
            int last = first + sentence.tokenCount();
            int from = Math.max(first, tokenIndex - POS_CONTEXT);
            int to = Math.min(last, tokenIndex + 3 + POS_CONTEXT);
            String[] tags = pos.posTags(tokens.subList(from, to));
            // keep the tags that had their full context: the window's inner tokens, or those at the sentence's ends
            int keepFrom = from == first ? from : from + POS_CONTEXT;
            int keepTo = to == last ? to : to - POS_CONTEXT;
            for (int i = Math.min(keepFrom, tokenIndex); i < Math.max(keepTo, tokenIndex + 1); i++) {
                posByToken[i] = tags[i - from];
            }
            tag = posByToken[tokenIndex];
        }
        return tag;
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
