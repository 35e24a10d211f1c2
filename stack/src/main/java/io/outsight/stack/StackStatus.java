package io.outsight.stack;

import java.util.Objects;

/**
 * What {@link LocalStack#status} found for a recorded stack.
 *
 * @param state         what {@code stack.json} records
 * @param kafka         the broker's liveness
 * @param elasticsearch the node's liveness
 */
public record StackStatus(StackState state, ServerStatus kafka, ServerStatus elasticsearch) {
    public StackStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(elasticsearch, "elasticsearch");
    }

    /** Both servers run and answer. */
    public boolean up() {
        return kafka.up() && elasticsearch.up();
    }

    /**
     * One server's liveness.
     *
     * @param pid        the recorded pid
     * @param running    a process with that pid runs and is this stack's server (its command line names the data folder)
     * @param responding it answered a quick health probe (Kafka: cluster metadata; Elasticsearch: cluster health green
     *                   or yellow)
     */
    public record ServerStatus(long pid, boolean running, boolean responding) {
        public boolean up() {
            return running && responding;
        }
    }
}
