package io.outsight.enrich.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;
import opennlp.tools.util.StringUtil;

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
                new AbbreviationSentenceDetector(models.sentenceModel(), models.abbreviations()),
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
        List<Token> tokens = new ArrayList<>(text.length() / 5);
        // the tokenizer's answer for each distinct white-space-separated word of this text (see tokenize)
        Map<String, Span[]> words = new HashMap<>();
        int blockStart = 0;
        int length = text.length();
        while (blockStart < length) {
            int blockEnd = text.indexOf('\n', blockStart);
            if (blockEnd < 0) {
                blockEnd = length;
            }
            if (!isBlank(text, blockStart, blockEnd)) {
                analyzeBlock(text, blockStart, blockEnd, w, pos, sentences, tokens, words);
            }
            blockStart = blockEnd + 1;
        }
        return new AnalyzedText(text, sentences, tokens);
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void analyzeBlock(String text, int blockStart, int blockEnd, Workers w, boolean pos,
                              List<Sentence> sentences, List<Token> tokens, Map<String, Span[]> words) {
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
            // the tokenizer's tokens as [start, end) offsets into the text
            int n = tokenize(text, start, end, w.tokenizer, words, w.spans);
            int[] offsets = w.spans.offsets;
            String[] tags = null;
            if (pos && n > 0) {
                String[] surfaces = new String[n];
                for (int i = 0; i < n; i++) {
                    surfaces[i] = text.substring(offsets[2 * i], offsets[2 * i + 1]);
                }
                tags = w.posTagger(models).tag(surfaces);
            }
            int first = tokens.size();
            for (int i = 0; i < n; i++) {
                String tag = tags == null ? null : tags[i];
                int tokenStart = offsets[2 * i];
                int tokenEnd = offsets[2 * i + 1];
                int split = possessiveSplit(text, tokenStart, tokenEnd);
                if (split > 0) {
                    // The UD tokenizer keeps "India's" whole; names are found better on "India" + "'s".
                    tokens.add(new Token(text.substring(tokenStart, split), tokenStart, split, index, tag));
                    tokens.add(new Token(text.substring(split, tokenEnd), split, tokenEnd, index, tag == null ? null : "PART"));
                } else {
                    String surface = w.spans.surfaces[i];
                    tokens.add(new Token(surface != null ? surface : text.substring(tokenStart, tokenEnd), tokenStart,
                            tokenEnd, index, tag));
                }
            }
            sentences.add(new Sentence(index, start, end, first, tokens.size() - first));
        }
    }

    /**
     * The tokenizer's tokens of text [start, end) into {@code out}; returns how many. What {@link TokenizerME#tokenizePos}
     * does on the sentence, word by word: it cuts the sentence at white space ({@link StringUtil#isWhitespace}, as its
     * {@code WhitespaceTokenizer} does) and decides each cut inside a word from that word's characters alone (its
     * context generator sees nothing else), so a word's tokens are a function of the word. Each distinct word of the
     * text is therefore tokenized once: function words and names repeat in an article, and the model's
     * character-by-character evaluation is most of the cost of tokenisation.
     */
    static int tokenize(String text, int start, int end, TokenizerME tokenizer, Map<String, Span[]> words, Spans out) {
        int n = 0;
        int i = start;
        while (i < end) {
            while (i < end && StringUtil.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == end) {
                break;
            }
            int wordStart = i;
            while (i < end && !StringUtil.isWhitespace(text.charAt(i))) {
                i++;
            }
            String word = text.substring(wordStart, i);
            Span[] parts = words.get(word);
            if (parts == null) {
                parts = tokenizer.tokenizePos(word);
                words.put(word, parts);
            }
            for (Span part : parts) {
                boolean whole = part.getStart() == 0 && part.getEnd() == word.length();
                n = out.add(n, wordStart + part.getStart(), wordStart + part.getEnd(), whole ? word : null);
            }
        }
        return n;
    }

    /** A growing buffer of token offsets (and surfaces where known), reused from sentence to sentence. */
    static final class Spans {
        int[] offsets = new int[128];
        @org.jspecify.annotations.Nullable String[] surfaces = new String[64];

        Spans() {}

        int add(int n, int start, int end, @org.jspecify.annotations.Nullable String surface) {
            if (2 * n + 1 >= offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
                surfaces = java.util.Arrays.copyOf(surfaces, surfaces.length * 2);
            }
            offsets[2 * n] = start;
            offsets[2 * n + 1] = end;
            surfaces[n] = surface;
            return n + 1;
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
        final AbbreviationSentenceDetector sentences;
        final TokenizerME tokenizer;
        final Spans spans = new Spans();
        @org.jspecify.annotations.Nullable POSTaggerME pos;

        Workers(AbbreviationSentenceDetector sentences, TokenizerME tokenizer) {
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
