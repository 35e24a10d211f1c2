package io.outsight.enrich.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/**
 * Splits a text into sentences and tokens with character offsets into it. The text is first cut into blocks at line
 * breaks (articles put paragraphs, headings and list items on lines of their own), so no sentence spans two blocks;
 * OpenNLP's sentence detector then splits each block, and its tokenizer splits each sentence.
 *
 * <p>Thread-safe: the models are shared, and each thread gets its own {@code *ME} instances (OpenNLP 2.5's are not
 * thread-safe), created on the thread's first call.
 */
public final class NlpPipeline {
    private final NlpModels models;
    private final ThreadLocal<Workers> workers;

    public NlpPipeline(NlpModels models) {
        this.models = Objects.requireNonNull(models, "models");
        this.workers = ThreadLocal.withInitial(() -> new Workers(
                new SentenceDetectorME(models.sentenceModel(), models.abbreviations()),
                new TokenizerME(models.tokenizerModel())));
    }

    /** Sentences and tokens, without POS tags. */
    public AnalyzedText analyze(String text) {
        return analyze(text, false);
    }

    /**
     * Universal Dependencies POS tags of a run of tokens (a sentence, or a few words of one with some context on
     * each side), for callers that need them in a few places only: tagging every sentence costs about three times
     * the sentence detection and tokenisation of the text. The tokens are tagged as {@link #analyze} split them (a
     * possessive "'s" is a token of its own here).
     */
    public String[] posTags(List<Token> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isEmpty()) {
            return new String[0];
        }
        String[] words = new String[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = tokens.get(i).text();
        }
        return workers.get().posTagger(models).tag(words);
    }

    /** Sentences and tokens, with Universal Dependencies POS tags on the tokens when {@code pos} is true. */
    public AnalyzedText analyze(String text, boolean pos) {
        Objects.requireNonNull(text, "text");
        Workers w = workers.get();
        List<Sentence> sentences = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        int blockStart = 0;
        int length = text.length();
        while (blockStart < length) {
            int blockEnd = text.indexOf('\n', blockStart);
            if (blockEnd < 0) {
                blockEnd = length;
            }
            if (!text.substring(blockStart, blockEnd).isBlank()) {
                analyzeBlock(text, blockStart, blockEnd, w, pos, sentences, tokens);
            }
            blockStart = blockEnd + 1;
        }
        return new AnalyzedText(text, sentences, tokens);
    }

    private void analyzeBlock(String text, int blockStart, int blockEnd, Workers w, boolean pos,
                              List<Sentence> sentences, List<Token> tokens) {
        String block = text.substring(blockStart, blockEnd);
        Span[] spans = mergeFalseSplits(block, w.sentences.sentPosDetect(block));
        if (spans.length == 0) {
            spans = new Span[] {new Span(0, block.length())};
        }
        for (Span span : spans) {
            int start = blockStart + span.getStart();
            int end = blockStart + span.getEnd();
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (start == end) {
                continue;
            }
            int index = sentences.size();
            String sentenceText = text.substring(start, end);
            Span[] tokenSpans = w.tokenizer.tokenizePos(sentenceText);
            String[] tags = null;
            if (pos && tokenSpans.length > 0) {
                String[] words = Span.spansToStrings(tokenSpans, sentenceText);
                tags = w.posTagger(models).tag(words);
            }
            int first = tokens.size();
            for (int i = 0; i < tokenSpans.length; i++) {
                Span t = tokenSpans[i];
                String tag = tags == null ? null : tags[i];
                int tokenStart = start + t.getStart();
                int tokenEnd = start + t.getEnd();
                int split = possessiveSplit(text, tokenStart, tokenEnd);
                if (split > 0) {
                    // The UD tokenizer keeps "India's" whole; names are found better on "India" + "'s".
                    tokens.add(new Token(text.substring(tokenStart, split), tokenStart, split, index, tag));
                    tokens.add(new Token(text.substring(split, tokenEnd), split, tokenEnd, index, tag == null ? null : "PART"));
                } else {
                    tokens.add(new Token(text.substring(tokenStart, tokenEnd), tokenStart, tokenEnd, index, tag));
                }
            }
            sentences.add(new Sentence(index, start, end, first, tokens.size() - first));
        }
    }

    /**
     * Joins sentences that the model split inside a number ("worth $5.5 | billion") or before a word in small
     * letters: a sentence ends with a stop, a question or exclamation mark, a colon, or a closing quote or bracket,
     * and the next one does not start in small letters.
     */
    static Span[] mergeFalseSplits(String block, Span[] spans) {
        if (spans.length < 2) {
            return spans;
        }
        java.util.List<Span> out = new java.util.ArrayList<>();
        Span current = spans[0];
        for (int i = 1; i < spans.length; i++) {
            Span next = spans[i];
            String before = block.substring(current.getStart(), current.getEnd()).strip();
            String after = block.substring(next.getStart(), next.getEnd()).strip();
            char last = before.isEmpty() ? '.' : before.charAt(before.length() - 1);
            boolean ended = ".!?…:;\"'”’)]".indexOf(last) >= 0
                    && !(last == '.' && before.length() >= 2 && Character.isDigit(before.charAt(before.length() - 2))
                         && !after.isEmpty() && Character.isDigit(after.charAt(0)));
            boolean lowerStart = !after.isEmpty() && Character.isLowerCase(after.charAt(0));
            if (!ended || lowerStart) {
                current = new Span(current.getStart(), next.getEnd());
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return out.toArray(new Span[0]);
    }

    /** The offset where a trailing possessive ('s or ’s) starts in the token, or -1 when it has none. */
    static int possessiveSplit(String text, int start, int end) {
        if (end - start < 3) {
            return -1;
        }
        char last = text.charAt(end - 1);
        char apostrophe = text.charAt(end - 2);
        if ((last == 's' || last == 'S') && (apostrophe == '\'' || apostrophe == '\u2019')
                && Character.isLetterOrDigit(text.charAt(end - 3))) {
            return end - 2;
        }
        return -1;
    }

    /** The per-thread OpenNLP instances. */
    private static final class Workers {
        final SentenceDetectorME sentences;
        final TokenizerME tokenizer;
        @org.jspecify.annotations.Nullable POSTaggerME pos;

        Workers(SentenceDetectorME sentences, TokenizerME tokenizer) {
            this.sentences = sentences;
            this.tokenizer = tokenizer;
        }

        POSTaggerME posTagger(NlpModels models) {
            if (pos == null) {
                pos = new POSTaggerME(models.posModel());
            }
            return pos;
        }
    }
}
