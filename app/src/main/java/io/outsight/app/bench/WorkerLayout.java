package io.outsight.app.bench;

import io.outsight.app.pipeline.Stage;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How the benchmark deploys the stages in worker processes. Either way the stages are joined by Kafka and write to
 * Elasticsearch; what differs is how many JVMs share the machine, each with its own JIT compiler, collector and copy
 * of the shared code (Kafka client, record codec).
 */
public enum WorkerLayout {
    /** {@code outsight worker ingest}, {@code … enrich}, {@code … index}: a heap and a crash of its own per stage. */
    PER_STAGE("a worker process per stage", List.of(EnumSet.of(Stage.INGEST), EnumSet.of(Stage.ENRICH),
            EnumSet.of(Stage.INDEX))),
    /** {@code outsight worker ingest enrich index}: the stages on threads of one process, as {@code outsight run}. */
    ONE_PROCESS("one worker process for all stages", List.of(EnumSet.allOf(Stage.class)));

    private final String description;
    private final List<Set<Stage>> processes;

    WorkerLayout(String description, List<Set<Stage>> processes) {
        this.description = description;
        this.processes = processes;
    }

    /** For the report: "a worker process per stage". */
    public String description() {
        return description;
    }

    /** The stages of each worker process. */
    public List<Set<Stage>> processes() {
        return processes;
    }
}
