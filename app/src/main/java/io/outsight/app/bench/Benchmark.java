package io.outsight.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.index.layout.IndexLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code outsight bench} without the command line: generates the pages, serves them, runs the ceiling
 * ({@link CeilingRun}) and then the pipeline ({@link PipelineRun}) over the same URLs, and reports both. The ceiling
 * runs first, while Kafka and Elasticsearch idle, so that it has the same servers running beside it as the pipeline.
 *
 * <p>Not thread-safe; one benchmark at a time per stack (the workers join the stages' consumer groups).
 */
public final class Benchmark {
    private final Config config;
    private final Endpoints endpoints;
    private final ElasticsearchClient es;
    private final Consumer<String> progress;
    private final Map<String, Long> serverPids;

    /**
     * @param config the stages' configuration, as the workers get it (private addresses allowed, host delay 0)
     * @param es a client of the Elasticsearch at {@code endpoints}, owned by the caller
     * @param serverPids the processes of Kafka and Elasticsearch by name, when they run on this machine, whose CPU
     *     the report shows; empty when they do not
     */
    public Benchmark(Config config, Endpoints endpoints, ElasticsearchClient es, Map<String, Long> serverPids,
            Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.es = Objects.requireNonNull(es, "es");
        this.serverPids = Collections.unmodifiableMap(new LinkedHashMap<>(serverPids));
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * What to run.
     *
     * @param warmUp articles run through the ceiling and through the pipeline before each is timed (other pages
     *     of the same generator), so that both are measured with compiled code rather than one JIT warm-up against
     *     three
     * @param clearAlias delete the alias's old indices first (only for the benchmark's own alias)
     * @param jvmArgs of each worker ({@code -Xmx256m})
     * @param workerArgs of each worker ({@code -D key=value} settings, the same the config has)
     * @param workerHeap the heap limit as given, for the report; {@code workerHeapBytes} the same in bytes
     * @param layout how the stages are spread over worker processes
     */
    public record Plan(int count, int warmUp, long seed, boolean clearAlias, List<String> jvmArgs, List<String> workerArgs,
            String workerHeap, long workerHeapBytes, Duration timeout, WorkerLayout layout) {
        public Plan {
            Objects.requireNonNull(layout, "layout");
            jvmArgs = List.copyOf(jvmArgs);
            workerArgs = List.copyOf(workerArgs);
            Objects.requireNonNull(workerHeap, "workerHeap");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    public BenchReport run(Plan plan) throws Exception {
        Objects.requireNonNull(plan, "plan");
        double loadBefore = BenchReport.Machine.loadAverage();
        Instant at = Instant.now();
        String runId = Long.toString(at.toEpochMilli(), 36);
        String alias = config.get(ConfigKeys.INDEX_ALIAS);
        progress.accept("generating " + plan.count() + " articles and " + plan.warmUp() + " for the warm-up (seed "
                + plan.seed() + ")");
        var pages = new ArticleGenerator(plan.seed()).pages(plan.warmUp() + plan.count());
        int pageBytes = pages.subList(plan.warmUp(), pages.size()).stream().mapToInt(p -> p.html().length()).sum();
        if (plan.clearAlias()) {
            clear(alias);
        }
        try (var site = BenchSite.start(pages, "bench-" + runId)) {
            List<String> warmUp = site.urls().subList(0, plan.warmUp());
            List<String> urls = site.urls().subList(plan.warmUp(), pages.size());
            progress.accept("serving them at " + site.baseUrl() + "/" + site.prefix() + "/");
            if (!warmUp.isEmpty()) {
                progress.accept("ceiling: warm-up, " + warmUp.size() + " other articles first (not timed)");
                new CeilingRun(config, alias).run(warmUp, "bench-ceiling-warmup-" + runId);
            }
            progress.accept("ceiling: the stages in one loop, without Kafka or Elasticsearch …");
            var ceiling = new CeilingRun(config, alias).run(urls, "bench-ceiling-" + runId);
            progress.accept(String.format(Locale.ROOT, "ceiling: %d articles in %.1f s = %.1f/s", ceiling.articles(),
                    ceiling.elapsed().toNanos() / 1e9, ceiling.perSecond()));
            progress.accept("pipeline: starting " + plan.layout().description() + " (" + String.join(" ", plan.jvmArgs())
                    + ") …");
            Path folder = config.get(ConfigKeys.STACK_DATA_DIR).resolve("bench").resolve(runId).toAbsolutePath();
            var pipeline = new PipelineRun(endpoints, es, alias, serverPids, progress).run(warmUp, urls, "bench-" + runId,
                    plan.jvmArgs(), plan.workerArgs(), plan.layout(), folder, plan.timeout());
            return new BenchReport(BenchReport.Machine.current(at, loadBefore), plan.count(), plan.warmUp(),
                    plan.seed(), runId,
                    pageBytes, ceiling, pipeline, plan.workerHeap(), plan.workerHeapBytes());
        }
    }

    /**
     * Bytes of a JVM heap size as {@code -Xmx} takes it ("256m", "1g", "524288k", "268435456").
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static long heapBytes(String size) {
        var m = java.util.regex.Pattern.compile("(\\d{1,12})([kKmMgG]?)").matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--worker-heap must be a JVM heap size such as 256m or 1g: " + size);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** Deletes the versioned indices behind the benchmark's alias, so each run starts from an empty index. */
    private void clear(String alias) throws IOException {
        // By name: Elasticsearch refuses wildcard deletes (action.destructive_requires_name).
        var names = new IndexLayout(es, alias).versionedIndices();
        if (!names.isEmpty()) {
            progress.accept("deleting the indices of earlier benchmarks: " + names);
            es.indices().delete(d -> d.index(names));
        }
    }
}
