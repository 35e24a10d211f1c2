package io.outsight.index.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.sun.management.OperatingSystemMXBean;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.dedup.ClusterAssignment;
import io.outsight.index.dedup.ClusterFields;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.sink.BulkOutcome;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexDocument;
import io.outsight.index.sink.IndexHandler;
import io.outsight.stack.LocalStack;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.StackSettings;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Compares the sink's documents per second (Kafka topic to acknowledged Elasticsearch documents, offsets committed)
 * with the raw bulk rate of the same documents, pre-serialised, sent in bulk requests of the same size with the
 * same number of requests in flight, to an index with the same mappings. Rounds alternate raw and sink so both see
 * the same warm-up; each round writes into fresh indices.
 *
 * <p>The documents carry fingerprints shaped like enrich's, as real enriched articles do, so the sink does all its
 * work: one candidate multi-search per poll on the band keys, and each document rewritten with its cluster fields.
 * Most are distinct stories; every {@code -Dbench.copy-every}-th (default 33, about 3 %) is a syndicated copy of an
 * earlier article. The raw side sends the same records, as produced, pre-serialised.
 *
 * <p>For each sink round it prints the time Elasticsearch spent indexing and answering the candidate searches of
 * that round's index. {@code -Dbench.without-clustering=true} adds a third arm to each round, the sink without
 * clustering (no look-ups, documents unchanged), to tell the clustering's cost from the rest of the sink's. Each arm
 * also prints the CPU time of this process (the client), by kind of thread ({@link ThreadCpu}), of Elasticsearch and
 * of the other processes while it ran, and how idle the machine was. The medians leave out
 * {@code -Dbench.warm-up-rounds} (default 1) rounds run first, while the JIT compiles; the ratio of the medians comes
 * with a bootstrap interval over the rounds ({@link RatioInterval}), and so does the median of the rounds' own
 * ratios, which a node drifting within the run does not mix up.
 *
 * <p>Run (see BENCHMARKS.md): {@code java -cp … io.outsight.index.bench.SinkBenchmark [documents] [rounds]
 * [poll-size] [kafka elasticsearch]}; without addresses it starts a local stack in {@code target/bench-stack} (or
 * {@code -Dbench.data-dir}).
 */
public final class SinkBenchmark {
    private static final RecordCodec CODEC = new RecordCodec();
    /** Raw bulk sends external versions too, as the sink does (a control: versions cost the node nothing here). */
    private static final boolean RAW_VERSIONED = Boolean.getBoolean("bench.raw-versioned");
    /**
     * Raw bulk's documents go through the sink's {@link BulkSink} (its ingester, external versions), without Kafka,
     * the stage loop or clustering: a control for where the sink's own arm loses its rate.
     */
    private static final boolean RAW_THROUGH_SINK = Boolean.getBoolean("bench.raw-through-sink");
    /**
     * Raw bulk sends the requests the sink sends, from its own threads: each document with the cluster fields the
     * sink adds ({@code cluster_id}, and {@code duplicate_of} on copies), the sink's external version and
     * {@code require_alias}. A control for whether the node's extra work in the sink's arm comes from what the
     * requests hold.
     */
    private static final boolean RAW_AS_SINK = Boolean.getBoolean("bench.raw-as-sink");
    /** The least CPU time of a kind of thread that an arm's report names ({@link ThreadCpu}). */
    private static final double THREAD_CPU_SHOWN = 0.05;
    /** The sink's rate that issue 5 asks for, as a share of raw bulk's. */
    private static final double TARGET = 0.8;
    /** The process ids of the cluster's nodes, asked once ({@link #elasticsearchCpuSeconds}). */
    private static @Nullable List<Long> elasticsearchPids;

