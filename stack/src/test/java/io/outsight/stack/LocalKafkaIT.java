package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.outsight.core.Topics;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalKafkaIT {

    @Test
    void everyOutsightTopicHasSixPartitions(StackAddresses stack) throws Exception {
        try (Admin admin = admin(stack)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();

            Map<String, Integer> partitions = topics.values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, t -> t.partitions().size()));
            assertEquals(Topics.ALL.stream().collect(Collectors.toMap(t -> t, t -> 6)), partitions);
        }
    }

    @Test
    void theRawTopicIsCompactedAndTheOthersDeleteOldRecords(StackAddresses stack) throws Exception {
        try (Admin admin = admin(stack)) {
            List<ConfigResource> resources = Topics.ALL.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();

            Map<String, String> policies = configs.entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().name(), e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
            assertEquals(Map.of(
                    Topics.URLS, "delete",
                    Topics.ARTICLES_RAW, "compact",
                    Topics.ARTICLES_ENRICHED, "delete",
                    Topics.ARTICLES_DLQ, "delete",
                    Topics.FETCH_STATUS, "delete"), policies);
        }
    }

    @Test
    void aRecordProducedToAnOutsightTopicIsConsumedBack(StackAddresses stack) {
        String key = "article-" + UUID.randomUUID();
        String value = "{\"title\":\"Nearshore IT outsourcing in Łódź grows\"}";
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("producing failed", e);
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        assertEquals(value, record.value());
                        assertEquals(sent.partition(), record.partition());
                        assertEquals(sent.offset(), record.offset());
                        return;
                    }
                }
            }
            throw new AssertionError("record " + key + " not consumed within 60 s");
        }
    }

    @Test
    void creatingTheTopicsAgainLeavesThemAsTheyAre(StackAddresses stack) throws Exception {
        LocalKafka.createTopics(stack.kafkaBootstrapServers(), 3, Duration.ofSeconds(60));

        try (Admin admin = admin(stack)) {
            Set<Integer> counts = admin.describeTopics(Topics.ALL).allTopicNames().get().values().stream()
                    .map(t -> t.partitions().size()).collect(Collectors.toSet());
            assertEquals(Set.of(6), counts);
        }
    }

    @Test
    void testsNeverUseTheDefaultPorts(StackAddresses stack) {
        assertNotEquals("127.0.0.1:9092", stack.kafkaBootstrapServers());
        assertNotEquals("http://127.0.0.1:9200", stack.elasticsearchUrl());
    }

    @Test
    void theBrokerAnswersAHealthProbe(StackAddresses stack) {
        assertEquals(true, LocalKafka.isResponding(stack.kafkaBootstrapServers(), Duration.ofSeconds(5)));
        assertEquals(false, LocalKafka.isResponding("127.0.0.1:1", Duration.ofSeconds(1)));
    }

    private static Admin admin(StackAddresses stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }
}
