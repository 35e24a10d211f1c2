package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's {@code Dockerfile} and {@code .dockerignore} follow the image rules, and the check rejects broken
 * copies with a message that names the problem. Read as text: no Docker engine needed.
 */
class DockerfileTest {
    private static final DockerfileCheck CHECK =
            new DockerfileCheck(RepositoryFiles.root(), RepositoryFiles.reactorModules());

    @Test
    void dockerfileBuildsInStagesAndRunsTheAppAsNonRoot() {
        List<String> problems = CHECK.problems(RepositoryFiles.read("Dockerfile"));

        assertEquals(List.of(), problems, () -> "Dockerfile has problems:\n  " + String.join("\n  ", problems));
    }

    @Test
    void dockerignoreKeepsBuildOutputAndLocalStateOutOfTheContext() {
        List<String> problems = DockerfileCheck.dockerignoreProblems(RepositoryFiles.read(".dockerignore"));

        assertEquals(List.of(), problems, () -> ".dockerignore has problems:\n  " + String.join("\n  ", problems));
    }

    @Test
    void dockerignoreWithoutTheModuleBuildOutputIsRejected() {
        String broken = TextEdits.replaceOnce(RepositoryFiles.read(".dockerignore"), "**/target/", "target/");

        assertTrue(DockerfileCheck.dockerignoreProblems(broken).contains(
                "the .dockerignore does not exclude **/target/ (at any depth)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVariants")
    void rejectsBrokenDockerfileNamingTheProblem(String variant, String fragment, String replacement,
            String expectedInMessage) {
        String broken = TextEdits.replaceOnce(RepositoryFiles.read("Dockerfile"), fragment, replacement);

        List<String> problems = CHECK.problems(broken);

        assertFalse(problems.isEmpty(), () -> "accepted a Dockerfile with " + variant);
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expectedInMessage)),
                () -> "no message names the problem '" + expectedInMessage + "'; got:\n  "
                        + String.join("\n  ", problems));
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                Arguments.of("no USER in the runtime stage",
                        "USER 10001:10001\n", "",
                        "the runtime stage has no USER instruction"),
                Arguments.of("a runtime stage that runs as root",
                        "USER 10001:10001\n", "USER root\n",
                        "the runtime stage runs as root (USER root)"),
                Arguments.of("a base image on the latest tag",
                        "FROM eclipse-temurin:25.0.3_9-jre-noble\n", "FROM eclipse-temurin:latest\n",
                        "FROM eclipse-temurin:latest uses the moving tag 'latest'"),
                Arguments.of("a base image without a tag",
                        "FROM eclipse-temurin:25.0.3_9-jdk-noble AS build\n", "FROM eclipse-temurin AS build\n",
                        "FROM eclipse-temurin has no tag"),
                Arguments.of("a JDK in the runtime stage",
                        "FROM eclipse-temurin:25.0.3_9-jre-noble\n", "FROM eclipse-temurin:25.0.3_9-jdk-noble\n",
                        "the runtime stage must start from an eclipse-temurin JRE image"),
                Arguments.of("a build stage older than Java 21",
                        "FROM eclipse-temurin:25.0.3_9-jdk-noble AS build\n",
                        "FROM eclipse-temurin:17.0.15_6-jdk-noble AS build\n",
                        "the build stage must run Java 21 or newer"),
                Arguments.of("a single stage",
                        "FROM eclipse-temurin:25.0.3_9-jre-noble\n", "",
                        "the Dockerfile must be multi-stage"),
                Arguments.of("a shell-form entrypoint",
                        "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-cp\", "
                                + "\"/opt/outsight/outsight-app.jar:/opt/outsight/lib/*\", \"io.outsight.app.Main\"]",
                        "ENTRYPOINT java -cp '/opt/outsight/outsight-app.jar:/opt/outsight/lib/*' io.outsight.app.Main",
                        "the ENTRYPOINT must use the exec form"),
                Arguments.of("a main class without a source file",
                        "\"io.outsight.app.Main\"]", "\"io.outsight.app.NoSuchMain\"]",
                        "main class io.outsight.app.NoSuchMain has no source file"
                                + " app/src/main/java/io/outsight/app/NoSuchMain.java"),
                Arguments.of("a class path folder that is not copied",
                        "COPY --from=build /src/app/target/lib/ /opt/outsight/lib/\n",
                        "COPY --from=build /src/app/target/lib/ /opt/outsight/libs/\n",
                        "the class path entry /opt/outsight/lib/* is not copied into the runtime stage"),
                Arguments.of("a module pom missing from the dependency layer",
                        "COPY enrich/pom.xml enrich/\n", "",
                        "the build stage does not copy enrich/pom.xml before dependency:go-offline"),
                Arguments.of("no cached dependency layer",
                        "RUN ./mvnw -B -q dependency:go-offline\n", "",
                        "the build stage must resolve the dependencies"),
                Arguments.of("a build stage that does not package the app",
                        "RUN ./mvnw -B -DskipTests package\n", "RUN ./mvnw -B -DskipTests compile\n",
                        "the build stage must build the app distribution"));
    }
}
