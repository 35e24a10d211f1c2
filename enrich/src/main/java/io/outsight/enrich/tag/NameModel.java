package io.outsight.enrich.tag;

import io.outsight.enrich.nlp.Token;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.jspecify.annotations.Nullable;

/**
 * The statistical name finder: an OpenNLP maximum-entropy model trained on the general-domain corpora of
 * {@code shared/data/ner} (see {@link io.outsight.enrich.nlp.NameFinderTraining} and NOTICE), run on windows of the
 * pipeline's tokens that the caller chooses (see {@code ArticleTagger}). Only spans above a probability threshold
 * count, since the model was not trained on outsourcing news. Thread-safe: the model is shared, {@link NameFinderME} instances are per thread.
 */
final class NameModel {
    /** The bundled model, trained by {@code NameFinderTraining}. */
    static final String RESOURCE = "/io/outsight/enrich/nlp/ner-en-person-organization.bin";
    /** Spans below this probability are dropped: precision matters more than recall next to the gazetteer. */
    static final double MIN_PROBABILITY = 0.75;

    private final ThreadLocal<NameFinderME> finders;

    NameModel(TokenNameFinderModel model) {
        Objects.requireNonNull(model, "model");
        this.finders = ThreadLocal.withInitial(() -> new NameFinderME(model));
    }

    /** The bundled model, or null when the build ships none. */
    static @Nullable NameModel loadDefault() {
        InputStream in = NameModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            return null;
        }
        try (InputStream buffered = new BufferedInputStream(in)) {
            return new NameModel(new TokenNameFinderModel(buffered));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the name-finder model " + RESOURCE, e);
        }
    }

    /**
     * Tokens [from, to) of one sentence (indices into {@link io.outsight.enrich.nlp.AnalyzedText#tokens()}), which
     * the model reads as if they were a sentence.
     */
    record Window(int sentence, int from, int to) {}

    /** Person and organisation spans of the windows of the body, keyed by entity type. */
    Map<String, List<Mention>> find(Section section, List<Window> windows) {
        Map<String, List<Mention>> out = new HashMap<>();
        NameFinderME finder = finders.get();
        for (Window window : windows) {
            List<Token> tokens = section.analyzed().tokens().subList(window.from(), window.to());
            if (tokens.isEmpty()) {
                continue;
            }
            String[] words = new String[tokens.size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = tokens.get(i).text();
            }
            Span[] spans = finder.find(words);
            double[] probs = finder.probs(spans);
            for (int i = 0; i < spans.length; i++) {
                String type = switch (spans[i].getType()) {
                    case "person" -> EntityTypes.PERSON;
                    case "organization" -> EntityTypes.ORGANIZATION;
                    default -> null;
                };
                if (type == null || probs[i] < MIN_PROBABILITY) {
                    continue;
                }
                int start = tokens.get(spans[i].getStart()).start();
                int end = tokens.get(spans[i].getEnd() - 1).end();
                String surface = section.text().substring(start, end);
                if (surface.chars().noneMatch(Character::isUpperCase)) {
                    continue;
                }
                out.computeIfAbsent(type, k -> new ArrayList<>()).add(new Mention(type, NameRules.normalizeSpace(surface),
                        start, end, probs[i], EntityTypes.MODEL, null, false));
            }
        }
        finder.clearAdaptiveData();
        return out;
    }
}
