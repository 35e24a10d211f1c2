package io.outsight.index.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.index.ItSupport;
import io.outsight.index.TestArticles;
import io.outsight.index.dedup.ClusterAssigner;
import io.outsight.index.dedup.ClusterAssignment;
import io.outsight.index.dedup.ClusterFields;
import io.outsight.index.dedup.Fingerprints;
import io.outsight.index.layout.IndexLayout;
import io.outsight.stack.LocalStack;
import io.outsight.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the clustering's look-up time per article changes with the size of the corpus: for each size N, an index of N
 * fingerprinted articles (shaped like enrich's: 128 components, 32 bands of 4; every 33rd a syndicated copy of an
 * earlier one), then batches of new articles placed by a fresh {@link ClusterAssigner} exactly as the index stage
 * places a poll (one multi-search on the band keys and text hash, candidates verified on the signature). Every 10th
 * article of a batch is a copy of a random indexed story (6 of 128 components changed), so each batch also checks
 * that the copies are found at every size. A fresh assigner per batch keeps its in-memory table of recent articles
 * empty, so every candidate comes from Elasticsearch.
 *
 * <p>If the look-up grew with the corpus (say, a comparison with every indexed signature), the time per article
 * would grow about thirty-fold from 1,000 to 30,000 articles; with the LSH index it stays flat apart from the index's
 * own logarithmic term lookups and the machine's noise.
 *
 * <p>The indices of every size are built first (each left to finish its merges), then measured in turn, batch by
 * batch, so that a change in the machine's load (the project machine is shared) falls on every size alike.
 *
 * <p>{@code -Dbench.max-segments=N} force-merges every index to at most N segments before measuring.
 *
 * <p>Run (see BENCHMARKS.md): {@code java -cp … io.outsight.index.bench.ClusterLookupBenchmark [sizes] [batch]
 * [rounds] [elasticsearch-url]}, sizes comma-separated (default {@code 1000,10000,30000}), batch default 1000 (the
 * {@code index.batch-size} default), rounds default 7 (after 2 warm-up batches per size); without a URL it starts a
 * local stack in {@code target/bench-stack} (or {@code -Dbench.data-dir}).
 */
public final class ClusterLookupBenchmark {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final Instant ENRICHED = Instant.parse("2026-06-01T00:00:00Z");
    private static final int CORPUS_COPY_EVERY = 33;
    private static final int BATCH_COPY_EVERY = 10;
    private static final int WARM_UP = 2;
    private static final int BULK = 1_000;

    private ClusterLookupBenchmark() {}

    /** One index of {@code size} articles and what was measured on it; not thread-safe. */
    private static final class Corpus {
        final String alias;
        final int size;
        final SplittableRandom random;
        final List<Double> millis = new ArrayList<>();
        int nextProbe;
        long found;
        long expected;
        double candidates;
        long segments;
        long storeBytes;

