package io.outsight.core.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigLoader;
import io.outsight.core.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
    @TempDir
    Path dir;

    @Test
    void plainTextAddsNothingToTheClients() {
        var security = KafkaSecurity.from(load(Map.of()));
        assertEquals(Map.of(), security.properties());
        assertEquals("PLAINTEXT", security.toString());
    }

    @Test
    void saslSslSetsTheMechanismTheLoginAndTheCaAsAPemTrustStore() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), CERTIFICATE);
        var security = KafkaSecurity.from(load(Map.of(
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "OUTSIGHT_KAFKA_SASL_MECHANISM", "scram-sha-512",
                "OUTSIGHT_KAFKA_SASL_USERNAME", "outsight",
                "OUTSIGHT_KAFKA_SASL_PASSWORD", "s3cret",
                "OUTSIGHT_KAFKA_CA_FILE", ca.toString())));
        Map<String, Object> properties = security.properties();
        assertEquals("SASL_SSL", properties.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", properties.get("sasl.mechanism"));
        assertTrue(properties.get("sasl.jaas.config").toString()
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required "));
        assertEquals("PEM", properties.get("ssl.truststore.type"));
        assertEquals(ca.toAbsolutePath().toString(), properties.get("ssl.truststore.location"));
        assertEquals("SASL_SSL as outsight, CA " + ca, security.toString());
    }

    @Test
    void aClientCertificateAndItsKeyGoInlineIntoAPemKeyStore() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), CERTIFICATE);
        Path certificate = Files.writeString(dir.resolve("client.pem"), CERTIFICATE);
        Path key = Files.writeString(dir.resolve("client-key.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n"
                + "-----END PRIVATE KEY-----\n");
        var security = KafkaSecurity.from(load(Map.of(
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SSL",
                "OUTSIGHT_KAFKA_CA_FILE", ca.toString(),
                "OUTSIGHT_KAFKA_SSL_CERTIFICATE_FILE", certificate.toString(),
                "OUTSIGHT_KAFKA_SSL_KEY_FILE", key.toString(),
                "OUTSIGHT_KAFKA_SSL_KEY_PASSWORD", "key-secret")));
        Map<String, Object> properties = security.properties();
        assertEquals("PEM", properties.get("ssl.keystore.type"));
        assertEquals(CERTIFICATE, properties.get("ssl.keystore.certificate.chain"));
        assertEquals(Files.readString(key), properties.get("ssl.keystore.key"));
        assertEquals("key-secret", properties.get("ssl.key.password"));
        assertEquals("SSL, CA " + ca + ", client certificate " + certificate, security.toString());
    }

    @Test
    void tlsAloneSendsNoCredentials() {
        var properties = KafkaSecurity.from(load(Map.of("OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SSL"))).properties();
        assertEquals(Map.of("security.protocol", "SSL"), properties);
    }

    @Test
    void kafkasOwnParserReadsBackCredentialsThatNeedEscaping() {
        String password = "a\"b\\c d;e=f\ng\rh'i";
        String line = KafkaSecurity.jaasConfig("PLAIN", "us\"er", password);
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(line))).configurationEntries();
        assertEquals(1, entries.size());
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule", entries.get(0).getLoginModuleName());
        assertEquals("us\"er", entries.get(0).getOptions().get("username"));
        assertEquals(password, entries.get(0).getOptions().get("password"));
    }

    @Test
    void aCaFileWithoutACertificateIsAConfigurationError() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        var config = load(Map.of("OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SSL",
                "OUTSIGHT_KAFKA_CA_FILE", ca.toString()));
        var e = assertThrows(ConfigException.class, () -> KafkaSecurity.from(config));
        assertTrue(e.getMessage().contains("kafka.ca-file"), e.getMessage());
    }

    @Test
    void thePasswordIsNeitherShownNorInAnyPropertyButTheLogin() {
        var security = KafkaSecurity.from(load(Map.of(
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "OUTSIGHT_KAFKA_SASL_USERNAME", "outsight",
                "OUTSIGHT_KAFKA_SASL_PASSWORD", "s3cret-value")));
        assertFalse(security.toString().contains("s3cret-value"));
        security.properties().forEach((name, value) -> assertEquals(name.equals("sasl.jaas.config"),
                value.toString().contains("s3cret-value"), name));
    }

    private static Config load(Map<String, String> environment) {
        var env = new HashMap<>(environment);
        env.putIfAbsent("OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", "broker:9093");
        return new ConfigLoader().load(new ConfigSources(null, env, Map.of()));
    }

    /** A self-signed certificate (keytool -genkeypair -keyalg EC, CN=broker), only parsed: its dates do not matter. */
    private static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBVDCB/KADAgECAgkAqKZgnNGrjpswCgYIKoZIzj0EAwMwETEPMA0GA1UEAxMG
            YnJva2VyMB4XDTI2MTEyNzE4MzgzM1oXDTI2MTEyOTE4MzgzM1owETEPMA0GA1UE
            AxMGYnJva2VyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3SELnjYyiIRS6/XN
            ozCMKA0wSG995s336WcjUpL9d+q9i8C/1vv53M/KW2hgJqZxxCf8breS2UZz8vjP
            QONG6qM9MDswHQYDVR0OBBYEFC8ctnCwPVLtcqHixoxyAiK0ToG3MBoGA1UdEQQT
            MBGHBH8AAAGCCWxvY2FsaG9zdDAKBggqhkjOPQQDAwNHADBEAiALD6QBtO1AnuDC
            LZL9oCCN6pD4H4dtnju0g76bMLdMcwIgLcr19vpSO4mMKvpfSWfvE2gXd+B7YrHT
            lQ2aIFi0miY=
            -----END CERTIFICATE-----
            """;
}
