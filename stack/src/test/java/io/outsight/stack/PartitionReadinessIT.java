package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class PartitionReadinessIT {
    private static final int PARTITIONS = 6;

    @Test
    void everyPartitionOfANewTopicTakesAWriteAtTheFirstTry(StackAddresses stack) throws Exception {
        String topic = "it.readiness.fresh";
        try (Admin admin = admin(stack)) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            PartitionReadiness.await(admin, List.of(topic), System.nanoTime() + Duration.ofSeconds(30).toNanos());
        }

        // Without retries, a write that reached a partition not yet open would fail with NOT_LEADER_OR_FOLLOWER.
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                sends.add(producer.send(new ProducerRecord<>(topic, partition, "key", "written at once")));
            }
            for (int partition = 0; partition < PARTITIONS; partition++) {
                assertEquals(partition, sends.get(partition).get(30, TimeUnit.SECONDS).partition());
            }
        }
    }

    @Test
    void aTopicThatNeverAppearsEndsInATimeoutNamingIt(StackAddresses stack) {
        try (Admin admin = admin(stack)) {
            var timeout = assertThrows(TimeoutException.class, () -> PartitionReadiness.await(admin,
                    List.of("it.readiness.never-created"), System.nanoTime() + Duration.ofSeconds(1).toNanos()));
            assertTrue(timeout.getMessage().contains("it.readiness.never-created"), timeout.getMessage());
        }
    }

    private static Admin admin(StackAddresses stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }
}
