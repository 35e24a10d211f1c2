package io.outsight.index.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.index.ItSupport;
import io.outsight.index.sink.BulkSettings;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fetch statuses from Kafka into their index, and the crawl-status queries over it. */
@ExtendWith(LocalStackExtension.class)
class FetchStatusIT {
    private static final RecordCodec CODEC = new RecordCodec();

    @Test
    void showsTheLatestOutcomeOfEveryUrlAndWhatFailedAndWhy(StackAddresses stack) throws Exception {
        String topic = "it.fetch.status";
        String index = "it-fetch-status";
        ItSupport.createTopic(stack.kafkaBootstrapServers(), topic, 2);
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        var statuses = List.of(
                new FetchStatus("https://a.example/ok", "id-1", FetchOutcome.OK, 200, "fetched", t, "cli"),
                // The page was missing at first and came back later; the later record arrives first.
                new FetchStatus("https://a.example/flaky", "id-2", FetchOutcome.OK, 200, "fetched", t.plusSeconds(60),
                        "cli"),
                new FetchStatus("https://a.example/flaky", null, FetchOutcome.HTTP_4XX, 404, "HTTP 404 Not Found", t,
                        "cli"),
                new FetchStatus("https://b.example/gone", null, FetchOutcome.HTTP_4XX, 410, "HTTP 410 Gone",
                        t.plusSeconds(5), "sitemap:https://b.example/sitemap.xml"),
                new FetchStatus("https://b.example/private/x", null, FetchOutcome.ROBOTS_DENIED, null,
                        "robots.txt disallows /private/", t.plusSeconds(10), "cli"));

        var kafka = new KafkaClients(stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("it-fetch-status");
                ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            assertTrue(new FetchStatusIndex(es, index).ensure().isEmpty(), "created");
            assertTrue(new FetchStatusIndex(es, index).ensure().orElseThrow().unchanged(), "idempotent");
            ItSupport.produce(producer, statuses.stream()
                    .map(s -> new ProducerRecord<>(topic, s.url(), CODEC.encode(s))).toList());
            var handler = new FetchStatusHandler(es, index, BulkSettings.DEFAULT, CODEC);
            var loop = new StageLoop("index-status", kafka.consumer("it-fetch-status", "it-fetch-status", 100),
                    producer, List.of(topic), handler, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
            Thread thread = Thread.ofPlatform().name("it-status").start(loop);
            try {
                ItSupport.awaitCommitted(stack.kafkaBootstrapServers(), "it-fetch-status", topic,
                        Duration.ofSeconds(60));
            } finally {
                loop.close();
                handler.close();
                thread.join(30_000);
            }
            es.indices().refresh(r -> r.index(index));

            var search = new FetchStatusSearch(es, index, CODEC);
            var all = search.search(new FetchStatusQuery(List.of(), List.of(), false, null, 10));
            assertEquals(4, all.total(), "one document per URL");

            var failures = search.search(FetchStatusQuery.failures(10));
            assertEquals(List.of("https://b.example/private/x", "https://b.example/gone"),
                    failures.statuses().stream().map(FetchStatus::url).toList(), "newest first; flaky recovered");
            assertEquals("HTTP 410 Gone", failures.statuses().get(1).reason());
            assertEquals(Map.of("http_4xx", 1L, "robots_denied", 1L), failures.byOutcome());
            assertEquals(Map.of("b.example", 2L), failures.byHost());

            var notFound = search.search(new FetchStatusQuery(List.of("HTTP_4XX"), List.of("B.example"), false, null,
                    10));
            assertEquals(1, notFound.total());
            assertTrue(notFound.toJson(CODEC).at("/statuses/0/reason").asText().contains("Gone"));
            assertTrue(ItSupport.deadLetters(stack.kafkaBootstrapServers(), topic).isEmpty());
        }
    }

    @Test
    void anOlderIndexGetsTheFieldsItLacksThoughAnotherFieldIsDefinedOtherwise(StackAddresses stack) throws Exception {
        String index = "it-fetch-status-older";
        try (ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            // An index from before `source` and `reason.keyword`, with `host` as text instead of keyword.
            es.indices().create(c -> c.index(index).withJson(new java.io.StringReader("""
                    {"mappings": {"dynamic": false, "properties": {
                      "url": {"type": "keyword", "ignore_above": 4096}, "host": {"type": "text"},
                      "outcome": {"type": "keyword"}, "reason": {"type": "text"}, "checked_at": {"type": "date"}}}}
                    """)));
            var upgrade = new FetchStatusIndex(es, index).ensure().orElseThrow();
            assertTrue(upgrade.added().containsAll(List.of("source", "reason.keyword")), upgrade.toString());
            assertEquals(List.of("host"), upgrade.differing().stream().map(d -> d.path()).toList(), upgrade.toString());
            String warning = upgrade.warning().orElseThrow();
            assertTrue(warning.contains("replay outsight.fetch.status"), warning);
            var live = es.indices().getMapping(g -> g.index(index)).get(index).mappings().properties();
            assertTrue(live.get("source").isKeyword(), live.toString());
            assertTrue(live.get("reason").text().fields().containsKey("keyword"), live.toString());
            assertTrue(live.get("host").isText(), "left as it was: " + live);
        }
    }
}
