package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.stack.internal.ChildClasspath;
import io.outsight.stack.internal.LogTail;
import io.outsight.stack.internal.Ports;
import io.outsight.stack.internal.ProcessTrees;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code outsight stack up|status|down}: a stack started by one JVM, outliving it, and stopped by another. */
class DetachedStackIT {
    private final Path dataDir = Path.of(System.getProperty("basedir", "."), "target", "it-detached")
            .toAbsolutePath().normalize();

    @BeforeEach
    @AfterEach
    void noStackLeftInTheDataFolder() {
        LocalStack.down(dataDir);
    }

    @Test
    void upStartsAStackThatOutlivesItsJvmOnFreePortsAndDownLeavesNoProcessBehind() throws Exception {
        try (ServerSocket kafkaPortTaken = listen(); ServerSocket elasticsearchPortTaken = listen()) {
            int takenKafkaPort = kafkaPortTaken.getLocalPort();
            int takenElasticsearchPort = elasticsearchPortTaken.getLocalPort();

            upInAnotherJvm(takenKafkaPort, takenElasticsearchPort); // that JVM has exited when this returns

            StackState state = StackState.read(dataDir).orElseThrow();
            assertNotEquals("127.0.0.1:" + takenKafkaPort, state.kafkaBootstrapServers());
            assertNotEquals("http://127.0.0.1:" + takenElasticsearchPort, state.elasticsearchUrl());
            assertEquals(URI.create(state.elasticsearchUrl()).getHost(), "127.0.0.1");

            StackStatus status = LocalStack.status(dataDir).orElseThrow();
            assertTrue(status.up(), status.toString());
            assertEquals(state.kafkaPid(), status.kafka().pid());
            assertEquals(Optional.of(state), LocalStack.running(dataDir));

            // a second `up` finds the running stack and starts nothing
            StackSettings settings = StackSettings.defaults(dataDir);
            assertEquals(state, LocalStack.up(settings));

            List<ProcessHandle> processes = ProcessTrees.trees(List.of(
                    ProcessHandle.of(state.kafkaPid()).orElseThrow(),
                    ProcessHandle.of(state.elasticsearchPid()).orElseThrow()));
            // broker JVM; node: (runuser →) launcher JVM → server JVM
            assertTrue(processes.size() >= 3, processes.toString());
            assertTrue(processes.stream().noneMatch(p -> p.parent().map(ProcessHandle::pid)
                    .filter(parent -> parent == ProcessHandle.current().pid()).isPresent()),
                    "the servers are not children of this JVM");

            assertEquals(Optional.of(state), LocalStack.down(dataDir));

            assertTrue(processes.stream().noneMatch(ProcessTrees::isRunning), processes.toString());
            assertEquals(List.of(), ProcessTrees.withMarker(LocalKafka.marker(dataDir)));
            assertEquals(List.of(), ProcessTrees.withMarker(LocalElasticsearch.marker(dataDir)));
            assertFalse(Files.exists(StackState.file(dataDir)));
            assertEquals(Optional.empty(), LocalStack.status(dataDir));
            assertEquals(Optional.empty(), LocalStack.running(dataDir));
            assertTrue(Ports.isFree(Integer.parseInt(state.kafkaBootstrapServers().split(":")[1])));
        }
    }

    @Test
    void downWithNothingRecordedIsHarmless() {
        assertEquals(Optional.empty(), LocalStack.down(dataDir));
        assertEquals(Optional.empty(), LocalStack.status(dataDir));
    }

    private void upInAnotherJvm(int kafkaPort, int elasticsearchPort) throws Exception {
        Path output = dataDir.resolveSibling("it-detached-up.log");
        Files.createDirectories(dataDir);
        Process up = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ChildClasspath.current(), DetachedUpMain.class.getName(),
                dataDir.toString(), Integer.toString(kafkaPort), Integer.toString(elasticsearchPort))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!up.waitFor(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS)) {
            up.destroyForcibly();
            throw new AssertionError("`up` did not return within 5 minutes\n" + LogTail.describe("Output", output, 50));
        }
        assertEquals(0, up.exitValue(), LogTail.describe("`up` failed; output", output, 50));
    }

    private static ServerSocket listen() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
        return socket;
    }
}
