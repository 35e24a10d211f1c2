package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compose file's one-shot {@code kibana-setup} service imports the repository's saved objects into Kibana once
 * Kibana is healthy, and the check rejects broken copies of the service naming the problem. No Docker engine needed.
 */
class KibanaSetupServiceTest {
    private static final String COMPOSE_FILE = "docker-compose.yml";

    private static final KibanaSetupCheck CHECK = new KibanaSetupCheck(RepositoryFiles.root());

    @Test
    void setupServiceImportsTheSavedObjectsOnceKibanaIsHealthy() {
        List<String> problems = CHECK.problems(RepositoryFiles.read(COMPOSE_FILE));

        assertEquals(List.of(), problems, () -> "service " + KibanaSetupCheck.SERVICE + " has problems:\n  "
                + String.join("\n  ", problems));
    }

    @Test
    void setupServiceUploadsTheCheckedSavedObjectsFile() {
        assertEquals(Set.of(Path.of(KibanaObjectsTest.OBJECTS_FILE)),
                CHECK.uploadedFiles(RepositoryFiles.read(COMPOSE_FILE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVariants")
    void rejectsBrokenSetupServiceNamingTheProblem(String variant, String fragment, String replacement,
            String expectedInMessage) {
        String broken = TextEdits.replaceOnce(RepositoryFiles.read(COMPOSE_FILE), fragment, replacement);

        List<String> problems = CHECK.problems(broken);

        assertFalse(problems.isEmpty(), () -> "accepted a setup service with " + variant);
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expectedInMessage)),
                () -> "no message names the problem '" + expectedInMessage + "'; got:\n  "
                        + String.join("\n  ", problems));
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                Arguments.of("an upload of a file that is not in the repository",
                        "file=@/kibana/outsight-saved-objects.ndjson", "file=@/kibana/outsight-objects.ndjson",
                        "uploads /kibana/outsight-objects.ndjson, mounted from deploy/kibana/outsight-objects.ndjson,"
                                + " which does not exist"),
                Arguments.of("no bind mount of the saved objects",
                        "      - ./deploy/kibana:/kibana:ro\n", "      - ./deploy/kibana:/objects:ro\n",
                        "uploads /kibana/outsight-saved-objects.ndjson, which no bind mount of the service provides"),
                Arguments.of("an import without overwrite",
                        "_import?overwrite=true", "_import",
                        "does not contain 'overwrite=true'"),
                Arguments.of("an import without the kbn-xsrf header",
                        "-H 'kbn-xsrf: outsight'", "",
                        "does not contain 'kbn-xsrf'"),
                Arguments.of("a one-shot service that restarts",
                        "    restart: \"no\"\n", "    restart: unless-stopped\n",
                        "its restart policy must be \"no\", not 'unless-stopped'"),
                Arguments.of("a setup that does not wait for a healthy Kibana",
                        "      kibana:\n        condition: service_healthy\n",
                        "      kibana:\n        condition: service_started\n",
                        "must wait for 'kibana' to be healthy"),
                Arguments.of("no setup service",
                        "  kibana-setup:\n", "  kibana-init:\n",
                        "no service 'kibana-setup' loads the Kibana saved objects"));
    }
}
