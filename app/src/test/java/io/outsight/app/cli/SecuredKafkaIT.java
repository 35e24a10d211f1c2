package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigLoader;
import io.outsight.core.config.ConfigSources;
import io.outsight.core.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outsight's Kafka clients on a secured broker: TLS with the broker's CA given as a PEM file, SASL credentials
 * (PLAIN, SCRAM-SHA-512) and a client certificate (mutual TLS), configured as a deployment would (keys and a
 * password file). What goes wrong says so:
 * a wrong password is an authentication error, a broker the CA did not sign a TLS error, each without waiting out a
 * timeout.
 */
class SecuredKafkaIT {
    private static SecureKafkaBroker broker;
    private static Path workDir;

    @BeforeAll
    static void startBroker() throws Exception {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        workDir = Path.of(moduleDir, "target", "secure-kafka");
        broker = SecureKafkaBroker.start(workDir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ingestSubmitsUrlsOverSaslSslWithAPasswordFile() throws Exception {
        Path passwordFile = secretFile("kafka_password", SecureKafkaBroker.PLAIN_PASSWORD + "\n");
        String url = "https://example.com/secured/" + UUID.randomUUID();
        CliRun run = CliRun.of("ingest",
                "--set", "kafka.bootstrap-servers=" + broker.secureAddress(),
                "--set", "kafka.security-protocol=sasl_ssl",
                "--set", "kafka.sasl.username=" + SecureKafkaBroker.PLAIN_USER,
                "--set", "kafka.sasl.password-file=" + passwordFile,
                "--set", "kafka.ca-file=" + broker.caFile(),
                url);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("submitted 1 URL(s)"), run.out());

        Config config = load(Map.of(
                "OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", broker.secureAddress(),
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "OUTSIGHT_KAFKA_SASL_USERNAME", SecureKafkaBroker.PLAIN_USER,
                "OUTSIGHT_KAFKA_SASL_PASSWORD_FILE", passwordFile.toString(),
                "OUTSIGHT_KAFKA_CA_FILE", broker.caFile().toString()));
        var kafka = KafkaClients.of(broker.secureAddress(), config);
        List<String> values = readAll(kafka, Topics.URLS);
        assertTrue(values.stream().anyMatch(value -> value.contains(url)), "the submitted URL on " + Topics.URLS);
    }

    @Test
    void scramCredentialsWithQuotesAndBackslashesProduceAndConsume() throws Exception {
        // Characters that a JAAS line must escape, and some that a hand-written one often breaks on.
        String password = "p\"a\\ss word;=x'";
        broker.addScramUser("scram-user", password);
        var kafka = KafkaClients.of(broker.secureAddress(), scramConfig("scram-user", password));
        String topic = "secured.scram." + UUID.randomUUID();
        try (var producer = kafka.producer("secured-it")) {
            producer.send(new ProducerRecord<>(topic, "k", "through SCRAM".getBytes(StandardCharsets.UTF_8)))
                    .get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of("through SCRAM"), readAll(kafka, topic));
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() throws Exception {
        Config config = plainConfig("not-the-password", broker.caFile());
        Throwable failure = sendFailure(KafkaClients.of(broker.secureAddress(), config));
        assertInstanceOf(SaslAuthenticationException.class, failure, String.valueOf(failure));
        assertFalse(String.valueOf(failure.getMessage()).contains("not-the-password"), failure.getMessage());

        CliRun run = CliRun.of("ingest",
                "--set", "kafka.bootstrap-servers=" + broker.secureAddress(),
                "--set", "kafka.security-protocol=SASL_SSL",
                "--set", "kafka.sasl.username=" + SecureKafkaBroker.PLAIN_USER,
                "--set", "kafka.sasl.password-file=" + secretFile("wrong_password", "not-the-password"),
                "--set", "kafka.ca-file=" + broker.caFile(),
                "https://example.com/refused");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("hint: Kafka refused the credentials"), run.err());
        assertFalse(run.err().contains("not-the-password"), run.err());
    }

    @Test
    void aBrokerThatTheCaDidNotSignIsRefused() throws Exception {
        Config config = plainConfig(SecureKafkaBroker.PLAIN_PASSWORD, broker.otherCaFile());
        Throwable failure = sendFailure(KafkaClients.of(broker.secureAddress(), config));
        assertInstanceOf(SslAuthenticationException.class, failure, String.valueOf(failure));
    }

    @Test
    void mutualTlsWithAClientCertificateProducesAndConsumes() throws Exception {
        var kafka = KafkaClients.of(broker.mutualTlsAddress(), mutualTlsConfig());
        String topic = "secured.mtls." + UUID.randomUUID();
        try (var producer = kafka.producer("secured-it-mtls")) {
            byte[] value = "with a client certificate".getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, "k", value)).get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of("with a client certificate"), readAll(kafka, topic));
    }

    @Test
    void theMutualTlsListenerRefusesAClientWithoutACertificate() throws Exception {
        var kafka = KafkaClients.of(broker.mutualTlsAddress(), load(Map.of(
                "OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", broker.mutualTlsAddress(),
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SSL",
                "OUTSIGHT_KAFKA_CA_FILE", broker.caFile().toString())));
        Throwable failure = sendFailure(kafka);
        assertInstanceOf(SslAuthenticationException.class, failure, String.valueOf(failure));
    }

    @Test
    void secretsNeverReachTheLogEvenWithEveryLoggerAtTrace() throws Exception {
        String password = "kafka-pw-Wombat9-never-logged";
        broker.addScramUser("logged-user", password);
        try (var capture = SecretLogCapture.everythingAtTrace()) {
            var good = KafkaClients.of(broker.secureAddress(), scramConfig("logged-user", password));
            try (var producer = good.producer("secured-it-logged")) {
                producer.send(new ProducerRecord<>("secured.logged", "k", new byte[] {1})).get(60, TimeUnit.SECONDS);
            }
            var mutualTls = KafkaClients.of(broker.mutualTlsAddress(), mutualTlsConfig());
            try (var producer = mutualTls.producer("secured-it-logged-mtls")) {
                producer.send(new ProducerRecord<>("secured.logged", "k", new byte[] {2})).get(60, TimeUnit.SECONDS);
            }
            String wrong = password + "-but-wrong";
            Throwable failure = sendFailure(KafkaClients.of(broker.secureAddress(), scramConfig("logged-user", wrong)));
            assertInstanceOf(SaslAuthenticationException.class, failure, String.valueOf(failure));

            String log = capture.text();
            // The capture saw the clients' configurations and the refusal, so it would have seen a password.
            assertTrue(log.contains("sasl.jaas.config = [hidden]"), "the client configurations were logged");
            assertTrue(log.contains("Authentication failed"), "the refusal was logged");
            assertFalse(log.contains(password), "a password in the log");
            String keyLine = Files.readAllLines(broker.clientKey()).get(1);
            assertFalse(log.contains(keyLine), "the client's private key in the log");
        }
    }

    private static Config plainConfig(String password, Path caFile) {
        return load(Map.of(
                "OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", broker.secureAddress(),
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "OUTSIGHT_KAFKA_SASL_USERNAME", SecureKafkaBroker.PLAIN_USER,
                "OUTSIGHT_KAFKA_SASL_PASSWORD", password,
                "OUTSIGHT_KAFKA_CA_FILE", caFile.toString()));
    }

    private static Config mutualTlsConfig() {
        return load(Map.of(
                "OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", broker.mutualTlsAddress(),
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SSL",
                "OUTSIGHT_KAFKA_CA_FILE", broker.caFile().toString(),
                "OUTSIGHT_KAFKA_SSL_CERTIFICATE_FILE", broker.clientCertificate().toString(),
                "OUTSIGHT_KAFKA_SSL_KEY_FILE", broker.clientKey().toString()));
    }

    private static Config scramConfig(String user, String password) {
        return load(Map.of(
                "OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", broker.secureAddress(),
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "OUTSIGHT_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "OUTSIGHT_KAFKA_SASL_USERNAME", user,
                "OUTSIGHT_KAFKA_SASL_PASSWORD", password,
                "OUTSIGHT_KAFKA_CA_FILE", broker.caFile().toString()));
    }

    /** What sending one record failed with: the producer's own exception or the cause of the failed send. */
    private static Throwable sendFailure(KafkaClients kafka) {
        try (var producer = kafka.producer("secured-it-refused")) {
            var failure = assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>(
                    "secured.refused", "k", new byte[] {1})).get(60, TimeUnit.SECONDS));
            return failure instanceof ExecutionException ? failure.getCause() : failure;
        }
    }

    /** Every record of the topic from its start, as text: polled until a poll brings nothing new. */
    private static List<String> readAll(KafkaClients kafka, String topic) {
        var values = new ArrayList<String>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("secured-it-" + UUID.randomUUID(),
                "secured-it-reader", 500)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean seenAny = false;
            while (System.nanoTime() - deadline < 0) {
                var records = consumer.poll(Duration.ofSeconds(seenAny ? 2 : 5));
                if (records.isEmpty() && seenAny) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                    seenAny = true;
                }
            }
        }
        return values;
    }

    private static Config load(Map<String, String> environment) {
        return new ConfigLoader().load(new ConfigSources(null, environment, Map.of()));
    }

    private static Path secretFile(String name, String content) throws Exception {
        Path file = workDir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
