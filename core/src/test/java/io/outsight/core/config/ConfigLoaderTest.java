package io.outsight.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Config config = loader.load(ConfigSources.none());
        assertEquals(6, config.get(ConfigKeys.STACK_TOPIC_PARTITIONS));
        assertEquals(Duration.ofSeconds(20), config.get(ConfigKeys.INGEST_FETCH_TIMEOUT));
        assertTrue(config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS).isEmpty());
        assertEquals("default", config.origin(ConfigKeys.STACK_TOPIC_PARTITIONS));
    }

    @Test
    void fileThenEnvironmentThenFlagsEachOverrideTheLayerBelow() throws IOException {
        Path file = Files.writeString(dir.resolve("outsight.properties"),
                "stack.topic-partitions=3\ningest.fetch.timeout=5s\nindex.alias=from-file\n");
        Config config = loader.load(new ConfigSources(file,
                Map.of("OUTSIGHT_INGEST_FETCH_TIMEOUT", "7s", "OUTSIGHT_INDEX_ALIAS", "from-env", "PATH", "/bin"),
                Map.of("index.alias", "from-flag")));
        assertEquals(3, config.get(ConfigKeys.STACK_TOPIC_PARTITIONS));
        assertEquals(Duration.ofSeconds(7), config.get(ConfigKeys.INGEST_FETCH_TIMEOUT));
        assertEquals("from-flag", config.get(ConfigKeys.INDEX_ALIAS));
        assertEquals("file " + file, config.origin(ConfigKeys.STACK_TOPIC_PARTITIONS));
        assertEquals("env OUTSIGHT_INGEST_FETCH_TIMEOUT", config.origin(ConfigKeys.INGEST_FETCH_TIMEOUT));
        assertEquals("flag --index.alias", config.origin(ConfigKeys.INDEX_ALIAS));
    }

    @Test
    void readsNestedYamlAsDottedKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("outsight.yaml"), """
                kafka:
                  bootstrap-servers: broker-1:9092,broker-2:9092
                ingest:
                  fetch:
                    allow-private-addresses: true
                    max-body-size: 2mb
                """);
        Config config = loader.load(new ConfigSources(file, Map.of(), Map.of()));
        assertEquals("broker-1:9092,broker-2:9092", config.get(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS));
        assertTrue(config.get(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES));
        assertEquals(2L * 1024 * 1024, config.get(ConfigKeys.INGEST_FETCH_MAX_BODY_SIZE));
    }

    @Test
    void findsTheDefaultFileInTheWorkingFolder() throws IOException {
        Files.writeString(dir.resolve("outsight.properties"), "stack.topic-partitions=2\n");
        Config config = loader.load(ConfigSources.of(null, Map.of(), Map.of(), dir));
        assertEquals(2, config.get(ConfigKeys.STACK_TOPIC_PARTITIONS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stack.topic-partitions | zero   | stack.topic-partitions from flag --stack.topic-partitions: 'zero' is invalid",
        "stack.topic-partitions | 0      | 0 is outside 1..1000",
        "ingest.fetch.timeout   | soon   | not a duration",
        "ingest.fetch.allow-private-addresses | maybe | not a boolean",
        "elasticsearch.url      | localhost:9200 | is not an http(s)://host:port URL",
        "kafka.bootstrap-servers | localhost | 'localhost' is not host:port",
        "ingest.fetch.timout    | 5s     | unknown key 'ingest.fetch.timout' given on the command line",
    })
    void namesTheKeyAtFault(String key, String value, String expected) {
        var e = assertThrows(ConfigException.class,
                () -> loader.load(new ConfigSources(null, Map.of(), Map.of(key, value))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.properties"), "no.such.key=1\nstack.kafka.port=99999\n");
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(file,
                Map.of("OUTSIGHT_NOPE", "x"), Map.of("elasticsearch.username", "elastic"))));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'no.such.key' in " + file), e.getMessage());
        assertTrue(e.getMessage().contains("OUTSIGHT_NOPE"), e.getMessage());
        assertTrue(e.getMessage().contains("the password is missing"), e.getMessage());
    }

    @Test
    void neverPrintsSecrets() {
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(null,
                Map.of("OUTSIGHT_ELASTICSEARCH_API_KEY", "s3cr3t-key"),
                Map.of("elasticsearch.username", "elastic", "elasticsearch.password", "hunter2"))));
        assertFalse(e.getMessage().contains("s3cr3t-key") || e.getMessage().contains("hunter2"), e.getMessage());
        Config ok = loader.load(new ConfigSources(null, Map.of("OUTSIGHT_ELASTICSEARCH_API_KEY", "s3cr3t-key"), Map.of()));
        assertFalse(ok.toString().contains("s3cr3t-key"), ok.toString());
        assertTrue(ok.toString().contains("elasticsearch.api-key = ******"), ok.toString());
    }

    /**
     * Credentials in elasticsearch.url would be shown wherever the URL is (outsight config, the log line of a
     * starting worker): they are refused, and no message quotes them, however broken the URL around them is.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://elastic:hunter2@es.example:9200  | https://******@es.example:9200",
        "https://elastic:hunter2@es.example:9200/ | https://******@es.example:9200/",
        "http://:hunter2@es.example:9200          | http://******@es.example:9200",
        "https://elastic:hun/ter2@es.example:9200 | https://******@es.example:9200",
        "https://elastic:hun#ter2@es.example:9200 | https://******@es.example:9200",
        "https://elastic:hun?ter2@es.example:9200 | https://******@es.example:9200",
        "https://elastic:hun@ter2@es.example:9200 | https://******@es.example:9200",
        "https://elastic:hun ter2@es.example:9200 | https://******@es.example:9200",
        "https://elastic:hunter2@es example:9200  | https://******@es example:9200",
        "elastic:hunter2@es.example:9200          | ******@es.example:9200",
    })
    void refusesCredentialsInTheElasticsearchUrlWithoutQuotingThem(String url, String shown) {
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(null,
                Map.of("OUTSIGHT_ELASTICSEARCH_URL", url), Map.of())));
        assertTrue(e.getMessage().contains("elasticsearch.url from env OUTSIGHT_ELASTICSEARCH_URL: '" + shown
                + "' holds credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("hun") || e.getMessage().contains("ter2"), e.getMessage());
    }

    @Test
    void anAtSignOutsideTheAuthorityIsNoCredential() {
        Config config = loader.load(new ConfigSources(null,
                Map.of("OUTSIGHT_ELASTICSEARCH_URL", "https://es.example:9200/proxy@eu"), Map.of()));
        assertEquals("https://es.example:9200/proxy@eu", config.get(ConfigKeys.ELASTICSEARCH_URL));
    }

    @Test
    void reportsAMissingCaFile() {
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(null, Map.of(),
                Map.of("elasticsearch.ca-file", dir.resolve("missing.pem").toString()))));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void kafkaCredentialsAndCaFileMustFitTheSecurityProtocol() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");
        assertProblem(Map.of("kafka.security-protocol", "SASL_SSL", "kafka.sasl.username", "outsight"),
                "kafka.security-protocol SASL_SSL needs kafka.sasl.username and kafka.sasl.password (or"
                + " kafka.sasl.password-file): the password is missing");
        assertProblem(Map.of("kafka.sasl.username", "outsight", "kafka.sasl.password", "secret"),
                "Kafka credentials are set, but kafka.security-protocol is PLAINTEXT, which sends none");
        assertProblem(Map.of("kafka.security-protocol", "SASL_PLAINTEXT", "kafka.sasl.username", "outsight",
                "kafka.sasl.password", "secret", "kafka.ca-file", ca.toString()),
                "kafka.ca-file is set, but kafka.security-protocol is SASL_PLAINTEXT, which does not use TLS");
        assertProblem(Map.of("kafka.security-protocol", "SSL", "kafka.ssl.certificate-file", ca.toString()),
                "kafka.ssl.certificate-file and kafka.ssl.key-file go together: the key is missing");
        assertProblem(Map.of("kafka.ssl.certificate-file", ca.toString(), "kafka.ssl.key-file", ca.toString()),
                "a Kafka client certificate is set, but kafka.security-protocol is PLAINTEXT");
        assertProblem(Map.of("kafka.security-protocol", "SSL", "kafka.ssl.key-password", "secret"),
                "kafka.ssl.key-password is set without kafka.ssl.key-file");
        assertProblem(Map.of("kafka.security-protocol", "TLS"),
                "not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL: 'TLS'");
        var withoutAddress = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(null, Map.of(),
                Map.of("kafka.security-protocol", "ssl"))));
        assertTrue(withoutAddress.getMessage().contains("kafka.bootstrap-servers is unset: the local stack's broker"
                + " speaks PLAINTEXT only"), withoutAddress.getMessage());
    }

    @Test
    void aSecuredKafkaConfigurationThatFitsLoads() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");
        Path password = Files.writeString(dir.resolve("kafka_password"), "secret\n");
        Config config = loader.load(new ConfigSources(null, Map.of(
                "OUTSIGHT_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "OUTSIGHT_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "OUTSIGHT_KAFKA_SASL_MECHANISM", "scram-sha-256",
                "OUTSIGHT_KAFKA_SASL_USERNAME", "outsight",
                "OUTSIGHT_KAFKA_SASL_PASSWORD_FILE", password.toString(),
                "OUTSIGHT_KAFKA_CA_FILE", ca.toString()), Map.of()));
        assertEquals("SASL_SSL", config.get(ConfigKeys.KAFKA_SECURITY_PROTOCOL));
        assertEquals("SCRAM-SHA-256", config.get(ConfigKeys.KAFKA_SASL_MECHANISM));
        assertEquals("secret", config.get(ConfigKeys.KAFKA_SASL_PASSWORD));
    }

    /** With a broker address, so that only the given keys can be the problem. */
    private void assertProblem(Map<String, String> flags, String problem) {
        var all = new HashMap<>(flags);
        all.put("kafka.bootstrap-servers", "broker:9093");
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(null, Map.of(), all)));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void everyKeyHasItsOwnEnvironmentVariableAndADescription() {
        var names = new HashSet<String>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(names.add(key.envName()), "two keys map to " + key.envName());
            assertFalse(key.description().isBlank(), key.name());
        }
    }

    @Test
    void getOfAnUnsetKeySaysHowToSetIt() {
        var e = assertThrows(ConfigException.class, () -> Config.defaults().get(ConfigKeys.ELASTICSEARCH_URL));
        assertTrue(e.getMessage().contains("OUTSIGHT_ELASTICSEARCH_URL"), e.getMessage());
    }
}
