package io.outsight.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.id.ArticleIds;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.sink.IndexHandler;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the index handler reports to its loop as the stage's successes ({@code outsight_stage_records_succeeded_total
 * {stage="index"}}, "documents indexed"), on the real local Elasticsearch: documents written, not a replay that
 * Elasticsearch already held, not a record that became a dead letter.
 */
@ExtendWith(LocalStackExtension.class)
class IndexSuccessCountIT {
    private final RecordCodec codec = new RecordCodec();
    private long offset;

    @Test
    void reportsDocumentsWrittenButNotReplaysOrDeadLetters(StackAddresses stack) throws Exception {
        String alias = "index-success-" + UUID.randomUUID().toString().substring(0, 8);
        try (var es = ElasticsearchClients.create(stack.elasticsearchUrl(), Config.defaults())) {
            new IndexLayout(es, alias).ensure();
            try (var handler = new IndexHandler(es, alias, codec)) {
                Instant enrichedAt = Instant.parse("2026-03-01T10:00:00Z");
                var first = record(article("https://news.example/a", enrichedAt));
                var second = record(article("https://news.example/b", enrichedAt));

                assertEquals(List.of(), handler.handle(List.of(first, second)));
                assertEquals(2, handler.lastBatchSucceeded(), "two documents written");

                assertEquals(List.of(), handler.handle(List.of(first)));
                assertEquals(0, handler.lastBatchSucceeded(), "a replay of a document already held is not indexed");

                var bad = new ConsumerRecord<>(Topics.ARTICLES_ENRICHED, 0, offset++, "bad",
                        "not an article".getBytes(StandardCharsets.UTF_8));
                var third = record(article("https://news.example/c", enrichedAt));
                var outputs = handler.handle(List.of(bad, third));
                assertEquals(1, outputs.size(), "the bad record is a dead letter");
                assertEquals(Topics.ARTICLES_DLQ, outputs.getFirst().topic());
                assertEquals(1, handler.lastBatchSucceeded(), "only the article was indexed");
            }
        }
    }

    private ConsumerRecord<String, byte[]> record(EnrichedArticle article) {
        return new ConsumerRecord<>(Topics.ARTICLES_ENRICHED, 0, offset++, article.id(), codec.encode(article));
    }

    private static EnrichedArticle article(String url, Instant enrichedAt) {
        String text = "Philippine BPO providers added seats in Manila for clients in the United States.";
        var raw = new RawArticle(ArticleIds.of(url), url, url, url, enrichedAt.minusSeconds(60), 200,
                "text/html", null, null, "Manila BPO seats " + url, List.of(), null, null, "Test Site", null, "en",
                text, List.of(), ArticleIds.contentHash(text), "test");
        var tags = new Tags(List.of("BPO"), List.of("PH"), List.of("APAC"), List.of(), List.of(), List.of());
        return new EnrichedArticle(raw, enrichedAt, "test", tags, List.of(), List.of(), 0.9);
    }
}
