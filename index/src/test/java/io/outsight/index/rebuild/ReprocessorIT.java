package io.outsight.index.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.dedup.Fingerprints;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.ArticleSearch;
import io.outsight.index.sink.BulkSettings;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Re-tagging into a new version while searches go on, then an atomic alias swap. */
@ExtendWith(LocalStackExtension.class)
class ReprocessorIT {
    private static final RecordCodec CODEC = new RecordCodec();

    @Test
    void rebuildsIntoANewVersionAndSwapsTheAliasWhileSearchesKeepAnswering(StackAddresses stack) throws Exception {
        String topic = "it.reprocess.raw";
        String alias = "it-reprocess";
        int count = 200;
        int lateArrivals = 5;
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 3);
        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it-reprocess");
                ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            for (int n = 0; n < count; n++) {
                RawArticle raw = TestArticles.numbered(n, Instant.now()).article();
                records.add(new ProducerRecord<>(topic, raw.id(), CODEC.encode(raw)));
            }
            ItSupport.produce(producer, records);
            var layout = new IndexLayout(es, alias);
            var reprocessor = new Reprocessor(es, kafka, layout, BulkSettings.DEFAULT.withMaxOperations(50), CODEC,
                    topic, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)));

            var first = reprocessor.run(tagging("OLD"), line -> { });
            assertEquals("it-reprocess-v1", first.previousIndex(), "ensure() made v1 before the first build");
            assertEquals("it-reprocess-v2", first.newIndex());
            assertEquals(count, first.indexed());

            var search = new ArticleSearch(es, alias);
            var totals = new ConcurrentLinkedQueue<Long>();
            var errors = new ConcurrentLinkedQueue<Throwable>();
            var building = new AtomicBoolean(true);
            Thread searcher = Thread.ofPlatform().name("it-searcher").start(() -> {
                while (building.get()) {
                    try {
                        totals.add(search.search(ArticleQuery.builder().size(0).build()).total());
                    } catch (Exception | AssertionError e) {
                        errors.add(e);
                    }
                }
            });
            // New raw records arrive while the second build runs: the catch-up pass after the swap takes them.
            var calls = new AtomicInteger();
            Function<RawArticle, EnrichedArticle> retag = tagging("NEW");
            RebuildReport second;
            try {
                second = reprocessor.run(raw -> {
                    if (calls.incrementAndGet() == 1) {
                        var late = new ArrayList<ProducerRecord<String, byte[]>>();
                        for (int n = count; n < count + lateArrivals; n++) {
                            RawArticle article = TestArticles.numbered(n, Instant.now()).article();
                            late.add(new ProducerRecord<>(topic, article.id(), CODEC.encode(article)));
                        }
                        try {
                            ItSupport.produce(producer, late);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return retag.apply(raw);
                }, line -> { });
            } finally {
                building.set(false);
                searcher.join(30_000);
            }

            assertTrue(errors.isEmpty(), "searches failed during the rebuild: " + errors);
            assertTrue(!totals.isEmpty() && totals.stream().allMatch(t -> t >= count),
                    "every search during the rebuild saw the whole index: " + totals);
            assertEquals("it-reprocess-v2", second.previousIndex());
            assertEquals("it-reprocess-v3", second.newIndex());
            assertEquals(lateArrivals, second.caughtUp());
            assertEquals(List.of("it-reprocess-v3"), layout.indicesBehindAlias());
            search.refresh();
            var retagged = search.search(ArticleQuery.builder().outsourcingTypes(List.of("NEW")).size(0).build());
            assertEquals(count + lateArrivals, retagged.total());
            assertEquals(0, search.search(ArticleQuery.builder().outsourcingTypes(List.of("OLD")).size(0).build())
                    .total());
            assertEquals(count, es.count(c -> c.index("it-reprocess-v2")).count(), "the previous version is kept");
        }
    }

    @Test
    void clustersSyndicatedCopiesInTheNewVersion(StackAddresses stack) throws Exception {
        String topic = "it.reprocess.copies.raw";
        String alias = "it-reprocess-copies";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 3);
        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it-reprocess-copies");
                ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            var stories = new java.util.HashMap<String, Long>();
            for (int n = 0; n < 6; n++) {
                RawArticle raw = TestArticles.numbered(n, Instant.now()).article();
                records.add(new ProducerRecord<>(topic, raw.id(), CODEC.encode(raw)));
                stories.put(raw.id(), n < 3 ? 7L : n == 3 ? 8L : -1L); // three copies of story 7
            }
            ItSupport.produce(producer, records);
            var reprocessor = new Reprocessor(es, kafka, new IndexLayout(es, alias),
                    BulkSettings.DEFAULT.withMaxOperations(50), CODEC, topic,
                    new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)));

            var report = reprocessor.run(raw -> {
                long story = stories.get(raw.id());
                EnrichedArticle article = tagging("BPO").apply(raw);
                return story < 0 ? article : article.withFingerprint(Fingerprints.story(story));
            }, line -> { });

            assertEquals(6, report.indexed());
            var search = new ArticleSearch(es, alias);
            search.refresh();
            assertEquals(6, search.search(ArticleQuery.builder().size(0).build()).total());
            assertEquals(4, search.search(ArticleQuery.builder().unique(true).size(0).build()).total(),
                    "the three copies of story 7 count once");
            assertEquals(2, es.count(c -> c.index(report.newIndex())
                    .query(q -> q.exists(e -> e.field("duplicate_of")))).count());
        }
    }

    private static Function<RawArticle, EnrichedArticle> tagging(String type) {
        return raw -> new EnrichedArticle(raw, Instant.now(), "test-" + type,
                new Tags(List.of(type), List.of(), List.of(), List.of(), List.of(), List.of()), List.of(), List.of(),
                0.5);
    }
}
