package io.outsight.enrich.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.Topics;
import io.outsight.core.id.ArticleIds;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.DeadLetter;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.enrich.Enricher;
import io.outsight.enrich.tag.ArticleTagger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnrichHandlerTest {
    private static final RecordCodec CODEC = new RecordCodec();
    private static EnrichHandler handler;

    @BeforeAll
    static void loadTaggers() {
        var clock = Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC);
        handler = new EnrichHandler(new Enricher(ArticleTagger.loadDefault(), clock), CODEC);
    }

    @Test
    void enrichesEachRawArticleUnderItsIdAndDeadLettersWhatItCannotRead() {
        String text = "Indian BPO providers expect the market to reach USD 40 billion by 2027.";
        String url = "https://example.com/bpo";
        var raw = new RawArticle(ArticleIds.of(url), url, url, url, Instant.parse("2026-11-19T00:00:00Z"), 200,
                "text/html", null, null, "BPO outlook", List.of(), null, null, null, null, "en", text, List.of(),
                ArticleIds.contentHash(text), "test");
        var good = new ConsumerRecord<>(Topics.ARTICLES_RAW, 0, 0, raw.id(), CODEC.encode(raw));
        var bad = new ConsumerRecord<>(Topics.ARTICLES_RAW, 1, 7, "k", "{not json".getBytes(StandardCharsets.UTF_8));

        var out = handler.handle(List.of(good, bad));

        assertEquals(2, out.size());
        assertEquals(Topics.ARTICLES_ENRICHED, out.get(0).topic());
        var enriched = CODEC.decode(out.get(0).value(), EnrichedArticle.class);
        assertEquals(raw.id(), out.get(0).key());
        assertEquals(raw, enriched.article());
        assertTrue(enriched.tags().outsourcingTypes().contains("BPO"), enriched.tags().toString());
        assertTrue(enriched.tags().countries().contains("IN"), enriched.tags().toString());
        assertTrue(enriched.marketFigures().stream().anyMatch(f -> "USD".equals(f.currency())), enriched.toString());

        assertEquals(Topics.ARTICLES_DLQ, out.get(1).topic());
        var letter = CODEC.decode(out.get(1).value(), DeadLetter.class);
        assertEquals("enrich", letter.stage());
        assertEquals(7, letter.offset());
        assertEquals("{not json", letter.payload());
        assertTrue(letter.reason().contains("malformed JSON"), letter.reason());
    }
}
