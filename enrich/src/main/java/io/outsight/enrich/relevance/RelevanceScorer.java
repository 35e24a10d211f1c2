package io.outsight.enrich.relevance;

import io.outsight.core.record.Entity;
import io.outsight.enrich.taxonomy.Conditions;
import io.outsight.enrich.taxonomy.TermFile;
import io.outsight.enrich.taxonomy.TermMatch;
import io.outsight.enrich.taxonomy.TermMatcher;
import io.outsight.enrich.taxonomy.Words;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much an article is about outsourcing, 0 to 1. The evidence is the weighted cue terms of
 * {@code relevance.terms} (each term counted at most three times), the outsourcing types (1 each, at most six),
 * sourcing models (0.6) and provider or industry-body organisations (0.4, at most five) found; evidence in the title
 * counts double. Long articles need more evidence: it is divided by the square root of the length in units of 400
 * words. The score is {@code 1 - exp(-evidence / 2.5)}: nothing gives 0, one passing mention in a long article
 * about 0.2, a short article about a BPO market 0.9 and more. Immutable and thread-safe.
 */
public final class RelevanceScorer {
    private static final int NEAR = 200;

    private final TermMatcher cues;

    public RelevanceScorer(TermFile relevance) {
        Objects.requireNonNull(relevance, "relevance");
        this.cues = TermMatcher.of(relevance.entries());
    }

    /**
     * @param title the title ("" when none)
     * @param text the body
     * @param titleEntities entities found in the title
     * @param entities entities found in the body
     * @param providerMentions mentions of provider and industry-body organisations, title included
     */
    public double score(String title, String text, List<Entity> titleEntities, List<Entity> entities, int providerMentions) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        return score(Words.of(title), Words.of(text), titleEntities, entities, providerMentions);
    }

    /**
     * As {@link #score(String, String, List, List, int)}, with the title and body already cut into words (the
     * taggers have done it: cutting a text into words costs about as much as matching the cues in it).
     */
    public double score(Words title, Words body, List<Entity> titleEntities, List<Entity> entities, int providerMentions) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        double evidence = 2 * (cueEvidence(title) + entityEvidence(titleEntities)) + cueEvidence(body)
                + entityEvidence(entities) + 0.4 * Math.min(5, providerMentions);
        int words = body.size();
        double length = Math.max(1.0, words / 400.0);
        double x = evidence / Math.sqrt(length);
        double score = 1 - Math.exp(-x / 2.5);
        return Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000.0;
    }

    private double cueEvidence(Words words) {
        if (words.size() == 0) {
            return 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        // the matches of each context matcher in this text, found once (many cues share a condition)
        Map<TermMatcher, List<TermMatch>> found = new java.util.IdentityHashMap<>();
        double sum = 0;
        for (TermMatch m : cues.find(words, m -> holds(m, words, found))) {
            int n = counts.merge(m.entry().term(), 1, Integer::sum);
            if (n <= 3) {
                sum += Double.parseDouble(m.entry().canonical());
            }
        }
        return sum;
    }

    /** The context rules of a cue, over a window of characters around it (relevance needs no sentence split). */
    private boolean holds(TermMatch m, Words words, Map<TermMatcher, List<TermMatch>> found) {
        Conditions c = m.entry().conditions();
        if (c.isEmpty()) {
            return true;
        }
        int from = Math.max(0, m.start() - NEAR);
        int to = Math.min(words.text().length(), m.end() + NEAR);
        if (c.ifNear() != null && !any(c.ifNear(), words, from, to, m, found)) {
            return false;
        }
        if (c.ifDoc() != null && !any(c.ifDoc(), words, 0, words.text().length(), m, found)) {
            return false;
        }
        if (c.unlessNear() != null && any(c.unlessNear(), words, from, to, m, found)) {
            return false;
        }
        return c.unlessDoc() == null || !any(c.unlessDoc(), words, 0, words.text().length(), m, found);
    }

    private static boolean any(TermMatcher matcher, Words words, int from, int to, TermMatch self,
                               Map<TermMatcher, List<TermMatch>> found) {
        for (TermMatch cue : found.computeIfAbsent(matcher, k -> k.findAll(words))) {
            if (cue.start() >= from && cue.end() <= to && (cue.end() <= self.start() || cue.start() >= self.end())) {
                return true;
            }
        }
        return false;
    }

    private static double entityEvidence(List<Entity> entities) {
        int types = 0;
        double sum = 0;
        for (Entity e : entities) {
            switch (e.type()) {
                case "outsourcing_type" -> {
                    if (types++ < 6) {
                        sum += 1.0;
                    }
                }
                case "sourcing_model" -> sum += 0.6;
                default -> {
                }
            }
        }
        return sum;
    }
}
