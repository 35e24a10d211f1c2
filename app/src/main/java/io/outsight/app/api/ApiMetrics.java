package io.outsight.app.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.outsight.app.metrics.ConsumerLag;
import io.outsight.app.metrics.StageMeters;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.FetchStatus;
import java.util.Objects;

/**
 * The Prometheus metrics of {@code outsight serve}, scraped at {@code /metrics}. Fetch outcomes are counted from
 * every status the server reads on {@code outsight.fetch.status} (whoever submitted the URL), so they describe the
 * whole pipeline; stage counters exist when stage loops run in this process. Thread-safe.
 */
public final class ApiMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The stage meters, defined once with the workers' (io.outsight.app.metrics). */
    private final StageMeters stageMeters = new StageMeters(registry);
    private final Counter submitted;
    private final Counter rejected;

    public ApiMetrics() {
        submitted = Counter.builder("outsight.api.urls.submitted").description("URLs submitted through POST /jobs")
                .register(registry);
        rejected = Counter.builder("outsight.api.requests.rejected")
                .description("Requests answered with a 4xx because their input was invalid").register(registry);
    }

    public void submitted(int urls) {
        submitted.increment(urls);
    }

    public void rejected() {
        rejected.increment();
    }

    /**
     * Counts one fetch status read on {@code outsight.fetch.status}: fetched (outcome ok) or failed, by outcome,
     * under the workers' name ({@link StageMeters#FETCH_OUTCOMES}).
     */
    public void fetchStatus(FetchStatus status) {
        Objects.requireNonNull(status, "status");
        stageMeters.fetchOutcome(status.outcome());
    }

    /** Exposes the counters of a stage loop running in this process (read only: the loop owns them). */
    public void stageLoop(String stage, StageLoop loop) {
        stageMeters.stageLoop(stage, loop);
    }

    /** Exposes the lag of a stage's consumer group, asked of Kafka at each scrape (cached a few seconds). */
    void consumerLag(String stage, String group, ConsumerLag lag) {
        stageMeters.consumerLag(stage, group, lag);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
