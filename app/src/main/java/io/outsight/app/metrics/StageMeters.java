package io.outsight.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.FetchOutcome;
import java.util.Objects;

/**
 * The meters that describe a stage, defined once for every process that exposes them: {@code outsight serve} (for
 * the stages it runs with {@code --stages}) and {@code outsight worker}. Names are Micrometer names; Prometheus
 * shows {@code outsight.stage.records.consumed} as {@code outsight_stage_records_consumed_total}. Thread-safe, as
 * the registry is.
 */
public final class StageMeters {
    /**
     * Counter of fetch outcomes, tagged {@code outcome} (wire name) and {@code failed}: in a worker, the outcomes
     * its ingest stage produced; in {@code outsight serve}, every status read on {@code outsight.fetch.status}. One
     * name for both, so dashboards and alerts work on either.
     */
    public static final String FETCH_OUTCOMES = "outsight.fetches";

    private final MeterRegistry registry;

    public StageMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Exposes the counters of a stage loop running in this process (read at each scrape: the loop owns them).
     *
     * @param stage the tag value: ingest, enrich, index or the loop's own name for auxiliary loops
     */
    public void stageLoop(String stage, StageLoop loop) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(loop, "loop");
        FunctionCounter.builder("outsight.stage.records.consumed", loop, StageLoop::consumed).tag("stage", stage)
                .description("Records a stage consumed").register(registry);
        FunctionCounter.builder("outsight.stage.records.succeeded", loop, StageLoop::succeeded).tag("stage", stage)
                .description("Records a stage completed: URLs fetched (ingest), articles enriched (enrich), documents "
                        + "indexed (index), statuses indexed (index-status); never those sent to the DLQ")
                .register(registry);
        FunctionCounter.builder("outsight.stage.records.produced", loop, StageLoop::produced).tag("stage", stage)
                .description("Records a stage produced to its output topics, dead letters not included")
                .register(registry);
        FunctionCounter.builder("outsight.stage.records.dead.lettered", loop, StageLoop::deadLettered)
                .tag("stage", stage).description("Records a stage sent to the DLQ").register(registry);
    }

    /** Exposes the lag of a stage's consumer group, asked of Kafka at each scrape (cached a few seconds). */
    public void consumerLag(String stage, String group, ConsumerLag lag) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(lag, "lag");
        Gauge.builder("outsight.consumer.lag", lag, l -> l.lag(group)).tag("stage", stage).tag("group", group)
                .strongReference(true) // Micrometer holds gauge objects weakly: nothing else keeps this one
                .description("Records on a stage's input topic past its consumer group's committed offsets")
                .register(registry);
    }

    /** Counts one fetch outcome: fetched (ok) or failed, by outcome. */
    public void fetchOutcome(FetchOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        Counter.builder(FETCH_OUTCOMES).description("Fetch outcomes, by outcome")
                .tag("outcome", outcome.wireName()).tag("failed", Boolean.toString(outcome.isFailure()))
                .register(registry).increment();
    }
}
