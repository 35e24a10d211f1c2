package io.outsight.app.bench;

import io.outsight.app.pipeline.Pipeline;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.UrlRequest;
import io.outsight.enrich.Enricher;
import io.outsight.enrich.stream.EnrichHandler;
import io.outsight.index.sink.IndexHandler;
import io.outsight.ingest.stream.IngestHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The ceiling of the benchmark: the stages' own handlers in one loop of one process, with nothing between them, no
 * Kafka and no Elasticsearch. URLs go through {@link IngestHandler} (fetch from the local site, extract) in batches
 * of {@code ingest.batch-size} as the ingest worker polls them, the raw articles through {@link EnrichHandler} in batches
 * of {@value #ENRICH_BATCH} as the enrich worker polls them, and each enriched record is decoded and written into a
 * bulk request body (action line with id and external version, then the document) of {@value #BULK_DOCUMENTS}
 * documents, as the index stage's sink does. Records are encoded and decoded as on the topics, so the ceiling does
 * all the work of the pipeline except moving records through Kafka and storing them in Elasticsearch.
 *
 * <p>Handlers are built before the clock starts (loading the models takes seconds in the workers too, before they
 * join their groups). Not thread-safe; one run per instance.
 */
final class CeilingRun {
    /** Records per poll of the enrich worker (Pipeline: max.poll.records 200). */
    static final int ENRICH_BATCH = 200;
    /** Documents per bulk request (index.bulk.max-operations default). */
    static final int BULK_DOCUMENTS = 500;

    /**
     * @param articles enriched articles serialised
     * @param failed URLs whose fetch status was not ok
     * @param elapsed from the first fetch to the last bulk body
     * @param bulkBytes bytes of bulk request bodies written
     * @param cpu CPU time this process used meanwhile (all its threads, the benchmark site's included), or zero
     *     where the JVM does not tell
     */
    record Result(int articles, int failed, Duration elapsed, long bulkBytes, Duration cpu) {
        double perSecond() {
            return BenchReport.rate(articles, elapsed);
        }

        /** The runs added up: articles, failures, time, bytes and CPU summed. */
        static Result total(List<Result> runs) {
            int articles = 0;
            int failed = 0;
            Duration elapsed = Duration.ZERO;
            long bulkBytes = 0;
            Duration cpu = Duration.ZERO;
            for (var run : runs) {
                articles += run.articles;
                failed += run.failed;
                elapsed = elapsed.plus(run.elapsed);
                bulkBytes += run.bulkBytes;
                cpu = cpu.plus(run.cpu);
            }
            return new Result(articles, failed, elapsed, bulkBytes, cpu);
        }
    }

    private final RecordCodec codec = new RecordCodec();
    private final Config config;
    private final String alias;
    private long offset;

    /** @param config the ingest settings the ingest worker gets (private addresses allowed, no host delay) */
    CeilingRun(Config config, String alias) {
        this.config = Objects.requireNonNull(config, "config");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    Result run(List<String> urls, String source) throws TransientStageException {
        try (var ingest = IngestHandler.create(config, codec)) {
            var enrich = new EnrichHandler(new Enricher(Pipeline.tagger(config), Clock.systemUTC()), codec);
            var pending = new ArrayDeque<ConsumerRecord<String, byte[]>>();
            for (String url : urls) {
                pending.add(record(Topics.URLS, url, codec.encode(new UrlRequest(url, source, Instant.now(), 0))));
            }
            var raw = new ArrayList<ConsumerRecord<String, byte[]>>();
            var bulk = new BulkBody();
            int failed = 0;
            int ingestBatch = config.get(ConfigKeys.INGEST_BATCH_SIZE);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            while (!pending.isEmpty()) {
                var batch = new ArrayList<ConsumerRecord<String, byte[]>>(ingestBatch);
                while (batch.size() < ingestBatch && !pending.isEmpty()) {
                    batch.add(pending.poll());
                }
                for (var out : ingest.handle(batch)) {
                    switch (out.topic()) {
                        case Topics.ARTICLES_RAW -> raw.add(record(out));
                        case Topics.FETCH_STATUS -> {
                            if (codec.decode(out.value(), FetchStatus.class).outcome() != FetchOutcome.OK) {
                                failed++;
                            }
                        }
                        case Topics.URLS -> pending.add(record(out)); // deferred: the worker re-queues it too
                        default -> failed++; // a dead letter
                    }
                }
                if (raw.size() >= ENRICH_BATCH || pending.isEmpty()) {
                    for (var out : enrich.handle(raw)) {
                        if (out.topic().equals(Topics.ARTICLES_ENRICHED)) {
                            bulk.add(out.value());
                        } else {
                            failed++;
                        }
                    }
                    raw.clear();
                }
            }
            bulk.flush();
            return new Result(bulk.documents, failed, Duration.ofNanos(System.nanoTime() - start), bulk.bytes,
                    Duration.ofNanos(Math.max(0, processCpuNanos() - cpuStart)));
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private ConsumerRecord<String, byte[]> record(ProducerRecord<String, byte[]> out) {
        return record(out.topic(), out.key(), out.value());
    }

    private ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 0, offset++, key, value);
    }

    /** Bulk request bodies as the sink builds them; each full body is dropped where the sink would send it. */
    private final class BulkBody {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
        private int inBody;
        int documents;
        long bytes;

        void add(byte[] document) {
            var article = codec.summarize(document); // what IndexHandler reads of each record
            String action = "{\"index\":{\"_index\":\"" + alias + "\",\"_id\":\"" + article.id() + "\",\"version\":"
                    + IndexHandler.versionOf(article) + ",\"version_type\":\"external\"}}\n";
            body.writeBytes(action.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(document);
            body.write('\n');
            documents++;
            if (++inBody == BULK_DOCUMENTS) {
                flush();
            }
        }

        void flush() {
            bytes += body.size();
            body.reset();
            inBody = 0;
        }
    }
}
