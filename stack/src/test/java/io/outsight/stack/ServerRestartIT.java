package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.stack.junit.LocalStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link LocalElasticsearch#stop()}/{@link LocalElasticsearch#restart()} and their Kafka counterparts: the server
 * goes away and comes back at the same address with what it stored. Each test leaves its server running, since the
 * stack is shared with the other tests of the JVM.
 */
@ExtendWith(LocalStackExtension.class)
class ServerRestartIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void elasticsearchComesBackOnTheSamePortWithItsDocuments(LocalStack stack) throws Exception {
        LocalElasticsearch node = stack.elasticsearch();
        String url = node.url();
        String index = "it-restart-" + UUID.randomUUID();
        assertEquals(201, send("PUT", url + "/" + index + "/_doc/kept?refresh=true", "{\"title\":\"kept\"}").statusCode());
        long pidBefore = node.pid();
        try {
            node.stop();
            assertFalse(node.isRunning());
            assertFalse(LocalElasticsearch.isHealthy(url, Duration.ofSeconds(1)), "the node must be down");
        } finally {
            node.restart();
        }

        assertTrue(node.isRunning());
        assertTrue(pidBefore != node.pid(), "a new process");
        assertEquals(url, node.url());
        assertTrue(LocalElasticsearch.isHealthy(url, Duration.ofSeconds(5)));
        HttpResponse<String> kept = send("GET", url + "/" + index + "/_doc/kept", null);
        assertEquals(200, kept.statusCode(), kept.body());
        assertTrue(kept.body().contains("\"title\":\"kept\""), kept.body());
        send("DELETE", url + "/" + index, null);
    }

    @Test
    void kafkaComesBackOnTheSamePortWithItsRecords(LocalStack stack) throws Exception {
        LocalKafka kafka = stack.kafka();
        String bootstrap = kafka.bootstrapServers();
        String topic = "it.restart." + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, 0, "k", "before the restart")).get();
        }
        try {
            kafka.stop();
            assertFalse(kafka.isRunning());
            assertFalse(LocalKafka.isResponding(bootstrap, Duration.ofSeconds(1)), "the broker must be down");
        } finally {
            kafka.restart();
        }

        assertEquals(bootstrap, kafka.bootstrapServers());
        assertTrue(LocalKafka.isResponding(bootstrap, Duration.ofSeconds(5)));
        assertEquals(List.of("before the restart"), readAll(bootstrap, topic, 1, Duration.ofSeconds(60)));
    }

    private static List<String> readAll(String bootstrap, String topic, int expected, Duration timeout) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            var values = new ArrayList<String>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
