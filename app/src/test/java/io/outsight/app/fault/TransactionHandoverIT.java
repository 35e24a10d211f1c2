package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.pipeline.InstanceSlot;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with a transaction open does not hold back read_committed readers until that transaction times
 * out: the next enrich worker of the host takes the gone one's transactional id, and starting it aborts the
 * transaction. The gone worker is played by a producer under the id of the stage's first slot, with a transaction
 * timeout of ten minutes, whose slot is released as the operating system releases a killed process's locks.
 */
@ExtendWith(LocalStackExtension.class)
class TransactionHandoverIT {
    /** Far longer than the test may wait: only the successor's start can end the transaction in time. */
    private static final int LEFT_OPEN_TIMEOUT_MS = 600_000;

    @TempDir
    Path slots;

    @Test
    void theNextWorkerTakesTheGoneOnesIdAndEndsTheTransactionItLeftOpen(StackAddresses stack) throws Exception {
        String kafka = stack.kafkaBootstrapServers();
        String topic = FreshTopic.create(kafka, "handover", 1);
        var partition = new TopicPartition(topic, 0);
        Config config = Config.defaults().with(ConfigKeys.WORKER_INSTANCE_DIR, slots, "test");
        var endpoints = new Endpoints(kafka, stack.elasticsearchUrl());

        var goneSlot = InstanceSlot.claim(slots, Pipeline.instanceIdPrefix(Stage.ENRICH.groupId()));
        String goneId = goneSlot.id();
        var gone = transactionalProducer(kafka, goneId);
        try (var reader = readCommitted(kafka, partition)) {
            gone.initTransactions();
            gone.beginTransaction();
            gone.send(new ProducerRecord<>(topic, 0, "a", "left open")).get(30, TimeUnit.SECONDS);
            goneSlot.close(); // the worker is gone: its process's locks are released, its transaction is not

            try (var next = Pipeline.start(config, endpoints, EnumSet.of(Stage.ENRICH))) {
                assertEquals(goneId, next.instanceIds().get("enrich"), "the next worker took the gone one's id");
                try (var beside = Pipeline.start(config, endpoints, EnumSet.of(Stage.ENRICH))) {
                    assertEquals(Pipeline.instanceIdPrefix(Stage.ENRICH.groupId()) + "-1",
                            beside.instanceIds().get("enrich"),
                            "a worker started beside a running one has a slot of its own, fencing neither");
                }
                // No slot to be had: the worker runs all the same, under an id of its own process.
                Path notAFolder = Files.writeString(slots.resolve("not-a-folder"), "");
                try (var unslotted = Pipeline.start(config.with(ConfigKeys.WORKER_INSTANCE_DIR, notAFolder,
                        "test"), endpoints, EnumSet.of(Stage.ENRICH))) {
                    assertEquals(Stage.ENRICH.groupId() + "-" + InetAddress.getLocalHost().getHostName() + "-"
                            + ProcessHandle.current().pid(), unslotted.instanceIds().get("enrich"));
                }
                try (var after = plainProducer(kafka)) {
                    after.send(new ProducerRecord<>(topic, 0, "b", "after")).get(30, TimeUnit.SECONDS);
                }
                var read = new ArrayList<String>();
                Duration waited = Poll.until(Duration.ofSeconds(60), "the record after the open transaction read",
                        () -> "read " + read, () -> {
                            reader.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                            return read.contains("after");
                        });
                assertEquals(List.of("after"), read, "the open transaction was aborted, not committed");
                System.out.printf("Transaction handover: the record after it read %d ms after it was written%n",
                        waited.toMillis());
            }
        } finally {
            goneSlot.close();
            gone.close(Duration.ofSeconds(5)); // fenced by then: nothing of its own left to send
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(String kafka, String transactionalId) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, LEFT_OPEN_TIMEOUT_MS),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaProducer<String, String> plainProducer(String kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommitted(String kafka, TopicPartition partition) {
        var consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }
}
