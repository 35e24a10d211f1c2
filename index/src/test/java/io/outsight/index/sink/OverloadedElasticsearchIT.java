package io.outsight.index.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink behind an {@link HttpFaultProxy} that answers some bulk requests with 429 (overloaded) or 503 (shards
 * unavailable) instead of passing them to the real Elasticsearch: the batches are retried after the stage loop's
 * backoff, and in the end every record is indexed exactly once with its version, none dead-lettered.
 */
@ExtendWith(LocalStackExtension.class)
class OverloadedElasticsearchIT {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final int FAULTS = 10;

    @Test
    void bulkRequestsAnswered429Or503AreRetriedUntilEveryRecordIsIndexedExactlyOnce(StackAddresses stack)
            throws Exception {
        String topic = "it.sink.overloaded";
        String alias = "it-overloaded-articles";
        String group = "it-sink-overloaded";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 3);
        int count = 2000;
        Instant base = Instant.parse("2026-04-01T00:00:00Z");
        var expectedVersions = new HashMap<String, Long>();
        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        // Every third bulk request, ten times, alternately 429 and 503; the rest pass to Elasticsearch.
        var faults = new HttpFaultProxy(stack.elasticsearchUrl(),
                n -> n % 3 == 2 && n / 3 < FAULTS ? (n / 3 % 2 == 0 ? 429 : 503) : 0);
        try (faults;
                KafkaProducer<String, byte[]> producer = kafka.producer(group);
                ElasticsearchClient direct = ItSupport.client(stack.elasticsearchUrl());
                ElasticsearchClient throughProxy = ItSupport.client(faults.url())) {
            new IndexLayout(direct, alias).ensure();
            var records = new ArrayList<ProducerRecord<String, byte[]>>();
            for (int n = 0; n < count; n++) {
                // Fingerprinted like real enriched articles, so the cluster lookups go through the proxy too.
                EnrichedArticle article = TestArticles.fingerprinted(n, base.plusMillis(n), 33);
                expectedVersions.put(article.id(), IndexHandler.versionOf(article));
                records.add(new ProducerRecord<>(topic, article.id(), CODEC.encode(article)));
            }
            ItSupport.produce(producer, records);

            var handler = new IndexHandler(new BulkSink(throughProxy, alias, true,
                    BulkSettings.DEFAULT.withMaxOperations(100)), CODEC);
            IndexStageRun.untilCommitted(kafka, stack.kafkaBootstrapServers(), producer, group, topic, handler,
                    300, Duration.ofSeconds(180));

            List<HttpFaultProxy.BulkCall> calls = faults.bulkCalls();
            var faked = calls.stream().filter(HttpFaultProxy.BulkCall::faked).toList();
            assertEquals(FAULTS, faked.size(), "every planned fault was served");
            assertEquals(FAULTS / 2, faked.stream().filter(c -> c.status() == 429).count());
            assertEquals(FAULTS / 2, faked.stream().filter(c -> c.status() == 503).count());
            // Each document of a refused request was sent again later, and Elasticsearch took it.
            for (var fault : faked) {
                var resent = new HashSet<String>();
                calls.stream().filter(c -> !c.faked() && c.status() == 200
                        && c.receivedNanos() > fault.receivedNanos()).forEach(c -> resent.addAll(c.ids()));
                assertTrue(resent.containsAll(fault.ids()), "documents of the " + fault.status()
                        + " request were not sent again");
            }

            direct.indices().refresh(r -> r.index(alias));
            assertEquals(count, direct.count(c -> c.index(alias)).count(), "every record indexed, none twice");
            var stored = direct.mget(m -> m.index(alias).ids(List.copyOf(expectedVersions.keySet()))
                    .sourceIncludes("id"), ObjectNode.class);
            Map<String, Long> versions = new HashMap<>();
            for (var doc : stored.docs()) {
                assertTrue(doc.result().found(), doc.result().id());
                versions.put(doc.result().id(), doc.result().version());
            }
            assertEquals(expectedVersions, versions, "each document once, with its record's external version");
            // A replayed batch finds the documents its first attempt stored as version conflicts: nothing twice.
            assertEquals(count, handler.written() + handler.stale(), "written " + handler.written() + ", stale "
                    + handler.stale());
            assertEquals(0, handler.rejected());
            assertTrue(ItSupport.deadLetters(stack.kafkaBootstrapServers(), topic).isEmpty(),
                    "429 and 503 must never dead-letter a document");
        }
    }
}
