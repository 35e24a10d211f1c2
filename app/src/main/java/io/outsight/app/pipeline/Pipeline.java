package io.outsight.app.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.app.metrics.FetchOutcomeCounter;
import io.outsight.app.metrics.StageMeters;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.enrich.Enricher;
import io.outsight.enrich.stream.EnrichHandler;
import io.outsight.enrich.tag.ArticleTagger;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexHandler;
import io.outsight.index.status.FetchStatusHandler;
import io.outsight.index.status.FetchStatusIndex;
import io.outsight.ingest.stream.IngestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stages of one process: one consumer loop per stage on its own thread. Ingest and enrich each own a
 * transactional producer (exactly-once outputs); the index stage shares one plain producer for its dead letters and
 * has the Elasticsearch client. Built once, closed once.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private static final String HOST = hostName();
    private static final String USER = System.getProperty("user.name", "unknown");
    /** Distinguishes this process's consumers from other instances of the same stage. */
    private static final String INSTANCE = HOST + "-" + ProcessHandle.current().pid();
    /** The consumer group that indexes fetch statuses for the crawl-status view. */
    static final String STATUS_GROUP = "outsight-index-status";
    /**
     * The folder of the instance slots unless configured: the user's own, absolute (workers started from different
     * folders must meet in it), and not a temporary folder, where a cleaner that deletes files by age (systemd's
     * tmpfiles after 10 days on some systems) could delete a running worker's lock file and give its id to another.
     */
    static final @Nullable Path DEFAULT_SLOT_DIR = defaultSlotDir();

    private final KafkaProducer<String, byte[]> producer;
    private final @Nullable ElasticsearchClient es;
    private final List<StageLoop> loops;
    /** The consumer group of each loop, by the loop's stage name. */
    private final Map<String, String> groups;
    /** What the stages' handlers own (connection pools), closed after the loops stopped. */
    private final List<AutoCloseable> closeables;
    /** The instance id of each loop, by the loop's stage name. */
    private final Map<String, String> instanceIds;
    private final List<Thread> threads = new ArrayList<>();

    private Pipeline(KafkaProducer<String, byte[]> producer, @Nullable ElasticsearchClient es, List<StageLoop> loops,
            List<AutoCloseable> closeables, Map<String, String> groups) {
        this.closeables = List.copyOf(closeables);
        var ids = new LinkedHashMap<String, String>();
        for (AutoCloseable closeable : closeables) {
            if (closeable instanceof InstanceId id) {
                ids.put(id.loop(), id.id());
            }
        }
        this.instanceIds = Collections.unmodifiableMap(ids);
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.producer = producer;
        this.es = es;
        this.loops = loops;
    }

    /** Starts the given stages against the endpoints; the index layout is ensured first when INDEX runs here. */
    public static Pipeline start(Config config, Endpoints endpoints, Set<Stage> stages) {
        return start(config, endpoints, stages, null);
    }

    /**
     * As above, counting what the stages do into {@code meters} where a loop's own counters do not tell it (the
     * ingest stage's fetch outcomes); null: no such counting.
     */
    public static Pipeline start(Config config, Endpoints endpoints, Set<Stage> stages, @Nullable StageMeters meters) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(endpoints, "endpoints");
        var kafka = KafkaClients.of(endpoints.kafkaBootstrapServers(), config)
                .withSessionTimeout(config.get(ConfigKeys.KAFKA_CONSUMER_SESSION_TIMEOUT));
        var codec = new RecordCodec();
        var producer = kafka.producer("outsight-" + String.join("-", stages.stream().map(Stage::cliName).toList()));
        ElasticsearchClient es = null;
        var loops = new ArrayList<StageLoop>();
        var closeables = new ArrayList<AutoCloseable>();
        try {
            // Only the index stage talks to Elasticsearch: an ingest or enrich worker needs no connection to it.
            es = stages.contains(Stage.INDEX) ? ElasticsearchClients.create(endpoints.elasticsearchUrl(), config) : null;
            addLoops(config, kafka, stages, meters, codec, producer, es, loops, closeables);
        } catch (RuntimeException | Error e) {
            // Nothing runs yet (an unreachable Elasticsearch, a taxonomy that does not load): close what was built,
            // so that a failed start leaves no client, connection or thread behind in this process.
            try {
                new Pipeline(producer, es, loops, closeables, Map.of()).close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        var groups = new LinkedHashMap<String, String>();
        for (StageLoop loop : loops) {
            groups.put(loop.stage(), loop.stage().equals(FetchStatusHandler.STAGE) ? STATUS_GROUP
                    : Stage.valueOf(loop.stage().toUpperCase(Locale.ROOT)).groupId());
        }
        var pipeline = new Pipeline(producer, es, loops, closeables, groups);
        for (StageLoop loop : loops) {
            Thread thread = Thread.ofPlatform().name("outsight-" + loop.stage()).start(loop);
            pipeline.threads.add(thread);
        }
        log.info("started stages {} on Kafka {} and Elasticsearch {}", stages, endpoints.kafkaBootstrapServers(),
                endpoints.elasticsearchUrl());
        return pipeline;
    }

    /** Builds each stage's loops (not started) into {@code loops}, and what their handlers own into {@code closeables}. */
    private static void addLoops(Config config, KafkaClients kafka, Set<Stage> stages, @Nullable StageMeters meters,
            RecordCodec codec, KafkaProducer<String, byte[]> producer, @Nullable ElasticsearchClient es,
            List<StageLoop> loops, List<AutoCloseable> closeables) {
        for (Stage stage : EnumSet.copyOf(stages)) {
            String client = stage.groupId() + "-" + INSTANCE;
            switch (stage) {
                // Ingest and enrich only produce to Kafka: their outputs and offsets commit in one transaction
                // (exactly once). The index stage writes to Elasticsearch, where external versions make replays
                // harmless instead.
                case INGEST -> {
                    var id = instanceId(config, stage.groupId(), stage.cliName(), closeables);
                    loops.add(StageLoop.transactional(stage.cliName(), kafka.consumer(stage.groupId(), client,
                            id.staticMember(), config.get(ConfigKeys.INGEST_BATCH_SIZE)),
                            kafka.transactionalProducer(client, id.id()), List.of(Topics.URLS),
                            counted(closedLater(closeables, IngestHandler.create(config, codec)), meters, codec),
                            Backoff.DEFAULT));
                }
                case ENRICH -> {
                    var id = instanceId(config, stage.groupId(), stage.cliName(), closeables);
                    // The producer first: starting it ends a transaction a killed predecessor left open, before
                    // the seconds the taxonomy takes to load.
                    loops.add(StageLoop.transactional(stage.cliName(), kafka.consumer(stage.groupId(), client,
                            id.staticMember(), 200), kafka.transactionalProducer(client, id.id()),
                            List.of(Topics.ARTICLES_RAW), new EnrichHandler(new Enricher(tagger(config),
                            Clock.systemUTC()), codec), Backoff.DEFAULT));
                }
                case INDEX -> loops.addAll(indexLoops(config, kafka, Objects.requireNonNull(es, "es"), producer,
                        codec, closeables));
            }
        }
    }

    /**
     * A loop's instance id on this host: an {@link InstanceSlot} held until the pipeline is closed (after its loops,
     * and so their clients), which the next worker of the stage here takes again once this one is gone. Where no slot
     * can be had (a read-only file system), an id of this process's own, as every worker had before the slots, and
     * a consumer that is not a static member: it works the same, but a successor neither ends a transaction it left
     * open nor takes over its partitions before its session times out.
     */
    private static InstanceId instanceId(Config config, String group, String loop, List<AutoCloseable> closeables) {
        // The default folder is the user's own; the user in the prefix keeps two users' workers of a host from ever
        // sharing an id, whichever folders they use.
        Path dir = config.find(ConfigKeys.WORKER_INSTANCE_DIR).orElse(DEFAULT_SLOT_DIR);
        InstanceId id;
        try {
            if (dir == null) {
                throw new IllegalStateException("no home folder (user.home) to keep them in, and "
                        + ConfigKeys.WORKER_INSTANCE_DIR.name() + " not set");
            }
            var slot = InstanceSlot.claim(dir, instanceIdPrefix(group));
            id = new InstanceId(loop, slot.id(), slot);
        } catch (UncheckedIOException | IllegalStateException e) {
            id = new InstanceId(loop, group + "-" + INSTANCE, null);
            log.warn("no instance slot for {} ({}): using {}, which a restarted worker does not take again, so a"
                    + " transaction it leaves open holds read_committed readers back until it times out, and its"
                    + " partitions wait for its session to time out", loop, e.getMessage(), id.id());
        }
        closeables.add(id);
        return id;
    }

    /** What the instance ids of a consumer group's workers on this host start with; slot N's is this, a dash and N. */
    public static String instanceIdPrefix(String consumerGroup) {
        return consumerGroup + "-" + HOST + "-" + USER;
    }

    /** A loop's instance id and the slot it holds, if any, released with the pipeline's other resources. */
    private record InstanceId(String loop, String id, @Nullable InstanceSlot slot) implements AutoCloseable {
        /** The consumer's {@code group.instance.id}: only a slot's id is taken again by a successor. */
        @Nullable String staticMember() {
            return slot == null ? null : id;
        }

        @Override
        public void close() {
            if (slot != null) {
                slot.close();
            }
        }
    }

    /** The taggers with the configured taxonomy folder, else the bundled taxonomy; loaded once (a few seconds). */
    public static ArticleTagger tagger(Config config) {
        return config.find(ConfigKeys.ENRICH_TAXONOMY_DIR).map(ArticleTagger::load).orElseGet(ArticleTagger::loadDefault);
    }

    /** {@code .outsight/instances} in the user's home, or null where the JVM knows no home (a uid without a name). */
    private static @Nullable Path defaultSlotDir() {
        String home = System.getProperty("user.home", "");
        return home.isBlank() || !Path.of(home).isAbsolute() ? null : Path.of(home, ".outsight", "instances");
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The index worker's two loops: enriched articles into the article alias, and fetch statuses into the
     * crawl-status index (its own consumer group, so it scales and lags independently).
     */
    private static List<StageLoop> indexLoops(Config config, KafkaClients kafka, ElasticsearchClient es,
            KafkaProducer<String, byte[]> producer, RecordCodec codec, List<AutoCloseable> closeables) {
        String alias = config.get(ConfigKeys.INDEX_ALIAS);
        String statusIndex = config.get(ConfigKeys.INDEX_FETCH_STATUS_INDEX);
        int batchSize = config.get(ConfigKeys.INDEX_BATCH_SIZE);
        var settings = BulkSettings.from(config);
        ensureLayout(es, alias);
        try {
            new FetchStatusIndex(es, statusIndex).ensure();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the crawl-status index " + statusIndex, e);
        }
        var articles = closedLater(closeables, new IndexHandler(new BulkSink(es, alias, true, settings), codec));
        var statuses = closedLater(closeables, new FetchStatusHandler(es, statusIndex, settings, codec));
        String group = Stage.INDEX.groupId();
        var articlesId = instanceId(config, group, Stage.INDEX.cliName(), closeables);
        var statusesId = instanceId(config, STATUS_GROUP, FetchStatusHandler.STAGE, closeables);
        return List.of(
                new StageLoop(Stage.INDEX.cliName(), kafka.batchingConsumer(group, group + "-" + INSTANCE,
                        articlesId.staticMember(), batchSize), producer, List.of(Topics.ARTICLES_ENRICHED), articles,
                        Backoff.DEFAULT),
                new StageLoop(FetchStatusHandler.STAGE, kafka.batchingConsumer(STATUS_GROUP,
                        STATUS_GROUP + "-" + INSTANCE, statusesId.staticMember(), batchSize), producer,
                        List.of(Topics.FETCH_STATUS), statuses, Backoff.DEFAULT));
    }

    /**
     * The ingest handler, telling its loop which URLs were fetched (the stage's successes) and, given meters,
     * counting every fetch outcome into them.
     */
    private static BatchHandler counted(BatchHandler handler, @Nullable StageMeters meters, RecordCodec codec) {
        return new FetchOutcomeCounter(handler, meters, codec);
    }

    /** Handlers that own resources (HTTP pools, bulk ingesters) are closed by the pipeline after its loops stop. */
    private static <T extends AutoCloseable> T closedLater(List<AutoCloseable> closeables, T handler) {
        closeables.add(handler);
        return handler;
    }

    private static void ensureLayout(ElasticsearchClient es, String alias) {
        try {
            new IndexLayout(es, alias).ensure();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the index template and alias " + alias, e);
        }
    }

    /** Waits until every stage's consumer has joined its group and received partitions. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StageLoop loop : loops) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !loop.awaitAssignment(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the stage threads end (they end on {@link #close()}, e.g. from a shutdown hook). */
    public void join() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    public List<StageLoop> loops() {
        return List.copyOf(loops);
    }

    /**
     * The instance id of each running loop, by the loop's stage name (index also runs index-status): its consumer's
     * {@code group.instance.id} and, for ingest and enrich, its transactional id. The next pipeline of the stage on
     * this host takes the same once this one is closed or its process gone.
     */
    public Map<String, String> instanceIds() {
        return instanceIds;
    }

    /** The consumer group of each running loop, by the loop's stage name (index also runs index-status). */
    public Map<String, String> consumerGroups() {
        return groups;
    }

    @Override
    public void close() {
        loops.forEach(StageLoop::close);
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", closeable, e.toString());
            }
        }
        producer.close(Duration.ofSeconds(10));
        try {
            if (es != null) {
                es.close();
            }
        } catch (IOException e) {
            log.warn("closing the Elasticsearch client: {}", e.toString());
        }
    }
}
