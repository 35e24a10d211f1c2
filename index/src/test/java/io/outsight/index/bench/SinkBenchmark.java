package io.outsight.index.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexHandler;
import io.outsight.stack.LocalStack;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Compares the sink's documents per second (Kafka topic to acknowledged Elasticsearch documents, offsets committed)
 * with the raw bulk rate of the same documents, pre-serialised, sent in bulk requests of the same size with the
 * same number of requests in flight, to an index with the same mappings. Rounds alternate raw and sink so both see
 * the same warm-up; each round writes into fresh indices.
 *
 * <p>Run (see BENCHMARKS.md): {@code java -cp … io.outsight.index.bench.SinkBenchmark [documents] [rounds]
 * [poll-size] [kafka elasticsearch]}; without addresses it starts a local stack in {@code target/bench-stack} (or
 * {@code -Dbench.data-dir}).
 */
public final class SinkBenchmark {
    private static final RecordCodec CODEC = new RecordCodec();

    private SinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BulkSettings settings = BulkSettings.DEFAULT;
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
            long bytes = 0;
            try (KafkaProducer<String, byte[]> producer = kafka.producer("bench")) {
                Instant base = Instant.now();
                for (int n = 0; n < documents; n++) {
                    EnrichedArticle article = TestArticles.numbered(n, base.plusMillis(n));
                    byte[] json = CODEC.encode(article);
                    payloads.add(json);
                    ids.add(article.id());
                    bytes += json.length;
                    producer.send(new ProducerRecord<>(topic, article.id(), json));
                }
                producer.flush();
            }
            System.out.printf(Locale.ROOT, "%d documents, %.0f bytes each on average; bulk %d docs, %d in flight;"
                    + " poll %d%n", documents, (double) bytes / documents, settings.maxOperations(),
                    settings.maxConcurrentRequests(), pollSize);
            var rawRates = new ArrayList<Double>();
            var sinkRates = new ArrayList<Double>();
            for (int round = 1; round <= rounds; round++) {
                double raw = rawBulk(es, "bench-raw-" + round, ids, payloads, settings);
                double sink = sink(es, kafka, topic, "bench-sink-" + round, documents, settings, pollSize);
                rawRates.add(raw);
                sinkRates.add(sink);
                System.out.printf(Locale.ROOT, "round %d: raw bulk %.0f docs/s, sink %.0f docs/s, ratio %.2f%n",
                        round, raw, sink, sink / raw);
            }
            double raw = median(rawRates);
            double sink = median(sinkRates);
            System.out.printf(Locale.ROOT, "median: raw bulk %.0f docs/s, sink %.0f docs/s, ratio %.2f%n", raw, sink,
                    sink / raw);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** Pre-serialised documents in bulk requests of maxOperations, maxConcurrentRequests at a time. */
    private static double rawBulk(ElasticsearchClient es, String alias, List<String> ids, List<byte[]> payloads,
            BulkSettings settings) throws Exception {
        new IndexLayout(es, alias).ensure();
        int batch = settings.maxOperations();
        var next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.maxConcurrentRequests());
        long start = System.nanoTime();
        try {
            var workers = new ArrayList<Future<?>>();
            for (int t = 0; t < settings.maxConcurrentRequests(); t++) {
                workers.add(pool.submit(() -> {
                    int from;
                    while ((from = next.getAndAdd(batch)) < ids.size()) {
                        var operations = new ArrayList<BulkOperation>(batch);
                        for (int i = from; i < Math.min(from + batch, ids.size()); i++) {
                            String id = ids.get(i);
                            BinaryData source = BinaryData.of(payloads.get(i), ContentType.APPLICATION_JSON);
                            operations.add(BulkOperation.of(o -> o.index(x -> x.id(id).document(source))));
                        }
                        var response = es.bulk(b -> b.index(alias).operations(operations));
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
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        es.indices().refresh(r -> r.index(alias));
        check(es, alias, ids.size());
        return ids.size() / seconds;
    }

    /** The index stage as it runs: StageLoop + IndexHandler from the topic, until every offset is committed. */
    private static double sink(ElasticsearchClient es, KafkaClients kafka, String topic, String alias, int documents,
            BulkSettings settings, int pollSize) throws Exception {
        new IndexLayout(es, alias).ensure();
        String group = "bench-" + alias;
        var handler = new IndexHandler(new BulkSink(es, alias, true, settings), CODEC);
        try (KafkaProducer<String, byte[]> producer = kafka.producer("bench-dlq")) {
            var loop = new StageLoop("index", kafka.consumer(group, group, pollSize), producer, List.of(topic),
                    handler, Backoff.DEFAULT);
            Thread thread = Thread.ofPlatform().name("bench-index").start(loop);
            if (!loop.awaitAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("no partitions assigned");
            }
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (loop.consumed() < documents) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("sink did not finish: " + loop.consumed() + " of " + documents);
                }
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            loop.close();
            thread.join();
            handler.close();
            es.indices().refresh(r -> r.index(alias));
            check(es, alias, documents);
            return documents / seconds;
        }
    }

    private static void check(ElasticsearchClient es, String alias, int expected) throws Exception {
        long count = es.count(c -> c.index(alias)).count();
        if (count != expected) {
            throw new IllegalStateException(alias + " holds " + count + " documents, expected " + expected);
        }
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
