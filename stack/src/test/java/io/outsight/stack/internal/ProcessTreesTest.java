package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessTreesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            java -cp x kafka.Kafka /a/b/kafka/server.properties  | /a/b/kafka/server.properties | true
            java -cp x kafka.Kafka /z/a/b/kafka/server.properties| /a/b/kafka/server.properties | false
            java -Des.path.home=/a/b/elasticsearch/dist/es-9 x   | /a/b/elasticsearch/dist/     | true
            java -cp /x.jar:/a/b/elasticsearch/dist/es/lib/y.jar | /a/b/elasticsearch/dist/     | true
            /a/b/elasticsearch/dist/es/bin/elasticsearch -E...   | /a/b/elasticsearch/dist/     | true
            java -cp x other /a/b2/kafka/server.properties       | /a/b/kafka/server.properties | false
            """)
    void recognisesAPathInACommandLineOnlyAsAWholePath(String commandLine, String marker, boolean names) {
        assertEquals(names, ProcessTrees.names(commandLine.strip(), marker));
    }

    @Test
    void findsAProcessByItsMarkerAndStopsItsWholeTree(@TempDir Path dir) throws Exception {
        String marker = dir.resolve("marker-arg").toString();
        // a shell (the root) with a sleeping child (the leaf): like runuser above the Elasticsearch JVMs
        Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 600 & wait", marker).start();
        ProcessHandle root = shell.toHandle();
        awaitChildren(root);
        List<ProcessHandle> tree = ProcessTrees.trees(List.of(root));
        assertEquals(2, tree.size(), tree.toString());

        assertEquals(List.of(root.pid()), ProcessTrees.withMarker(marker).stream().map(ProcessHandle::pid).toList());
        assertTrue(ProcessTrees.ours(root.pid(), marker).isPresent());
        assertFalse(ProcessTrees.ours(root.pid(), dir.resolve("other").toString()).isPresent());

        assertTrue(ProcessTrees.stop(List.of(root), Duration.ofSeconds(20)));

        assertTrue(tree.stream().noneMatch(ProcessTrees::isRunning));
        assertEquals(List.of(), ProcessTrees.withMarker(marker));
    }

    private static void awaitChildren(ProcessHandle root) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (root.children().findAny().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shell started no child");
            }
            Thread.sleep(10);
        }
    }
}
