package io.outsight.core.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    /** No broker is needed: a client connects only when it is first used, and the telemetry is set up before. */
    private final KafkaClients clients = new KafkaClients("127.0.0.1:1");

    @Test
    void consumersPushNoMetricsToTheBroker() {
        try (var consumer = clients.consumer("group", "test", 10)) {
            // A client instance id exists only where the client pushes telemetry.
            assertThrows(IllegalStateException.class, () -> consumer.clientInstanceId(Duration.ZERO));
        }
        try (var consumer = clients.batchingConsumer("group", "test", 10)) {
            assertThrows(IllegalStateException.class, () -> consumer.clientInstanceId(Duration.ZERO));
        }
    }

    @Test
    void producersPushNoMetricsToTheBroker() {
        try (var producer = clients.producer("test")) {
            assertThrows(IllegalStateException.class, () -> producer.clientInstanceId(Duration.ZERO));
        }
    }

    @Test
    void aConsumerGivenAnInstanceIdIsAStaticMemberOfItsGroup() {
        var sessions = clients.withSessionTimeout(Duration.ofMinutes(5));
        try (var consumer = sessions.consumer("group", "test", "group-host-user-0", 10)) {
            assertEquals(Optional.of("group-host-user-0"), consumer.groupMetadata().groupInstanceId());
        }
        try (var consumer = sessions.batchingConsumer("group", "test", "group-host-user-1", 10)) {
            assertEquals(Optional.of("group-host-user-1"), consumer.groupMetadata().groupInstanceId());
        }
        try (var consumer = clients.consumer("group", "test", 10)) {
            assertEquals(Optional.empty(), consumer.groupMetadata().groupInstanceId(), "a dynamic member");
        }
    }
}
