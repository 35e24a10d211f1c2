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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code outsight bench} without the command line: generates the pages, serves them, warms up the ceiling
 * ({@link CeilingRun}) and then the pipeline ({@link RunningPipeline}), and times rounds: each round runs the ceiling
 * and then the pipeline over articles of its own. Alternating the two sides within a round means that a slow minute
 * of a shared machine slows both sides of one round, rather than one side of the whole run; the report judges the
 * median of the rounds' ratios. The workers stay up across the rounds and idle while the ceiling runs in this
 * process, so that the ceiling has the same servers and processes running beside it as the pipeline.
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
     * @param count articles of each timed round
     * @param warmUp articles run through the ceiling and through the pipeline before the rounds (other pages of the
     *     same generator), so that both are measured with compiled code rather than one JIT warm-up against three
     * @param rounds timed rounds, at least 1; each has {@code count} articles of its own
     * @param clearAlias delete the alias's old indices first (only for the benchmark's own alias)
     * @param jvmArgs of each worker ({@code -Xmx256m})
     * @param workerArgs of each worker ({@code -D key=value} settings, the same the config has)
     * @param workerHeap the heap limit as given, for the report; {@code workerHeapBytes} the same in bytes
     * @param timeout the longest wait for the warm-up, or for one round, to become searchable
     * @param layout how the stages are spread over worker processes
     */
    public record Plan(int count, int warmUp, int rounds, long seed, boolean clearAlias, List<String> jvmArgs,
            List<String> workerArgs, String workerHeap, long workerHeapBytes, Duration timeout, WorkerLayout layout) {
        public Plan {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1: " + count);
            }
            if (warmUp < 0) {
                throw new IllegalArgumentException("--warm-up must be 0 or more: " + warmUp);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1: " + rounds);
            }
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
        int timed = plan.rounds() * plan.count();
        progress.accept("generating " + plan.rounds() + " x " + plan.count() + " articles and " + plan.warmUp()
                + " for the warm-up (seed " + plan.seed() + ")");
        // Seeded: the warm-up comes first, then each round's pages, so one round of N is the pages of a run of N.
        var pages = new ArticleGenerator(plan.seed()).pages(plan.warmUp() + timed);
        int pageBytes = pages.subList(plan.warmUp(), pages.size()).stream().mapToInt(p -> p.html().length()).sum();
        if (plan.clearAlias()) {
            clear(alias);
        }
        try (var site = BenchSite.start(pages, "bench-" + runId)) {
            List<String> warmUp = site.urls().subList(0, plan.warmUp());
            progress.accept("serving them at " + site.baseUrl() + "/" + site.prefix() + "/");
            if (!warmUp.isEmpty()) {
                progress.accept("ceiling: warm-up, " + warmUp.size() + " other articles first (not timed)");
                new CeilingRun(config, alias).run(warmUp, "bench-ceiling-warmup-" + runId);
            }
            progress.accept("pipeline: starting " + plan.layout().description() + " (" + String.join(" ", plan.jvmArgs())
                    + ") …");
            Path folder = config.get(ConfigKeys.STACK_DATA_DIR).resolve("bench").resolve(runId).toAbsolutePath();
            var rounds = new ArrayList<BenchRound>();
            List<WorkerResult> workers;
            try (var pipeline = RunningPipeline.start(endpoints, es, alias, serverPids, plan.layout(), plan.jvmArgs(),
                    plan.workerArgs(), folder, plan.timeout(), progress)) {
                if (!warmUp.isEmpty()) {
                    pipeline.warmUp(warmUp, "bench-" + runId + "-warmup");
                }
                for (int i = 1; i <= plan.rounds(); i++) {
                    int from = plan.warmUp() + (i - 1) * plan.count();
                    var round = round(i, plan.rounds(), site.urls().subList(from, from + plan.count()), runId,
                            alias, pipeline);
                    rounds.add(round);
                    if (!round.pipeline().complete()) {
                        progress.accept("round " + i + " did not complete within " + plan.timeout()
                                + "; no further round is run (its leftovers would be timed with it)");
                        break;
                    }
                }
                workers = pipeline.stop();
            }
            return new BenchReport(BenchReport.Machine.current(at, loadBefore), plan.count(), plan.warmUp(),
                    plan.seed(), runId, pageBytes, plan.rounds(), rounds, plan.layout(), workers, plan.workerHeap(),
                    plan.workerHeapBytes());
        }
    }

    /** One timed round: the ceiling over the round's articles in this process, then the pipeline over their URLs. */
    private BenchRound round(int number, int of, List<String> urls, String runId, String alias,
            RunningPipeline pipeline) throws Exception {
        progress.accept("round " + number + " of " + of + ": ceiling, the stages in one loop, without Kafka or"
                + " Elasticsearch …");
        var ceiling = new CeilingRun(config, alias).run(urls, "bench-ceiling-" + runId + "-" + number);
        progress.accept(String.format(Locale.ROOT, "round %d: ceiling %d articles in %.1f s = %.1f/s", number,
                ceiling.articles(), ceiling.elapsed().toNanos() / 1e9, ceiling.perSecond()));
        String source = "bench-" + runId + "-" + number;
        var round = new BenchRound(number, source, ceiling, pipeline.timedRound(urls, source));
        progress.accept(String.format(Locale.ROOT, "round %d: end to end %d articles in %.1f s = %.1f/s; ratio %.2f",
                number, round.pipeline().searchable(), round.pipeline().searchableSeconds(),
                round.pipeline().endToEndRate(), round.ratio()));
        return round;
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
