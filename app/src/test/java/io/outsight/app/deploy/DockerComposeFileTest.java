package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.config.ConfigKey;
import io.outsight.core.config.ConfigKeys;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's {@code docker-compose.yml} is valid for the Compose Specification and follows the project's
 * rules, and the check rejects broken copies of it with a message that names the problem. No Docker engine needed.
 */
class DockerComposeFileTest {
    private static final String COMPOSE_FILE = "docker-compose.yml";

    private static final ComposeFileCheck CHECK = new ComposeFileCheck(
            ConfigKeys.ALL.stream().map(ConfigKey::envName).collect(Collectors.toSet()),
            List.of(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.envName(), ConfigKeys.ELASTICSEARCH_URL.envName()));

    @Test
    void composeFileIsValidAndFollowsTheDeploymentRules() {
        List<String> problems = CHECK.problems(RepositoryFiles.read(COMPOSE_FILE));

        assertEquals(List.of(), problems, () -> COMPOSE_FILE + " has problems:\n  " + String.join("\n  ", problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVariants")
    void rejectsBrokenComposeFileNamingTheProblem(String variant, String fragment, String replacement,
            String expectedInMessage) {
        String broken = TextEdits.replaceOnce(RepositoryFiles.read(COMPOSE_FILE), fragment, replacement);

        List<String> problems = CHECK.problems(broken);

        assertFalse(problems.isEmpty(), () -> "accepted a compose file with " + variant);
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expectedInMessage)),
                () -> "no message names the problem '" + expectedInMessage + "'; got:\n  "
                        + String.join("\n  ", problems));
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                Arguments.of("ports given as a number instead of a list",
                        "    ports:\n      - \"127.0.0.1:9200:9200\"\n", "    ports: 9200\n",
                        "/services/elasticsearch/ports: integer found, array expected"),
                Arguments.of("a misspelt depends_on condition",
                        "      elasticsearch:\n        condition: service_healthy\n    healthcheck:",
                        "      elasticsearch:\n        condition: service_healty\n    healthcheck:",
                        "/services/kibana/depends_on/elasticsearch/condition: does not have a value in the enumeration"),
                Arguments.of("a dependency on a service that does not exist",
                        "      elasticsearch:\n        condition: service_healthy\n    healthcheck:",
                        "      elastic:\n        condition: service_healthy\n    healthcheck:",
                        "service 'kibana' depends on 'elastic', which is not a service in this file"),
                Arguments.of("an unknown service key",
                        "    hostname: kafka\n", "    host_name: kafka\n",
                        "host_name"),
                Arguments.of("an image without a tag",
                        "image: docker.elastic.co/kibana/kibana:9.2.4", "image: docker.elastic.co/kibana/kibana",
                        "service 'kibana': image 'docker.elastic.co/kibana/kibana' has no tag"),
                Arguments.of("an image on the latest tag",
                        "image: apache/kafka:4.2.2", "image: apache/kafka:latest",
                        "service 'kafka': image 'apache/kafka:latest' uses the moving tag 'latest'"),
                Arguments.of("a port published on every interface",
                        "\"127.0.0.1:5601:5601\"", "\"5601:5601\"",
                        "service 'kibana' publishes port '5601:5601' on every interface"),
                Arguments.of("a health condition on a service without healthcheck",
                        "    healthcheck:\n      test: [\"CMD-SHELL\", \"/opt/kafka/",
                        "    x-healthcheck:\n      test: [\"CMD-SHELL\", \"/opt/kafka/",
                        "waits for 'kafka' to be healthy, but 'kafka' has no healthcheck"),
                Arguments.of("a worker that runs another stage",
                        "command: [\"worker\", \"enrich\"]", "command: [\"worker\", \"ingest\"]",
                        "service 'enrich' must run the command 'worker enrich'"),
                Arguments.of("a worker that does not build from the Dockerfile",
                        "  index:\n    build:\n      context: .\n      dockerfile: Dockerfile\n",
                        "  index:\n    image: outsight/outsight:0.1.0\n",
                        "service 'index' must build from this repository's Dockerfile"),
                Arguments.of("a worker that does not wait for Elasticsearch",
                        "      kafka:\n        condition: service_healthy\n"
                                + "      elasticsearch:\n        condition: service_healthy\n    deploy:",
                        "      kafka:\n        condition: service_healthy\n    deploy:",
                        "service 'index' must wait for 'elasticsearch' to be healthy"),
                Arguments.of("a misspelt Outsight variable",
                        "OUTSIGHT_ELASTICSEARCH_URL: http://elasticsearch:9200\n    depends_on:\n      kafka:\n"
                                + "        condition: service_healthy\n      elasticsearch:",
                        "OUTSIGHT_ELASTICSEARCH_ULR: http://elasticsearch:9200\n    depends_on:\n      kafka:\n"
                                + "        condition: service_healthy\n      elasticsearch:",
                        "service 'index' sets OUTSIGHT_ELASTICSEARCH_ULR, which is not the environment variable"),
                Arguments.of("a scalable worker with a fixed container name",
                        "command: [\"worker\", \"enrich\"]",
                        "command: [\"worker\", \"enrich\"]\n    container_name: outsight-enrich",
                        "service 'enrich' has a container_name"),
                Arguments.of("enrich with a single replica",
                        "      replicas: 2\n", "      replicas: 1\n",
                        "service 'enrich' must declare deploy.replicas of at least 2"),
                Arguments.of("a key given twice",
                        "    hostname: kafka\n", "    hostname: kafka\n    hostname: broker\n",
                        "Duplicate field 'hostname'"),
                Arguments.of("a YAML alias, which the check cannot resolve",
                        "    hostname: kafka\n", "    hostname: &host kafka\n    domainname: *host\n",
                        "the YAML alias *host is not supported by this check"),
                Arguments.of("no API service",
                        "\n  api:\n    build:", "\n  web:\n    build:",
                        "no service 'api' for the Outsight HTTP API"),
                Arguments.of("an API service that runs another command",
                        "command: [\"serve\", \"--host\", \"0.0.0.0\", \"--port\", \"8080\"]",
                        "command: [\"worker\", \"index\"]",
                        "service 'api' must run the command 'serve'"),
                Arguments.of("an API that listens on its container's loopback only",
                        "command: [\"serve\", \"--host\", \"0.0.0.0\", \"--port\", \"8080\"]",
                        "command: [\"serve\", \"--port\", \"8080\"]",
                        "service 'api' must listen with '--host 0.0.0.0'"),
                Arguments.of("an API on another port than the one it publishes",
                        "\"--port\", \"8080\"]", "\"--port\", \"9090\"]",
                        "service 'api' listens on port 9090 but publishes container ports [8080]"),
                Arguments.of("an API without a healthcheck",
                        "    healthcheck:\n      test: [\"CMD\", \"bash\"",
                        "    x-healthcheck:\n      test: [\"CMD\", \"bash\"",
                        "service 'api' has no healthcheck"),
                Arguments.of("an API healthcheck that does not ask /health",
                        "GET /health HTTP/1.0", "GET / HTTP/1.0",
                        "service 'api' healthcheck must ask GET /health on port 8080"),
                Arguments.of("an API that does not wait for Elasticsearch",
                        "      elasticsearch:\n        condition: service_healthy\n    # GET /health",
                        "    # GET /health",
                        "service 'api' must wait for 'elasticsearch' to be healthy"),
                Arguments.of("broken YAML indentation",
                        "    image: apache/kafka:4.2.2\n", "    image: apache/kafka:4.2.2\n   hostname: x\n",
                        "not valid YAML at line"));
    }

    @Test
    void elasticsearchAndKibanaRunTheVersionTheBuildTestsAgainst() {
        String version = pomProperty("elasticsearch.version");

        assertEquals(version, imageTag("elasticsearch"),
                "the elasticsearch image must be the version the integration tests use (root pom)");
        assertEquals(version, imageTag("kibana"), "Kibana must run the same version as Elasticsearch");
    }

    @Test
    void kafkaRunsTheVersionOfTheKafkaClients() {
        assertEquals(pomProperty("kafka.version"), imageTag("kafka"),
                "the kafka image must be the version of the Kafka clients and of the test broker (root pom)");
    }

    private static String imageTag(String service) {
        String image = CHECK.read(RepositoryFiles.read(COMPOSE_FILE)).path("services").path(service).path("image")
                .asText();
        String tag = ImageReference.parse(image).tag();
        return tag == null ? "(no tag in '" + image + "')" : tag;
    }

    private static String pomProperty(String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
                .matcher(RepositoryFiles.read("pom.xml"));
        assertTrue(matcher.find(), () -> "the root pom has no property " + name);
        return matcher.group(1).strip();
    }
}
