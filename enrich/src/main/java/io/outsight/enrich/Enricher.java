package io.outsight.enrich;

import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.Entity;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Turns a raw article into an enriched one. Thread-safe. */
public final class Enricher {
    /** Written into every enriched article, so a re-enrichment can tell which articles an older version tagged. */
    public static final String VERSION = "0.1.0";

    private final AcronymTagger tagger = new AcronymTagger();
    private final Clock clock;

    public Enricher(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EnrichedArticle enrich(RawArticle article) {
        Objects.requireNonNull(article, "article");
        List<Entity> entities = tagger.tag(article.text());
        List<String> types = entities.stream().map(Entity::canonical).distinct().sorted().toList();
        var tags = new Tags(types, List.of(), List.of(), List.of(), List.of(), List.of());
        double relevance = types.isEmpty() ? 0.0 : 1.0;
        return new EnrichedArticle(article, clock.instant(), VERSION, tags, entities, List.of(), relevance);
    }
}
