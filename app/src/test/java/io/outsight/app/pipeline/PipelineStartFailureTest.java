package io.outsight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.config.Config;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A start that fails half-way (the index stage cannot install its template: nothing answers at the Elasticsearch
 * address) leaves nothing running in the process: no Kafka producer thread, no Elasticsearch client thread.
 */
class PipelineStartFailureTest {
    @Test
    void aStartThatFailsClosesWhatItHadBuilt() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free once closed: connections are refused at once
        }
        var endpoints = new Endpoints("127.0.0.1:" + closedPort, "http://127.0.0.1:" + closedPort);
        var before = clientThreads();
        var e = assertThrows(RuntimeException.class,
                () -> Pipeline.start(Config.defaults(), endpoints, EnumSet.of(Stage.INDEX)));
        assertTrue(e.getMessage().contains("index template") || e.getCause() instanceof IOException, e.toString());
        // Closed clients stop their threads as they return, or a moment later: poll, with a deadline.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<String> left = leftSince(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling interval
            left = leftSince(before);
        }
        assertTrue(left.isEmpty(), "threads left behind by the failed start: " + left);
    }

    private static List<String> leftSince(List<String> before) {
        var now = clientThreads();
        now.removeAll(before);
        return now;
    }

    /** Live threads of the Kafka producer and of the Elasticsearch client's I/O, by name. */
    private static List<String> clientThreads() {
        return new java.util.ArrayList<>(Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("kafka-producer-network-thread") || name.startsWith("httpclient")
                        || name.contains("elasticsearch-rest-client") || name.contains("I/O dispatcher"))
                .toList());
    }
}
