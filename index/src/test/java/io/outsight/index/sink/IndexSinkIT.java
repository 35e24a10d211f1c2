package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink on the real Kafka and Elasticsearch: exactly-once effect through failures, ordering, dead letters. */
@ExtendWith(LocalStackExtension.class)
class IndexSinkIT {
    private static final RecordCodec CODEC = new RecordCodec();

    @Test
    void indexesEveryRecordExactlyOnceWhenTheConnectionBreaksMidStream(StackAddresses stack) throws Exception {
        String topic = "it.sink.broken";
        String alias = "it-broken-articles";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 3);
        int count = 3000;
        Instant base = Instant.parse("2026-03-01T00:00:00Z");
        var expectedVersions = new HashMap<String, Long>();
        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it-sink-broken");
                ElasticsearchClient direct = ItSupport.client(stack.elasticsearchUrl());
                TcpProxy proxy = new TcpProxy(TcpProxy.parse(stack.elasticsearchUrl()).getPort());
                ElasticsearchClient throughProxy = ItSupport.client(proxy.url())) {
            new IndexLayout(direct, alias).ensure();
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            for (int n = 0; n < count; n++) {
                EnrichedArticle article = TestArticles.numbered(n, base.plusMillis(n));
                expectedVersions.put(article.id(), IndexHandler.versionOf(article));
                records.add(new ProducerRecord<>(topic, article.id(), CODEC.encode(article)));
            }
            ItSupport.produce(producer, records);
            // About a third of the way through the ~5 MB of documents, every connection to Elasticsearch dies and
            // new ones are turned away for 2 s.
            proxy.breakAfter(1_500_000, Duration.ofSeconds(2));

            var settings = BulkSettings.DEFAULT.withMaxOperations(100);
            var handler = new IndexHandler(new BulkSink(throughProxy, alias, true, settings), CODEC);
            IndexStageRun.untilCommitted(kafka, stack.kafkaBootstrapServers(), producer, "it-sink-broken", topic,
                    handler, 300, Duration.ofSeconds(180));

            assertEquals(1, proxy.breaks(), "the connection must have been cut once, mid-stream");
            direct.indices().refresh(r -> r.index(alias));
            assertEquals(count, direct.count(c -> c.index(alias)).count(), "every record indexed, none twice");
            // Documents Elasticsearch stored before their answer was lost come back as version conflicts on replay:
            // never written twice, never missing.
            assertTrue(handler.written() <= count, "written " + handler.written() + " > " + count);
            assertTrue(handler.written() + handler.stale() >= count, "written " + handler.written() + " + stale "
                    + handler.stale() + " < " + count);
            var response = direct.mget(m -> m.index(alias).ids(List.copyOf(expectedVersions.keySet()))
                    .sourceIncludes("id"), ObjectNode.class);
            for (var doc : response.docs()) {
                assertTrue(doc.result().found(), doc.result().id());
                assertEquals(expectedVersions.get(doc.result().id()), doc.result().version(),
                        "external version of " + doc.result().id());
            }
            assertTrue(ItSupport.deadLetters(stack.kafkaBootstrapServers(), topic).isEmpty(),
                    "a lost connection must never dead-letter a document");
        }
    }

    @Test
    void olderAndReplayedRecordsNeverOverwriteNewerOnesAndRejectedDocumentsBecomeDeadLetters(StackAddresses stack)
            throws Exception {
        String topic = "it.sink.order";
        String alias = "it-order-articles";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 1);
        Instant published = Instant.parse("2026-01-10T00:00:00Z");
        var newer = TestArticles.article("https://news.example/a", "Second take", "BPO", "IN", "BPO", 2026, 5e9,
                published, Instant.parse("2026-02-02T00:00:00Z"));
        var older = TestArticles.article("https://news.example/a", "First take", "BPO", "IN", "BPO", 2026, 4e9,
                published, Instant.parse("2026-02-01T00:00:00Z"));
        var fine = TestArticles.article("https://news.example/b", "Fine", "KPO", "PH", "KPO", 2025, 1e9, published,
                Instant.parse("2026-02-01T00:00:00Z"));
        // http_status is a short in the mapping: Elasticsearch refuses 70000 with a parse error.
        var unmappable = withHttpStatus(TestArticles.article("https://news.example/c", "Odd", "ITO", "PL", "ITO",
                2025, 1e9, published, Instant.parse("2026-02-01T00:00:00Z")), 70_000);

        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it-sink-order");
                ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            new IndexLayout(es, alias).ensure();
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            for (var article : List.of(newer, older, fine, unmappable, newer)) {
                records.add(new ProducerRecord<>(topic, article.id(), CODEC.encode(article)));
            }
            records.add(new ProducerRecord<>(topic, "broken", "{not json".getBytes(StandardCharsets.UTF_8)));
            ItSupport.produce(producer, records);

            // Requests of 2 documents: the poll is read, placed and sent in three slices, and each outcome must
            // still find its own record.
            var handler = new IndexHandler(new BulkSink(es, alias, true, BulkSettings.DEFAULT.withMaxOperations(2)),
                    CODEC);
            IndexStageRun.untilCommitted(kafka, stack.kafkaBootstrapServers(), producer, "it-sink-order", topic,
                    handler, 500, Duration.ofSeconds(60));

            var stored = es.get(g -> g.index(alias).id(newer.id()), ObjectNode.class);
            assertEquals("Second take", stored.source().path("title").asText());
            assertEquals(IndexHandler.versionOf(newer), stored.version());
            assertEquals(2, handler.stale(), "the older record and the replay were skipped");
            assertTrue(es.exists(e -> e.index(alias).id(fine.id())).value());
            assertFalse(es.exists(e -> e.index(alias).id(unmappable.id())).value());

            Map<String, String> reasons = new HashMap<>();
            ItSupport.deadLetters(stack.kafkaBootstrapServers(), topic).forEach(l -> reasons.put(l.key(), l.reason()));
            assertEquals(2, reasons.size(), reasons.toString());
            assertTrue(reasons.get(unmappable.id()).contains("400"), reasons.toString());
            assertTrue(reasons.get(unmappable.id()).contains("http_status"), reasons.toString());
            assertTrue(reasons.get("broken").contains("malformed JSON"), reasons.toString());
        }
    }

    @Test
    void aPrettyPrintedRecordIsIndexedThoughBulkBodiesAreOneLinePerDocument(StackAddresses stack) throws Exception {
        String topic = "it.sink.multiline";
        String alias = "it-multiline-articles";
        String group = "it-sink-multiline";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 1);
        Instant enriched = Instant.parse("2026-02-01T00:00:00Z");
        var articles = new ArrayList<EnrichedArticle>();
        for (int n = 0; n < 40; n++) {
            articles.add(TestArticles.numbered(n, enriched.plusMillis(n)));
        }
        // A valid record, but pretty-printed: sent as it is, its lines would break the newline-delimited bulk body
        // and Elasticsearch would refuse every request it travels in (400 "Malformed action/metadata line").
        EnrichedArticle multiline = articles.get(17);
        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer(group);
                ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            new IndexLayout(es, alias).ensure();
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            for (var article : articles) {
                byte[] value = article == multiline
                        ? CODEC.mapper().writerWithDefaultPrettyPrinter()
                                .writeValueAsBytes(CODEC.mapper().readTree(CODEC.encode(article)))
                        : CODEC.encode(article);
                records.add(new ProducerRecord<>(topic, article.id(), value));
            }
            ItSupport.produce(producer, records);

            var handler = new IndexHandler(new BulkSink(es, alias, true, BulkSettings.DEFAULT), CODEC);
            IndexStageRun.untilCommitted(kafka, stack.kafkaBootstrapServers(), producer, group, topic, handler,
                    500, Duration.ofSeconds(60));

            es.indices().refresh(r -> r.index(alias));
            assertEquals(articles.size(), es.count(c -> c.index(alias)).count());
            var stored = es.get(g -> g.index(alias).id(multiline.id()), ObjectNode.class);
            assertEquals(multiline.article().title(), stored.source().path("title").asText());
            assertTrue(ItSupport.deadLetters(stack.kafkaBootstrapServers(), topic).isEmpty());
        }
    }

    private static EnrichedArticle withHttpStatus(EnrichedArticle a, int status) {
        RawArticle r = a.article();
        var raw = new RawArticle(r.id(), r.url(), r.finalUrl(), r.canonicalUrl(), r.fetchedAt(), status,
                r.contentType(), r.etag(), r.lastModified(), r.title(), new ArrayList<>(r.authors()), r.publishedAt(),
                r.modifiedAt(), r.siteName(), r.description(), r.language(), r.text(), r.headings(),
                r.contentHash(), r.source());
        return new EnrichedArticle(raw, a.enrichedAt(), a.enricherVersion(), a.tags(), a.entities(),
                a.marketFigures(), a.relevance());
    }
}