    private SinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // -Dbench.concurrent-requests: bulk requests in flight for both arms (index.bulk.concurrent-requests).
        BulkSettings settings = BulkSettings.DEFAULT.withMaxConcurrentRequests(
                Integer.getInteger("bench.concurrent-requests", BulkSettings.DEFAULT.maxConcurrentRequests()));
        int pollSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000; // index.batch-size default
        LocalStack stack = null;
        StackAddresses addresses;
        if (args.length > 4) {
            addresses = new StackAddresses(args[3], args[4]);
        } else {
            // -Dbench.data-dir: a folder outside target/ survives a 'mvn clean' running beside the benchmark.
            Path dataDir = Path.of(System.getProperty("bench.data-dir", "target/bench-stack"));
            stack = LocalStack.start(StackSettings.defaults(dataDir).withAnyFreePorts());
            addresses = stack.addresses();
        }
        try (ElasticsearchClient es = ItSupport.client(addresses.elasticsearchUrl())) {
            var kafka = new KafkaClients(addresses.kafkaBootstrapServers());
            String topic = "bench.enriched." + System.currentTimeMillis();
            ItSupport.createTopic(addresses.kafkaBootstrapServers(), topic, 6);
            var payloads = new ArrayList<byte[]>(documents);
            var ids = new ArrayList<String>(documents);
            var rawPayloads = new ArrayList<byte[]>(documents); // what raw bulk sends
            var rawVersions = new ArrayList<Long>(documents);
            long bytes = 0;
            int copyEvery = Integer.getInteger("bench.copy-every", 33);
            int copies = 0;
            Instant base = Instant.now();
            for (int n = 0; n < documents; n++) {
                EnrichedArticle article = TestArticles.fingerprinted(n, base.plusMillis(n), copyEvery);
                copies += TestArticles.isCopy(n, copyEvery) ? 1 : 0;
                byte[] json = CODEC.encode(article);
                payloads.add(json);
                ids.add(article.id());
                rawPayloads.add(RAW_AS_SINK ? ClusterFields.addTo(json, TestArticles.isCopy(n, copyEvery)
                        ? ClusterAssignment.duplicate(article.id(), "story-of-" + article.id())
                        : ClusterAssignment.canonical(article.id())) : json);
                rawVersions.add(RAW_AS_SINK ? IndexHandler.versionOf(article) : n + 1L);
                bytes += json.length;
            }
            produce(kafka, topic, ids, payloads);
            System.out.printf(Locale.ROOT, "%d documents (%d syndicated copies), %.0f bytes each on average; bulk %d"
                    + " docs, %d in flight; poll %d; collectors %s; load average %s%n", documents, copies,
                    (double) bytes / documents, settings.maxOperations(), settings.maxConcurrentRequests(), pollSize,
                    collectors(), loadAverage());
            var rawRates = new ArrayList<Double>();
            var sinkRates = new ArrayList<Double>();
            var budgets = new ArrayList<CpuBudget>();
            var plainRates = new ArrayList<Double>();
            boolean plainArm = Boolean.getBoolean("bench.without-clustering");
            // Rounds run first and left out of the medians: the JIT compiles the sink's code, larger than raw bulk's,
            // over the first rounds (seconds of compilation per arm in round 1, still one in round 2), which a worker
            // that runs for hours pays once.
            int warmUpRounds = Integer.getInteger("bench.warm-up-rounds", 1);
            String armOrder = System.getProperty("bench.arm-order", "raw-first");
            if (!List.of("raw-first", "sink-first", "alternate").contains(armOrder)) {
                throw new IllegalArgumentException("bench.arm-order must be raw-first, sink-first or alternate, was "
                        + armOrder);
            }
            // Indices of their own per run, each deleted as soon as its arm was measured: a shared stack keeps
            // neither clashes nor an ever larger node, and no arm runs beside the merges of the arm before it (the
            // sink's and the third arm's indices were deleted only at the round's end, so each of them ran beside
            // the merges of the previous arm's fresh 30,000 documents, and raw bulk, first, never did).
            String run = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";
            for (int round = 1 - warmUpRounds; round <= rounds; round++) {
                String label = round > 0 ? "round " + round : "warm-up round " + (round + warmUpRounds);
                String suffix = round > 0 ? "-" + round : "-warm-up-" + (round + warmUpRounds);
                String rawAlias = run + "raw" + suffix;
                String sinkAlias = run + "sink" + suffix;
                String plainAlias = run + "plain" + suffix;
                // Which arm goes first: the second runs beside whatever the first left the node to do (its
                // collections, its deleted index's files), so -Dbench.arm-order=alternate takes turns.
                boolean sinkFirst = switch (armOrder) {
                    case "sink-first" -> true;
                    case "alternate" -> Math.floorMod(round, 2) == 0;
                    default -> false;
                };
                SinkArm sinkArm = null;
                if (sinkFirst) {
                    sinkArm = sinkArm(es, kafka, topic, sinkAlias, documents, settings, pollSize, label);
                }
                Measured rawRun = rawBulk(es, rawAlias, ids, rawPayloads, rawVersions, settings);
                double raw = rawRun.rate();
                String rawLoad = loadAverage();
                System.out.printf(Locale.ROOT, "%s: Elasticsearch time on raw bulk's index: %s%n", label,
                        serverTime(es, rawAlias));
                delete(es, rawAlias);
                if (sinkArm == null) {
                    sinkArm = sinkArm(es, kafka, topic, sinkAlias, documents, settings, pollSize, label);
                }
                Measured sinkRun = sinkArm.measured();
                double sink = sinkRun.rate();
                String sinkLoad = sinkArm.load();
                long duplicates = sinkArm.duplicates();
                if (plainArm) {
                    Measured plainRun = sink(es, kafka, topic, plainAlias, documents, settings, pollSize,
                            false);
                    double plain = plainRun.rate();
                    if (round > 0) {
                        plainRates.add(plain);
                    }
                    System.out.printf(Locale.ROOT, "%s: sink without clustering %.0f docs/s, ratio %.2f;"
                            + " this process's CPU %s, machine idle %.0f %%; load average after it %s;"
                            + " a place for a request free %s; Elasticsearch time on its index: %s%n", label, plain,
                            plain / raw, plainRun.cpu(), 100 * plainRun.machineIdle(), loadAverage(),
                            plainRun.placeFreeTime(), serverTime(es, plainAlias));
                    delete(es, plainAlias);
                }
                var budget = new CpuBudget(rawRun.share(), sinkRun.share());
                if (round > 0) {
                    rawRates.add(raw);
                    sinkRates.add(sink);
                    budgets.add(budget);
                }
                System.out.printf(Locale.ROOT, "%s: raw bulk %.0f docs/s, sink %.0f docs/s, ratio %.2f;"
                        + " %d marked duplicate_of; %s first; bulk requests: raw bulk %d, sink %d; this process's"
                        + " CPU in raw bulk %s, in the sink %s; machine idle in raw bulk %.0f %%, in the sink %.0f %%;"
                        + " load average after raw %s, after sink %s; a place for a request free in raw bulk %s, in"
                        + " the sink %s (of %.2f s); %s%n", label, raw, sink, sink / raw, duplicates,
                        sinkFirst ? "sink" : "raw bulk", rawRun.requests(), sinkRun.requests(), rawRun.cpu(),
                        sinkRun.cpu(), 100 * rawRun.machineIdle(), 100 * sinkRun.machineIdle(), rawLoad, sinkLoad,
                        rawRun.placeFreeTime(), sinkRun.placeFreeTime(), documents / sink, budget);
            }
            double raw = median(rawRates);
            double sink = median(sinkRates);
            RatioInterval interval = RatioInterval.of(rawRates, sinkRates);
            System.out.printf(Locale.ROOT, "median of the %d rounds after %d warm-up: raw bulk %.0f docs/s, sink %.0f"
                    + " docs/s, ratio %s%n", rounds, warmUpRounds, raw, sink, interval);
            System.out.printf(Locale.ROOT, "target %.2f of raw bulk: %s%n", TARGET, interval.verdict(TARGET));
            RatioInterval own = RatioInterval.ofRoundRatios(rawRates, sinkRates);
            System.out.printf(Locale.ROOT, "the rounds' own ratios (each round's sink rate over its raw bulk rate):"
                    + " median %s; target %.2f: %s%n", own, TARGET, own.verdict(TARGET));
            System.out.println(CpuBudget.summary(budgets));
            if (plainArm) {
                double plain = median(plainRates);
                System.out.printf(Locale.ROOT, "median of the same rounds: sink without clustering %.0f docs/s, ratio"
                        + " %.2f%n", plain, plain / raw);
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /**
     * Produces the records, and once more those the broker refused. Produced to a topic created a moment before, a
     * request can be appended before an earlier one that the broker refused while it was still opening the
     * partition; the earlier one is then refused until it expires, and its records are lost (KAFKA-15591). A run
     * lost records so (2026-11-27, 06:59) and waited for them until its deadline. The topic's creation now waits until
     * every partition takes writes ({@link ItSupport#createTopic}); each send is still checked, so that a record lost
     * any other way is produced again rather than awaited for ten minutes.
     */
    private static void produce(KafkaClients kafka, String topic, List<String> ids, List<byte[]> payloads)
            throws InterruptedException {
        var pending = new ArrayList<Integer>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 2) {
                throw new IllegalStateException(pending.size() + " records could not be produced to " + topic);
            }
            var sends = new ArrayList<Future<RecordMetadata>>(pending.size());
            try (KafkaProducer<String, byte[]> producer = kafka.producer("bench")) {
                for (int i : pending) {
                    sends.add(producer.send(new ProducerRecord<>(topic, ids.get(i), payloads.get(i))));
                }
                producer.flush();
            }
            var refused = new ArrayList<Integer>();
            for (int s = 0; s < sends.size(); s++) {
                try {
                    sends.get(s).get();
                } catch (ExecutionException e) {
                    refused.add(pending.get(s));
                }
            }
            if (!refused.isEmpty()) {
                System.out.printf(Locale.ROOT, "%d records refused by the broker; producing them again%n",
                        refused.size());
            }
            pending = refused;
        }
    }

