package io.outsight.enrich.nlp;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.StringList;
import org.jspecify.annotations.Nullable;

/**
 * The OpenNLP English models (Universal Dependencies EWT, from the {@code opennlp-models-*-en} artifacts on Maven
 * Central) plus the abbreviation list that keeps the sentence detector from splitting after "Inc." or "Rs.".
 * Models are immutable once loaded, so one instance is shared by every thread; the POS model (1.2 MB, slower to
 * load) is loaded on first use. Thread-safe.
 */
public final class NlpModels {
    static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    static final String TOKENIZER_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    static final String ABBREVIATIONS = "/io/outsight/enrich/nlp/abbreviations.txt";

    private final SentenceModel sentenceModel;
    private final TokenizerModel tokenizerModel;
    private final Dictionary abbreviations;
    private volatile @Nullable POSModel posModel;

    private NlpModels(SentenceModel sentenceModel, TokenizerModel tokenizerModel, Dictionary abbreviations) {
        this.sentenceModel = sentenceModel;
        this.tokenizerModel = tokenizerModel;
        this.abbreviations = abbreviations;
    }

    /** Loads the bundled models from the classpath (the model jars must be on it). */
    public static NlpModels loadDefault() {
        try {
            SentenceModel sentences;
            try (InputStream in = open(SENTENCE_MODEL)) {
                sentences = new SentenceModel(in);
            }
            TokenizerModel tokens;
            try (InputStream in = open(TOKENIZER_MODEL)) {
                tokens = new TokenizerModel(in);
            }
            return new NlpModels(sentences, tokens, loadAbbreviations());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP English models from the classpath", e);
        }
    }

    SentenceModel sentenceModel() {
        return sentenceModel;
    }

    TokenizerModel tokenizerModel() {
        return tokenizerModel;
    }

    Dictionary abbreviations() {
        return abbreviations;
    }

    POSModel posModel() {
        POSModel model = posModel;
        if (model == null) {
            synchronized (this) {
                model = posModel;
                if (model == null) {
                    try (InputStream in = open(POS_MODEL)) {
                        model = new POSModel(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the OpenNLP POS model " + POS_MODEL, e);
                    }
                    posModel = model;
                }
            }
        }
        return model;
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = NlpModels.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath resource " + resource + " not found (is the OpenNLP model jar missing?)");
        }
        return new BufferedInputStream(in);
    }

    private static Dictionary loadAbbreviations() throws IOException {
        Dictionary dictionary = new Dictionary(true);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(ABBREVIATIONS), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    dictionary.put(new StringList(line));
                }
            }
        }
        return dictionary;
    }
}