        Corpus(String alias, int size, int firstProbe) {
            this.alias = alias;
            this.size = size;
            this.random = new SplittableRandom(size);
            this.nextProbe = firstProbe;
        }
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray() : new int[] {1_000, 10_000, 30_000};
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        LocalStack stack = null;
        String url;
        if (args.length > 3) {
            url = args[3];
        } else {
            Path dataDir = Path.of(System.getProperty("bench.data-dir", "target/bench-stack"));
            stack = LocalStack.start(StackSettings.defaults(dataDir).withAnyFreePorts());
            url = stack.addresses().elasticsearchUrl();
        }
        var corpora = new ArrayList<Corpus>();
        try (ElasticsearchClient es = ItSupport.client(url)) {
            try {
                long stamp = System.currentTimeMillis();
                for (int s = 0; s < sizes.length; s++) {
                    var corpus = new Corpus("bench-dedup-" + stamp + "-" + s, sizes[s], 1_000_000_000 + s * 10_000_000);
                    corpora.add(corpus);
                    build(es, corpus);
                    System.out.printf(Locale.ROOT, "indexed %,d articles into %s: %d segments, %,d bytes%n",
                            corpus.size, corpus.alias, corpus.segments, corpus.storeBytes);
                }
                System.out.printf(Locale.ROOT, "batches of %d articles (every %dth a copy of an indexed story); %d"
                        + " warm-up and %d measured batches per index, the indices taken in turn; JDK %s; load"
                        + " average %s%n", batch, BATCH_COPY_EVERY, WARM_UP, rounds, Runtime.version(),
                        SinkBenchmark.loadAverage());
                for (int round = 0; round < WARM_UP + rounds; round++) {
                    for (int i = 0; i < corpora.size(); i++) {
                        // Rotate the order each round, so no index always runs right after a given one.
                        var corpus = corpora.get((i + round) % corpora.size());
                        place(es, corpus, batch, round >= WARM_UP);
                    }
                }
                String load = SinkBenchmark.loadAverage();
                System.out.println();
                System.out.println("| indexed articles | segments | ms per batch of " + batch + ", median | min | max"
                        + " | µs per article, median | copies found | candidates per article |");
                System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
                for (var c : corpora) {
                    var sorted = c.millis.stream().sorted().toList();
                    double median = SinkBenchmark.median(sorted);
                    System.out.printf(Locale.ROOT, "| %,d | %d | %.0f | %.0f | %.0f | %.0f | %d / %d | %.2f |%n",
                            c.size, c.segments, median, sorted.getFirst(), sorted.getLast(), median * 1000 / batch,
                            c.found, c.expected, c.candidates / rounds);
                }
                System.out.println();
                System.out.println("load average at the end: " + load);
            } finally {
                for (var corpus : corpora) {
                    for (String index : new IndexLayout(es, corpus.alias).versionedIndices()) {
                        es.indices().delete(d -> d.index(index));
                    }
                }
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /**
     * Indexes the corpus and waits until Elasticsearch has no merge running on it, so the measurements do not pay
     * for the bulk load's merges.
     */
    private static void build(ElasticsearchClient es, Corpus corpus) throws Exception {
        new IndexLayout(es, corpus.alias).ensure();
        load(es, corpus.alias, corpus.size);
        es.indices().refresh(r -> r.index(corpus.alias));
        long count = es.count(c -> c.index(corpus.alias)).count();
        if (count != corpus.size) {
            throw new IllegalStateException(corpus.alias + " holds " + count + " articles, expected " + corpus.size);
        }
        Integer maxSegments = Integer.getInteger("bench.max-segments");
        if (maxSegments != null) {
            // To tell the corpus's size from its segment count: the look-up's cost per article is a term lookup per
            // band key per segment, so indices merged to the same segment count should time alike at any size.
            es.indices().forcemerge(f -> f.index(corpus.alias).maxNumSegments(maxSegments.longValue()));
            es.indices().refresh(r -> r.index(corpus.alias));
        }
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (true) {
            var stats = es.indices().stats(st -> st.index(corpus.alias)).all().total();
            if (stats.merges().current() == 0 || System.nanoTime() > deadline) {
                corpus.segments = stats.segments().count();
                corpus.storeBytes = stats.store().sizeInBytes();
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Places one batch of new articles with a fresh assigner, timing it when {@code measured}. */
    private static void place(ElasticsearchClient es, Corpus corpus, int batch, boolean measured) throws IOException {
        var probes = new ArrayList<EnrichedArticle>(batch);
        int copies = 0;
        for (int i = 0; i < batch; i++) {
            int n = corpus.nextProbe++;
            var article = TestArticles.numbered(n, ENRICHED);
            if (i % BATCH_COPY_EVERY == 0) {
                // A story of the corpus (not itself a copy, so it is its own cluster's canonical article).
                int story = corpus.random.nextInt(corpus.size);
                while (TestArticles.isCopy(story, CORPUS_COPY_EVERY)) {
                    story = corpus.random.nextInt(corpus.size);
                }
                probes.add(article.withFingerprint(Fingerprints.copy(story, 6, n)));
                copies++;
            } else {
                probes.add(article.withFingerprint(Fingerprints.story(n)));
            }
        }
        var assigner = new ClusterAssigner(es, corpus.alias);
        long start = System.nanoTime();
        var assignments = assigner.assign(probes.stream().map(EnrichedSummary::of).toList());
        double elapsed = (System.nanoTime() - start) / 1e6;
        if (measured) {
            corpus.millis.add(elapsed);
            corpus.found += assignments.values().stream().filter(a -> a.duplicateOf() != null).count();
            corpus.expected += copies;
            corpus.candidates += candidatesOf(es, corpus.alias, probes);
        }
    }

    /**
     * How many indexed articles share a band key or the text hash with the probes (outside the timing): the work the
     * look-up does per article, which follows the copies, not the corpus.
     */
    private static double candidatesOf(ElasticsearchClient es, String alias, List<EnrichedArticle> probes)
            throws IOException {
        long total = 0;
        int sampled = 0;
        // Every 23rd probe: copies and new stories in about their proportions (every 10th probe is a copy).
        for (int i = 0; i < probes.size(); i += 23, sampled++) {
            var fingerprint = probes.get(i).fingerprint();
            var bands = fingerprint.bands().stream().map(co.elastic.clients.elasticsearch._types.FieldValue::of)
                    .toList();
            total += es.count(c -> c.index(alias).query(q -> q.bool(b -> b.should(
                            s -> s.terms(t -> t.field(ClusterFields.BANDS).terms(v -> v.value(bands))))
                    .should(s -> s.term(t -> t.field(ClusterFields.TEXT_HASH).value(fingerprint.textHash())))
                    .minimumShouldMatch("1")))).count();
        }
        return (double) total / sampled;
    }

    private static void load(ElasticsearchClient es, String alias, int corpus) throws IOException {
        for (int from = 0; from < corpus; from += BULK) {
            var operations = new ArrayList<BulkOperation>(BULK);
            for (int n = from; n < Math.min(corpus, from + BULK); n++) {
                EnrichedArticle article = TestArticles.fingerprinted(n, ENRICHED, CORPUS_COPY_EVERY);
                // Every stored article as its own cluster: the look-up reads candidates the same way either way.
                byte[] json = ClusterFields.addTo(CODEC.encode(article), ClusterAssignment.canonical(article.id()));
                BinaryData source = BinaryData.of(json, ContentType.APPLICATION_JSON);
                operations.add(BulkOperation.of(o -> o.index(i -> i.id(article.id()).document(source))));
            }
            var response = es.bulk(b -> b.index(alias).operations(operations));
            if (response.errors()) {
                throw new IllegalStateException("bulk into " + alias + " had item errors");
            }
        }
    }
}