    /** The sink's arm of a round: its measures, the load average after it, and its copies marked. */
    private record SinkArm(Measured measured, String load, long duplicates) {}

    private static SinkArm sinkArm(ElasticsearchClient es, KafkaClients kafka, String topic, String alias,
            int documents, BulkSettings settings, int pollSize, String label) throws Exception {
        Measured measured = sink(es, kafka, topic, alias, documents, settings, pollSize, true);
        String load = loadAverage();
        System.out.printf(Locale.ROOT, "%s: Elasticsearch time on the sink's index: %s%n", label,
                serverTime(es, alias));
        long duplicates = duplicates(es, alias);
        delete(es, alias);
        return new SinkArm(measured, load, duplicates);
    }

    /**
     * An arm's documents per second, and what the machine did meanwhile: the CPU time of this process (the client's
     * share of the two cores, which Elasticsearch needs too) with its collections and compilation, and by kind of
     * thread ({@code threads}, as {@link ThreadCpu#since} gives it), the share of the machine's time left idle,
     * Elasticsearch's CPU time and the other processes' (the machine's busy time less the two); its bulk requests,
     * and how long a place for a request stood free (null where the arm did not go through a {@link BulkSink}).
     */
    private record Measured(double rate, double cpuSeconds, double machineIdle, double gcSeconds, double jitSeconds,
            double elasticsearchCpuSeconds, double otherCpuSeconds, String threads, long requests,
            @Nullable Duration placeFree) {
        /**
         * Where this process's CPU went (collections, compilation, each kind of thread), and Elasticsearch's and the
         * other processes' CPU in the same time.
         */
        String cpu() {
            return String.format(Locale.ROOT, "%.1f s (collections %.2f s, compilation %.2f s; by thread: %s;"
                    + " Elasticsearch %.1f s; other processes %.1f s)", cpuSeconds, gcSeconds, jitSeconds, threads,
                    elasticsearchCpuSeconds, otherCpuSeconds);
        }

        /** The CPU of this process, of Elasticsearch and of the others during the arm. */
        CpuBudget.Share share() {
            return new CpuBudget.Share(cpuSeconds, elasticsearchCpuSeconds, otherCpuSeconds);
        }

        /** How long a place for a request stood free ({@link BulkSink#placeFreeTime}), or "not measured". */
        String placeFreeTime() {
            return placeFree == null ? "not measured"
                    : String.format(Locale.ROOT, "%.2f s", placeFree.toMillis() / 1e3);
        }
    }

