package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second index worker joining mid-stream on the real Kafka and Elasticsearch: the first one's partitions are
 * revoked while it has a batch started and not finished (the loop overlaps batches), and still every record ends up
 * indexed once, with nothing dead-lettered.
 */
@ExtendWith(LocalStackExtension.class)
class IndexRebalanceIT {
    private static final RecordCodec CODEC = new RecordCodec();

    @Test
    void aWorkerJoiningMidStreamLeavesEveryRecordIndexedOnce(StackAddresses stack) throws Exception {
        String topic = "it.sink.rebalance";
        String alias = "it-rebalance-articles";
        String group = "it-sink-rebalance";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 6);
        int count = 6000;
        Instant base = Instant.parse("2026-04-01T00:00:00Z");
        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it-sink-rebalance");
                ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            new IndexLayout(es, alias).ensure();
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            for (int n = 0; n < count; n++) {
                var article = TestArticles.fingerprinted(n, base.plusMillis(n), 0);
                records.add(new ProducerRecord<>(topic, article.id(), CODEC.encode(article)));
            }
            ItSupport.produce(producer, records);

            var settings = BulkSettings.DEFAULT.withMaxOperations(100);
            var first = new IndexHandler(new BulkSink(es, alias, true, settings), CODEC);
            var second = new IndexHandler(new BulkSink(es, alias, true, settings), CODEC);
            try (var firstWorker = IndexStageRun.start(kafka, producer, group, group + "-1", topic, first, 300)) {
                ItSupport.await(Duration.ofSeconds(120), "the first worker to write 1,000 articles",
                        () -> first.written() >= 1_000);
                assertTrue(first.written() < count, "the second worker must join mid-stream");
                try (var secondWorker = IndexStageRun.start(kafka, producer, group, group + "-2", topic, second, 300)) {
                    ItSupport.awaitCommitted(stack.kafkaBootstrapServers(), group, topic, Duration.ofSeconds(180));
                }
            }

            es.indices().refresh(r -> r.index(alias));
            assertEquals(count, es.count(c -> c.index(alias)).count(), "every record indexed");
            // A record replayed after the rebalance finds its document already there: a version conflict, not a
            // second write.
            assertEquals(count, first.written() + second.written(), "written once each: first " + first.written()
                    + ", second " + second.written() + ", replays found stale " + (first.stale() + second.stale()));
            assertTrue(second.written() > 0, "the second worker took partitions over");
            assertEquals(0, first.stale() + second.stale(),
                    "the batch in flight was committed before its partitions were revoked: nothing replayed");
            assertTrue(ItSupport.deadLetters(stack.kafkaBootstrapServers(), topic).isEmpty(), "no dead letters");
        }
    }
}
