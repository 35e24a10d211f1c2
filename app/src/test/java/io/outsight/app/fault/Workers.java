package io.outsight.app.fault;

import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.WorkerProcess;
import io.outsight.stack.StackAddresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage workers of one fault test, as child JVMs ({@link WorkerProcess}) with their logs under
 * {@code target/fault-workers/<test>/}; closing stops those still running. Not thread-safe: the test's thread only.
 */
final class Workers implements AutoCloseable {
    private final Endpoints endpoints;
    private final List<String> jvmArgs;
    private final List<String> workerArgs;
    private final Path folder;
    private final List<WorkerProcess> started = new ArrayList<>();

    Workers(String test, StackAddresses stack, List<String> jvmArgs, Map<String, String> settings) throws Exception {
        this.endpoints = new Endpoints(stack.kafkaBootstrapServers(), stack.elasticsearchUrl());
        this.jvmArgs = List.copyOf(jvmArgs);
        var args = new ArrayList<String>();
        settings.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
        this.workerArgs = List.copyOf(args);
        this.folder = Path.of(System.getProperty("basedir", "."), "target", "fault-workers", test).toAbsolutePath();
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) { // an earlier run's logs, which would only confuse
            for (Path file : old.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Starts a worker of each stage and waits until every one has joined its consumer groups. */
    List<WorkerProcess> start(Set<Stage> stages) throws InterruptedException {
        var workers = new ArrayList<WorkerProcess>();
        for (Stage stage : stages) {
            WorkerProcess worker = WorkerProcess.start(stage, endpoints, jvmArgs, workerArgs, folder);
            started.add(worker);
            workers.add(worker);
        }
        for (WorkerProcess worker : workers) {
            // Two minutes: a worker that replaces a killed one takes its partitions at once when it has the same
            // instance id; with another, it waits for the group to drop the dead member (45 s by default).
            if (!worker.awaitAssigned(java.time.Duration.ofMinutes(2))) {
                throw new AssertionError(worker + " did not get partitions: alive " + worker.isAlive() + "\n"
                        + worker.logTail(30));
            }
        }
        return workers;
    }

    @Override
    public void close() {
        started.forEach(WorkerProcess::close);
    }
}
