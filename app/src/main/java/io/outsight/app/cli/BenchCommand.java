package io.outsight.app.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.app.bench.Benchmark;
import io.outsight.app.bench.WorkerLayout;
import io.outsight.app.pipeline.Connection;
import io.outsight.core.config.ConfigKeys;
import io.outsight.index.client.ElasticsearchClients;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight bench}: the pipeline end to end on generated articles, against its own ceiling. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generate article pages, serve them locally, and measure the pipeline on the local stack (or the "
                + "given servers) with one worker process per stage: end-to-end and per-stage articles per second, "
                + "latency from fetch to searchable, each worker's peak heap. In the same run, the same stages in one "
                + "process loop without Kafka or Elasticsearch give the ceiling. After an untimed warm-up of both, "
                + "each of --rounds rounds times the ceiling and then the pipeline over articles of its own; the "
                + "report ends with the median of the rounds' end-to-end / ceiling ratios.",
                "Writes go to the alias outsight-bench (and the index outsight-bench-fetch-status), whose old indices "
                        + "are deleted first, so a benchmark never mixes with the articles you indexed; set "
                        + "index.alias with -D to choose another (that one is not cleared)."},
        footer = {"", "Exit codes: 0 done and targets met; 4 not every article became searchable in time; 5 a target "
                + "was missed.", "", "Examples:", "  outsight bench", "  outsight bench --count 200 --rounds 1 --json",
                "  outsight bench --count 20000 --keep-stack --worker-heap 512m"})
final class BenchCommand implements Callable<Integer> {
    /** The alias and status index a benchmark writes to unless told otherwise. */
    static final String BENCH_ALIAS = "outsight-bench";
    static final String BENCH_STATUS_INDEX = "outsight-bench-fetch-status";

    @Mixin
    ConfigOptions options;

    @Option(names = "--count", paramLabel = "N", defaultValue = "5000",
            description = "Articles of each timed round (default 5000).")
    int count;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "10000",
            description = "Other generated articles run through the ceiling and through the pipeline first, untimed, so"
                    + " that both are timed with compiled code (default 10000: after 2000 the JIT compilers of the"
                    + " ceiling and of each worker were still busy for 10 to 15 s of the timed part; 0 for none).")
    int warmUp;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Timed rounds after the warm-up (default 3, at least 1). Each round times the ceiling and then"
                    + " the pipeline over --count articles of its own; the ratio judged against the target is the"
                    + " median of the rounds' ratios, so that a slow minute of a shared machine does not decide it.")
    int rounds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of the generator (default 42).")
    long seed;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--keep-stack", description = "Leave the local stack running afterwards (see 'outsight stack').")
    boolean keepStack;

    @Option(names = "--worker-heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "Heap limit (-Xmx) of each worker process (default 256m).")
    String workerHeap;

    @Option(names = "--worker-jvm-option", paramLabel = "OPTION",
            description = "A further JVM option for every worker process, after the heap limit (repeatable), such as "
                    + "--worker-jvm-option=-XX:+UseParallelGC to measure with the options of a deployment.")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--one-worker",
            description = "Run the stages in one worker process (outsight worker ingest enrich index, as outsight run "
                    + "does) instead of a worker process per stage; --worker-heap is then that process's heap.")
    boolean oneWorker;

    @Option(names = "--timeout-minutes", paramLabel = "MINUTES", defaultValue = "30",
            description = "Longest wait for the pipeline to index every article of the warm-up, or of one round (default"
                    + " 30).")
    int timeoutMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // The workers and the ceiling fetch from the local benchmark site, as fast as it answers.
        Map<String, String> stageSettings = new LinkedHashMap<>(options.settings);
        stageSettings.put(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES.name(), "true");
        stageSettings.putIfAbsent(ConfigKeys.INGEST_FETCH_HOST_DELAY.name(), "0s");
        stageSettings.putIfAbsent(ConfigKeys.INGEST_FETCH_HOST_CONCURRENCY.name(), "16");
        boolean ownAlias = !stageSettings.containsKey(ConfigKeys.INDEX_ALIAS.name());
        stageSettings.putIfAbsent(ConfigKeys.INDEX_ALIAS.name(), BENCH_ALIAS);
        stageSettings.putIfAbsent(ConfigKeys.INDEX_FETCH_STATUS_INDEX.name(), BENCH_STATUS_INDEX);
        List<String> workerArgs = new ArrayList<>();
        if (options.configFile != null) {
            workerArgs.addAll(List.of("--config", options.configFile.toString()));
        }
        stageSettings.forEach((key, value) -> workerArgs.addAll(List.of("-D", key + "=" + value)));
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx" + workerHeap, "-XX:+ExitOnOutOfMemoryError"));
        jvmArgs.addAll(workerJvmOptions);
        // Checks the options (--count, --warm-up, --rounds, --worker-heap) before any server is started.
        var plan = new Benchmark.Plan(count, warmUp, rounds, seed, ownAlias, jvmArgs, workerArgs, workerHeap,
                Benchmark.heapBytes(workerHeap), Duration.ofMinutes(timeoutMinutes),
                oneWorker ? WorkerLayout.ONE_PROCESS : WorkerLayout.PER_STAGE);
        stageSettings.forEach(options::flag);
        var config = options.load();
        PrintWriter err = spec.commandLine().getErr();
        var whenNoStack = keepStack ? Connection.WhenNoStack.START_AND_KEEP_RUNNING
                : Connection.WhenNoStack.START_FOR_THIS_COMMAND;
        try (var connection = Connection.open(config, whenNoStack, m -> progress(err, m));
                ElasticsearchClient es = ElasticsearchClients.create(connection.endpoints().elasticsearchUrl(), config)) {
            progress(err, "using " + connection.description());
            var benchmark = new Benchmark(config, connection.endpoints(), es, connection.serverPids(),
                    m -> progress(err, m));
            var report = benchmark.run(plan);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                report.printJson(out);
            } else {
                report.printText(out);
            }
            return !report.complete() ? ExitCodes.INCOMPLETE : report.targetsMet() ? ExitCodes.OK : ExitCodes.BELOW_FLOOR;
        }
    }

    private static void progress(PrintWriter err, String message) {
        err.println("outsight: " + message);
        err.flush();
    }
}