    /**
     * CPU time of the Elasticsearch processes so far, in seconds: from /proc where they run on this machine, else
     * from their node stats, which Elasticsearch refreshes about once a second (too seldom for an arm of a few).
     */
    private static double elasticsearchCpuSeconds(ElasticsearchClient es) throws IOException {
        if (elasticsearchPids == null) {
            elasticsearchPids = es.nodes().info(i -> i.metric("process")).nodes().values().stream()
                    .map(node -> node.process() == null ? -1L : node.process().id()).toList();
        }
        double local = 0;
        for (long pid : elasticsearchPids) {
            double seconds = ownCpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
            if (Double.isNaN(seconds)) {
                return es.nodes().stats(s -> s.metric("process")).nodes().values().stream()
                        .mapToLong(node -> node.process().cpu().totalInMillis()).sum() / 1e3;
            }
            local += seconds;
        }
        return local;
    }

    /**
     * A process's CPU time (user and system) from its /proc stat file, in seconds, or NaN where it is not readable.
     * The fields after the command name, which may hold spaces, are counted from its closing parenthesis; the times
     * are in the kernel's clock ticks, 100 a second.
     */
    private static double ownCpuSeconds(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The collectors of this JVM (G1's or the Parallel collector's), which decide a good part of the client's CPU. */
    private static List<String> collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
    }

