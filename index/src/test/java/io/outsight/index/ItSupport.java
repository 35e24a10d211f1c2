package io.outsight.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.DeadLetter;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.stack.PartitionReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Kafka and Elasticsearch chores shared by the integration tests of this module. */
public final class ItSupport {
    private static final RecordCodec CODEC = new RecordCodec();

    private ItSupport() {}

    public static ElasticsearchClient client(String url) {
        return ElasticsearchClients.create(url, Config.defaults());
    }

    /** Creates a topic and waits until every partition takes writes ({@link PartitionReadiness} says why). */
    public static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            PartitionReadiness.await(admin, List.of(topic), System.nanoTime() + Duration.ofSeconds(30).toNanos());
        }
    }

    /** Produces the records and fails unless Kafka acknowledged every one. */
    public static void produce(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        var sends = new ArrayList<java.util.concurrent.Future<?>>();
        for (var record : records) {
            sends.add(producer.send(record));
        }
        producer.flush();
        for (var send : sends) {
            send.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Waits (polling, with a deadline) until the group committed every record of the topic. */
    public static void awaitCommitted(String bootstrap, String group, String topic, Duration timeout)
            throws Exception {
        try (Admin admin = admin(bootstrap)) {
            await(timeout, "group " + group + " to commit all of " + topic, () -> {
                try {
                    var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                            .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                    var request = new java.util.HashMap<TopicPartition, OffsetSpec>();
                    partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
                    var ends = admin.listOffsets(request).all().get();
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    for (var p : partitions) {
                        long end = ends.get(p).offset();
                        var c = committed.get(p);
                        if (end > 0 && (c == null || c.offset() < end)) {
                            return false;
                        }
                    }
                    return true;
                } catch (InterruptedException | ExecutionException e) {
                    return false;
                }
            });
        }
    }

    /** Every dead letter whose failed record came from {@code sourceTopic}. */
    public static List<DeadLetter> deadLetters(String bootstrap, String sourceTopic) {
        var kafka = new KafkaClients(bootstrap);
        var letters = new ArrayList<DeadLetter>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("it-dlq-reader-" + System.nanoTime(),
                "it-dlq-reader", 500)) {
            var partitions = consumer.partitionsFor(Topics.ARTICLES_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the DLQ to its end within 30 s");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var letter = CODEC.decode(record.value(), DeadLetter.class);
                    if (sourceTopic.equals(letter.sourceTopic())) {
                        letters.add(letter);
                    }
                }
            }
        }
        return letters;
    }

    /** Polls {@code condition} every 100 ms until it holds, failing after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
