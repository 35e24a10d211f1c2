package io.outsight.app.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;

/**
 * The Prometheus metrics of one worker process ({@code outsight worker STAGE --metrics-port PORT}): the stage
 * meters of {@link StageMeters} for the loops running here, the lag of their consumer groups, JVM and process
 * meters, served at {@code /metrics}. Create it before the stages (the ingest stage counts fetch outcomes into
 * {@link #meters()}), {@link #expose expose} the loops once they run, then {@link #serve serve}. Closes the server,
 * its Kafka admin client and the JVM binders. Thread-safe.
 */
public final class WorkerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StageMeters meters = new StageMeters(registry);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public WorkerMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        var gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public StageMeters meters() {
        return meters;
    }

    /**
     * Exposes the counters of the running loops and the lag of their consumer groups, asked of Kafka through an
     * admin client this object owns.
     *
     * @param groups consumer group of each loop, by loop stage name
     */
    public void expose(List<StageLoop> loops, Map<String, String> groups, KafkaClients kafka) {
        Admin admin = kafka.admin("outsight-worker-metrics");
        synchronized (this) {
            // Admin.close() waits for pending calls up to their own timeout (a minute): bound it.
            closeables.add(() -> admin.close(Duration.ofSeconds(5)));
        }
        expose(loops, groups, new ConsumerLag(admin));
    }

    /** As above, with the lags from {@code lag}. */
    public synchronized void expose(List<StageLoop> loops, Map<String, String> groups, ConsumerLag lag) {
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(lag, "lag");
        loops.forEach(loop -> meters.stageLoop(loop.stage(), loop));
        groups.forEach((stage, group) -> meters.consumerLag(stage, group, lag));
    }

    /** Starts answering {@code GET /metrics} on {@code host:port}; returns the bound port. */
    public synchronized int serve(String host, int port) {
        var server = MetricsServer.start(host, port, registry::scrape);
        closeables.add(server);
        return server.port();
    }

    /** The Prometheus text exposition, as served. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        @Nullable RuntimeException failure = null;
        for (AutoCloseable closeable : closeables.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the worker metrics failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        closeables.clear();
        registry.close();
        if (failure != null) {
            throw failure;
        }
    }
}
