package io.outsight.app.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
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
import io.outsight.index.sink.IndexHandler;
import io.outsight.ingest.stream.IngestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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

    /** Distinguishes this process's consumers and transactional ids from other instances of the same stage. */
    private static final String INSTANCE = hostName() + "-" + ProcessHandle.current().pid();

    private final KafkaProducer<String, byte[]> producer;
    private final @Nullable ElasticsearchClient es;
    private final List<StageLoop> loops;
    /** What the stages' handlers own (connection pools), closed after the loops stopped. */
    private final List<AutoCloseable> closeables;
    private final List<Thread> threads = new ArrayList<>();

    private Pipeline(KafkaProducer<String, byte[]> producer, @Nullable ElasticsearchClient es, List<StageLoop> loops,
            List<AutoCloseable> closeables) {
        this.closeables = List.copyOf(closeables);
        this.producer = producer;
        this.es = es;
        this.loops = loops;
    }

    /** Starts the given stages against the endpoints; the index layout is ensured first when INDEX runs here. */
    public static Pipeline start(Config config, Endpoints endpoints, Set<Stage> stages) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(endpoints, "endpoints");
        var kafka = new KafkaClients(endpoints.kafkaBootstrapServers());
        var codec = new RecordCodec();
        var producer = kafka.producer("outsight-" + String.join("-", stages.stream().map(Stage::cliName).toList()));
        // Only the index stage talks to Elasticsearch: an ingest or enrich worker needs no connection to it.
        ElasticsearchClient es = stages.contains(Stage.INDEX)
                ? ElasticsearchClients.create(endpoints.elasticsearchUrl(), config)
                : null;
        String alias = config.get(ConfigKeys.INDEX_ALIAS);
        var loops = new ArrayList<StageLoop>();
        var closeables = new ArrayList<AutoCloseable>();
        for (Stage stage : EnumSet.copyOf(stages)) {
            BatchHandler handler = switch (stage) {
                case INGEST -> ingest(config, codec, closeables);
                case ENRICH -> new EnrichHandler(new Enricher(tagger(config), Clock.systemUTC()), codec);
                case INDEX -> {
                    var client = Objects.requireNonNull(es, "es");
                    ensureLayout(client, alias);
                    yield new IndexHandler(client, alias, codec);
                }
            };
            String input = switch (stage) {
                case INGEST -> Topics.URLS;
                case ENRICH -> Topics.ARTICLES_RAW;
                case INDEX -> Topics.ARTICLES_ENRICHED;
            };
            String instance = stage.groupId() + "-" + INSTANCE;
            var consumer = kafka.consumer(stage.groupId(), instance, stage == Stage.INGEST ? 10 : 200);
            // Ingest and enrich only produce to Kafka: their outputs and offsets commit in one transaction (exactly
            // once). The index stage writes to Elasticsearch, where the article id makes replays idempotent instead.
            loops.add(stage == Stage.INDEX
                    ? new StageLoop(stage.cliName(), consumer, producer, List.of(input), handler, Backoff.DEFAULT)
                    : StageLoop.transactional(stage.cliName(), consumer, kafka.transactionalProducer(instance, instance),
                            List.of(input), handler, Backoff.DEFAULT));
        }
        var pipeline = new Pipeline(producer, es, loops, closeables);
        for (StageLoop loop : loops) {
            Thread thread = Thread.ofPlatform().name("outsight-" + loop.stage()).start(loop);
            pipeline.threads.add(thread);
        }
        log.info("started stages {} on Kafka {} and Elasticsearch {}", stages, endpoints.kafkaBootstrapServers(),
                endpoints.elasticsearchUrl());
        return pipeline;
    }

    /** The taggers with the configured taxonomy folder, else the bundled taxonomy; loaded once (a few seconds). */
    public static ArticleTagger tagger(Config config) {
        return config.find(ConfigKeys.ENRICH_TAXONOMY_DIR).map(ArticleTagger::load).orElseGet(ArticleTagger::loadDefault);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** The ingest handler owns an HTTP connection pool: the pipeline closes it. */
    private static IngestHandler ingest(Config config, RecordCodec codec, List<AutoCloseable> closeables) {
        var handler = IngestHandler.create(config, codec);
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