    /** Time in collections so far, in seconds, as the collectors report it (pauses and concurrent cycles). */
    private static double gcSeconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum() / 1e3;
    }

    /** Time the JIT compilers spent so far, in seconds. */
    private static double jitSeconds() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
    }

    /** Jiffies of the whole machine from /proc/stat: idle (with I/O wait) and in all. Zeros where unreadable. */
    private static long[] machineJiffies() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {Long.parseLong(fields[4]) + Long.parseLong(fields[5]), total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The machine's CPU time not idle since {@code before} ({@link #machineJiffies}), in seconds. */
    private static double busySince(long[] before) {
        long[] now = machineJiffies();
        return ((now[1] - before[1]) - (now[0] - before[0])) / 100.0;
    }

    /** The share of the machine's CPU time that was idle since {@code before} ({@link #machineJiffies}). */
    private static double idleSince(long[] before) {
        long[] now = machineJiffies();
        long total = now[1] - before[1];
        return total <= 0 ? Double.NaN : (double) (now[0] - before[0]) / total;
    }

    /** CPU time of this process so far, in seconds. */
    private static double processCpuSeconds() {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    /** Pre-serialised documents in bulk requests of maxOperations, maxConcurrentRequests at a time. */
    private static Measured rawBulk(ElasticsearchClient es, String alias, List<String> ids, List<byte[]> payloads,
            List<Long> versions, BulkSettings settings) throws Exception {
        new IndexLayout(es, alias).ensure();
        int batch = settings.maxOperations();
        ExecutorService pool = Executors.newFixedThreadPool(settings.maxConcurrentRequests());
        var documents = new ArrayList<IndexDocument>(RAW_THROUGH_SINK ? ids.size() : 0);
        for (int i = 0; RAW_THROUGH_SINK && i < ids.size(); i++) {
            documents.add(new IndexDocument(ids.get(i), versions.get(i), payloads.get(i)));
        }
        long start = System.nanoTime();
        double cpuAtStart = processCpuSeconds();
        long[] machineAtStart = machineJiffies();
        double gcAtStart = gcSeconds();
        double jitAtStart = jitSeconds();
        double elasticsearchAtStart = elasticsearchCpuSeconds(es);
        ThreadCpu threadsAtStart = ThreadCpu.now();
        @Nullable Duration placeFree = null; // measured only through the sink
        double seconds;
        String threads;
        try {
            if (RAW_THROUGH_SINK) {
                placeFree = writeThroughSink(es, alias, documents, settings);
            } else {
                writeRaw(es, alias, ids, payloads, versions, batch, pool, settings.maxConcurrentRequests());
            }
            seconds = (System.nanoTime() - start) / 1e9;
            threads = ThreadCpu.now().since(threadsAtStart, THREAD_CPU_SHOWN); // before the pool's threads end
        } finally {
            pool.shutdown();
        }
        double cpu = processCpuSeconds() - cpuAtStart;
        double idle = idleSince(machineAtStart);
        double busy = busySince(machineAtStart);
        double gc = gcSeconds() - gcAtStart;
        double jit = jitSeconds() - jitAtStart;
        double elasticsearch = elasticsearchCpuSeconds(es) - elasticsearchAtStart;
        es.indices().refresh(r -> r.index(alias));
        check(es, alias, ids.size());
        long requests = (ids.size() + batch - 1) / batch;
        return new Measured(ids.size() / seconds, cpu, idle, gc, jit, elasticsearch, busy - cpu - elasticsearch,
                threads, requests, placeFree);
    }

    /** The documents in requests of {@code batch}, sent by {@code threads} threads of {@code pool}, each in turn. */
    private static void writeRaw(ElasticsearchClient es, String alias, List<String> ids, List<byte[]> payloads,
            List<Long> versions, int batch, ExecutorService pool, int threads) throws Exception {
        var next = new AtomicInteger();
        var workers = new ArrayList<Future<?>>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int from;
                while ((from = next.getAndAdd(batch)) < ids.size()) {
                    var operations = new ArrayList<BulkOperation>(batch);
                    for (int i = from; i < Math.min(from + batch, ids.size()); i++) {
                        String id = ids.get(i);
                        BinaryData source = BinaryData.of(payloads.get(i), ContentType.APPLICATION_JSON);
                        long version = versions.get(i);
                        operations.add(BulkOperation.of(o -> o.index(x -> {
                            x.id(id).document(source);
                            return RAW_VERSIONED || RAW_AS_SINK ? x.version(version).versionType(VersionType.External)
                                    : x;
                        })));
                    }
                    var response = es.bulk(b -> b.index(alias).requireAlias(RAW_AS_SINK ? true : null)
                            .operations(operations));
                    if (response.errors()) {
                        throw new IllegalStateException("raw bulk had item errors");
                    }
                }
                return null;
            }));
        }
        for (var worker : workers) {
            worker.get();
        }
    }

    /** The documents through a {@link BulkSink}; how long a place for a request stood free meanwhile. */
    private static Duration writeThroughSink(ElasticsearchClient es, String alias, List<IndexDocument> documents,
            BulkSettings settings) throws InterruptedException {
        try (var sink = new BulkSink(es, alias, true, settings)) {
            if (!sink.write(documents).stream().allMatch(BulkOutcome.Written.class::isInstance)) {
                throw new IllegalStateException("raw bulk through the sink had documents not written");
            }
            return sink.placeFreeTime();
        }
    }

    /**
     * The index stage as it runs: StageLoop + IndexHandler from the topic, until every offset is committed; with
     * {@code clustering} false, the handler skips the cluster look-ups (as for records without fingerprints).
     */
    private static Measured sink(ElasticsearchClient es, KafkaClients kafka, String topic, String alias, int documents,
            BulkSettings settings, int pollSize, boolean clustering) throws Exception {
        new IndexLayout(es, alias).ensure();
        String group = "bench-" + alias;
        var bulkSink = new BulkSink(es, alias, true, settings);
        var handler = clustering ? new IndexHandler(bulkSink, CODEC) : new IndexHandler(bulkSink, CODEC, null);
        try (KafkaProducer<String, byte[]> producer = kafka.producer("bench-dlq")) {
            var loop = new StageLoop("index", kafka.consumer(group, group, pollSize), producer, List.of(topic),
                    handler, Backoff.DEFAULT);
            // A daemon: when the arm fails, the benchmark ends with its error instead of waiting on the loop.
            Thread thread = Thread.ofPlatform().name("bench-index").daemon().start(loop);
            if (!loop.awaitAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("no partitions assigned");
            }
            long start = System.nanoTime();
            double cpuAtStart = processCpuSeconds();
            long[] machineAtStart = machineJiffies();
            double gcAtStart = gcSeconds();
            double jitAtStart = jitSeconds();
            double elasticsearchAtStart = elasticsearchCpuSeconds(es);
            ThreadCpu threadsAtStart = ThreadCpu.now();
            // Woken by the loop as each batch is counted: the raw arm's thread blocks on its workers too, where a
            // loop sleeping 5 ms at a time cost this process 0.05 s of CPU per sink arm, and ended it up to 5 ms late.
            if (!loop.awaitConsumed(documents, Duration.ofMinutes(10))) {
                throw new IllegalStateException("sink did not finish: " + loop.consumed() + " of " + documents);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String threads = ThreadCpu.now().since(threadsAtStart, THREAD_CPU_SHOWN);
            double cpu = processCpuSeconds() - cpuAtStart;
            double idle = idleSince(machineAtStart);
            double busy = busySince(machineAtStart);
            double gc = gcSeconds() - gcAtStart;
            double jit = jitSeconds() - jitAtStart;
            double elasticsearch = elasticsearchCpuSeconds(es) - elasticsearchAtStart;
            loop.close();
            thread.join();
            handler.close();
            es.indices().refresh(r -> r.index(alias));
            check(es, alias, documents);
            return new Measured(documents / seconds, cpu, idle, gc, jit, elasticsearch, busy - cpu - elasticsearch,
                    threads, bulkSink.requestsSent(), bulkSink.placeFreeTime());
        }
    }

    private static void check(ElasticsearchClient es, String alias, int expected) throws Exception {
        long count = es.count(c -> c.index(alias)).count();
        if (count != expected) {
            throw new IllegalStateException(alias + " holds " + count + " documents, expected " + expected);
        }
    }

    /** Documents the sink placed as copies of another article, to show the clustering ran. */
    /** Deletes the index versions behind the alias (and with them the alias). */
    private static void delete(ElasticsearchClient es, String alias) throws Exception {
        for (String index : new IndexLayout(es, alias).versionedIndices()) {
            es.indices().delete(d -> d.index(index));
        }
    }

    private static long duplicates(ElasticsearchClient es, String alias) throws Exception {
        return es.count(c -> c.index(alias).query(q -> q.exists(e -> e.field(ClusterFields.DUPLICATE_OF)))).count();
    }

    /** Elasticsearch's own time on an index: indexing, and the query and fetch phases of searches. */
    private static String serverTime(ElasticsearchClient es, String alias) throws Exception {
        var total = es.indices().stats(s -> s.index(alias).metric("indexing", "search", "refresh", "merge")).all()
                .total();
        var indexing = total.indexing();
        var search = total.search();
        var refresh = total.refresh();
        var merges = total.merges();
        return String.format(Locale.ROOT, "indexing %.1f s; %d searches, query %.1f s, fetch %.1f s; %d refreshes"
                + " (%d in all, %.1f s); %d merges, %.1f s", indexing.indexTimeInMillis() / 1e3, search.queryTotal(),
                search.queryTimeInMillis() / 1e3, search.fetchTimeInMillis() / 1e3, refresh.externalTotal(),
                refresh.total(), refresh.totalTimeInMillis() / 1e3, merges.total(), merges.totalTimeInMillis() / 1e3);
    }

    /** The 1, 5 and 15 minute load averages of the machine, from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
