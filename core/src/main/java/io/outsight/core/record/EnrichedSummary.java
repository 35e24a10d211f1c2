package io.outsight.core.record;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the index stage uses of an enriched article: its id, the time that orders its versions, the time that orders
 * it among the copies of its story, and its fingerprint. The rest of the record goes to Elasticsearch as it is, so the
 * stage reads only these fields ({@link io.outsight.core.json.RecordCodec#summarize}) rather than binding the text,
 * entities and figures of every article it writes.
 *
 * @param publishedAt when the page says it was published, if it says
 * @param fingerprint the text's similarity fingerprint, if the article has one
 */
public record EnrichedSummary(String id, Instant enrichedAt, Instant fetchedAt, @Nullable Instant publishedAt,
        @Nullable TextFingerprint fingerprint) {

    public EnrichedSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(enrichedAt, "enrichedAt");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** The summary of an article already in memory. */
    public static EnrichedSummary of(EnrichedArticle article) {
        Objects.requireNonNull(article, "article");
        var raw = article.article();
        return new EnrichedSummary(article.id(), article.enrichedAt(), raw.fetchedAt(), raw.publishedAt(),
                article.fingerprint());
    }

    /** When the story was first out, as far as the page tells: published, or fetched when undated. */
    public Instant firstSeen() {
        return publishedAt != null ? publishedAt : fetchedAt;
    }
}
