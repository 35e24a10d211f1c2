package io.outsight.index.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.record.EnrichedArticle;
import java.util.Objects;

/**
 * One article as indexed, read by id: the record with its entities and their character offsets into the text.
 *
 * @param version the document's external version (its enrichment time in microseconds)
 * @param article the enriched article, decoded; {@code article.entities()} carry the offsets
 * @param document the stored JSON, as Elasticsearch returned it
 */
public record StoredArticle(String id, long version, EnrichedArticle article, ObjectNode document) {
    public StoredArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(document, "document");
    }
}
