package io.outsight.index.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.OverlappingBatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.index.dedup.ClusterAssigner;
import io.outsight.index.dedup.ClusterAssignment;
import io.outsight.index.dedup.ClusterFields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index stage's batch handler: every enriched article of a polled batch goes through one {@link BulkSink}, and
 * a batch is finished only when Elasticsearch answered for each, so {@link StageLoop} commits the offsets after the
 * acknowledgement. The loop starts the next batch before it finishes the previous one ({@link OverlappingBatchHandler}),
 * so that Elasticsearch has the next requests while the last answers of a batch come, its offsets are committed
 * and the next poll is read and placed. A batch's documents are handed to the sink on a sender thread ({@link
 * #send}), so the stage thread reads and places the next batch while this one waits for room in the sink.
 *
 * <ul>
 *   <li>Document id = article id; external version = {@link #versionOf enriched_at in microseconds}, so a replayed
 *       or older record never overwrites a newer one (that version conflict counts as done, not as an error).
 *   <li>A document Elasticsearch rejects for good (mapping or parse error), or a record that is not an enriched
 *       article, becomes a dead letter with the reason.
 *   <li>429, 5xx, a lost connection or no answer in time fail the batch with a {@link TransientStageException}: the
 *       loop backs off and processes the same records again; the versions make the replay harmless.
 *   <li>Syndicated copies: before writing, a {@link ClusterAssigner} places each article in its story's cluster
 *       (a search per 100 articles it cannot rule out, see {@link ClusterAssigner#lookUpAhead}), and the document gets
 *       {@code cluster_id} and, on copies, {@code duplicate_of}.
 *       A replay keeps the cluster (see {@link io.outsight.index.dedup.ClusterRule}).
 * </ul>
 *
 * <p>Called by one stage thread at a time; the counters may be read from any thread. Close it to stop the sink.
 */
public final class IndexHandler implements OverlappingBatchHandler, StageLoop.SuccessCount,
        StageLoop.SoleConsumerAware, AutoCloseable {
    public static final String STAGE = "index";
    private static final Logger log = LoggerFactory.getLogger(IndexHandler.class);

    private final BulkSink sink;
    private final RecordCodec codec;
    private final @Nullable ClusterAssigner clusters;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Documents written by the last batch: the loop's count of documents indexed (stale and rejected ones are not). */
    private volatile long lastBatchWritten;
    /** Records read, placed and handed to the sink at a time: one bulk request's worth. */
    private final int sliceSize;
    /** Hands each batch's documents to the sink in turn ({@link #send}). */
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("index-sender").daemon().factory());

    /** A handler writing to {@code alias} (which must exist) with the default bulk settings. */
    public IndexHandler(ElasticsearchClient es, String alias, RecordCodec codec) {
        this(new BulkSink(es, alias, true, BulkSettings.DEFAULT), codec);
    }

    /** A handler writing through {@code sink}, which it owns and closes, clustering copies in the sink's target. */
    public IndexHandler(BulkSink sink, RecordCodec codec) {
        this(sink, codec, new ClusterAssigner(sink.client(), sink.target()));
    }

    /**
     * A handler writing through {@code sink}, which it owns and closes.
     *
     * @param clusters places articles in story clusters (owned and closed by the handler), or null to index without
     *     {@code cluster_id}
     */
    public IndexHandler(BulkSink sink, RecordCodec codec, @Nullable ClusterAssigner clusters) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clusters = clusters;
        this.sliceSize = sink.settings().maxOperations();
    }

    /**
     * The external version of an enriched article: when it was enriched, in microseconds since the epoch. Finer
     * than milliseconds, so that two enrichments of one article in quick succession (a page fetched twice) still
     * order correctly.
     */
    public static long versionOf(EnrichedArticle article) {
        return versionOf(article.enrichedAt());
    }

    /** {@link #versionOf(EnrichedArticle)} from what the stage reads of a record. */
    public static long versionOf(EnrichedSummary summary) {
        return versionOf(summary.enrichedAt());
    }

    private static long versionOf(Instant enrichedAt) {
        return Math.max(0, enrichedAt.getEpochSecond() * 1_000_000 + enrichedAt.getNano() / 1_000);
    }

    /**
     * Reads, places and sends the batch without waiting for Elasticsearch's answers, which {@link Started#finish}
     * collects; the stage loop polls and starts the next batch meanwhile.
     */
    @Override
    public Started start(List<ConsumerRecord<String, byte[]>> batch) throws TransientStageException {
        var out = new ArrayList<ProducerRecord<String, byte[]>>();
        var sent = new ArrayList<Sent>(batch.size());
        ClusterAssigner.Batch placing = clusters == null ? null : clusters.begin();
        try {
            // In slices of one bulk request, each placed seeing the earlier ones. Reading the summaries first is
            // cheap, and lets every slice's look-up start now.
            var slices = new ArrayList<List<Decoded>>();
            for (int from = 0; from < batch.size(); from += sliceSize) {
                slices.add(decode(batch.subList(from, Math.min(batch.size(), from + sliceSize)), out));
            }
            var summaries = slices.stream().map(slice -> slice.stream().map(Decoded::summary).toList()).toList();
            if (placing != null) {
                // Every slice's search starts now, so that placing a slice waits for no answer but the first.
                lookUpAhead(placing, summaries);
            }
            for (int i = 0; i < slices.size(); i++) {
                var slice = slices.get(i);
                if (placing != null) {
                    slice = withClusters(placing, slice, summaries.get(i));
                }
                for (Decoded decoded : slice) {
                    sent.add(new Sent(decoded.source(), decoded.document()));
                }
            }
        } catch (TransientStageException | RuntimeException e) {
            if (placing != null) {
                Objects.requireNonNull(clusters).drop(placing); // nothing of the batch was sent
            }
            throw e;
        }
        var pending = sink.batch();
        return new Written(out, sent, pending, placing, sender.submit(() -> send(pending, sent)));
    }

    /**
     * Hands a batch's documents to the sink, on the sender's thread: adding blocks while the most requests are in
     * flight, and meanwhile the stage thread polls, reads and places the next batch, whose documents are then ready
     * the moment these are sent (placed on the stage thread between the requests, they left Elasticsearch idle
     * while it read the next poll and waited for the look-up of its first slice).
     *
     * <p>The batch's last documents, short of a full request, wait in the sink while every place for a request is
     * taken, so that the next batch's documents may fill their request; they go as soon as a place is free with
     * none being added ({@link BulkSink.Batch#addAll}).
     */
    private static Void send(BulkSink.Batch pending, List<Sent> sent) {
        pending.addAll(sent.stream().map(Sent::document).toList());
        return null;
    }

    /** A batch whose documents were handed to the sink, and what became of it once Elasticsearch answered. */
    private final class Written implements Started {
        private final List<ProducerRecord<String, byte[]>> out;
        private final List<Sent> sent;
        private final BulkSink.Batch pending;
        private final ClusterAssigner.@Nullable Batch placing;
        /** The sender's handing of the documents to the sink; the outcomes are awaited once it is done. */
        private final Future<Void> sending;
        private long batchWritten;

        Written(List<ProducerRecord<String, byte[]>> out, List<Sent> sent, BulkSink.Batch pending,
                ClusterAssigner.@Nullable Batch placing, Future<Void> sending) {
            this.out = out;
            this.sent = sent;
            this.pending = pending;
            this.placing = placing;
            this.sending = sending;
        }

        @Override
        public List<ProducerRecord<String, byte[]>> finish() throws TransientStageException {
            try {
                return outcomes(await());
            } catch (TransientStageException | RuntimeException e) {
                if (placing != null) {
                    Objects.requireNonNull(clusters).drop(placing);
                }
                throw e;
            }
        }

        @Override
        public long succeeded() {
            return batchWritten;
        }

        @Override
        public boolean answered() {
            return sending.isDone() && pending.answered();
        }

        private List<BulkOutcome> await() throws TransientStageException {
            try {
                sending.get();
                return pending.complete();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientStageException("interrupted while indexing", e);
            } catch (ExecutionException e) {
                // Documents already sent are answered in their time; they are written again on the replay, which
                // their versions make harmless.
                throw new TransientStageException("could not hand the batch to the bulk sink: " + e.getCause(),
                        e.getCause());
            }
        }

        private List<ProducerRecord<String, byte[]>> outcomes(List<BulkOutcome> outcomes)
                throws TransientStageException {
            long batchStale = 0;
            var writtenIds = new ArrayList<String>(outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                String id = sent.get(i).document().id();
                switch (outcomes.get(i)) {
                    case BulkOutcome.Written w -> writtenIds.add(id);
                    case BulkOutcome.Stale s -> batchStale++;
                    case BulkOutcome.Retry retry -> throw new TransientStageException("Elasticsearch did not take "
                            + id + " into " + sink.target() + ": " + retry.reason());
                    case BulkOutcome.Rejected r -> {
                        String reason = "Elasticsearch rejected the document: " + r.reason();
                        log.warn("{}: {}", id, reason);
                        out.add(StageLoop.deadLetter(STAGE, sent.get(i).source(), reason, 1));
                    }
                }
            }
            if (placing != null) {
                Objects.requireNonNull(clusters).finish(placing, writtenIds);
            }
            batchWritten = writtenIds.size();
            long batchRejected = sent.size() - batchWritten - batchStale;
            written.addAndGet(batchWritten);
            lastBatchWritten = batchWritten;
            stale.addAndGet(batchStale);
            rejected.addAndGet(batchRejected);
            log.debug("indexed {} articles into {} ({} already newer, {} rejected)", batchWritten, sink.target(),
                    batchStale, batchRejected);
            return out;
        }
    }

    /**
     * The records that are enriched articles, as documents; the others become dead letters in {@code out}. Only the
     * fields the stage uses are read ({@link RecordCodec#summarize}, which says what it checks): the record is sent as
     * it is, and binding every article's text, entities and figures cost the stage more time than anything else.
     */
    private List<Decoded> decode(List<ConsumerRecord<String, byte[]>> records,
            List<ProducerRecord<String, byte[]>> out) {
        var decoded = new ArrayList<Decoded>(records.size());
        for (var record : records) {
            try {
                if (record.value() == null) {
                    throw new RecordFormatException("empty record (null value)");
                }
                var summary = codec.summarize(record.value());
                // The record is sent as it is: it is already the document (see RecordCodec), and re-serialising
                // every article would cost the sink a good part of its speed.
                decoded.add(new Decoded(record, summary,
                        new IndexDocument(summary.id(), versionOf(summary), record.value())));
            } catch (RecordFormatException e) {
                log.warn("{}-{}@{} ({}): not an enriched article: {}", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getMessage());
                out.add(StageLoop.deadLetter(STAGE, record, e.getMessage(), 1));
            }
        }
        return decoded;
    }

    /** The slice's documents with the cluster fields of their articles. */
    private List<Decoded> withClusters(ClusterAssigner.Batch placing, List<Decoded> slice,
            List<EnrichedSummary> summaries) throws TransientStageException {
        Map<String, ClusterAssignment> assignments = assign(placing, summaries);
        var placed = new ArrayList<Decoded>(slice.size());
        for (Decoded decoded : slice) {
            var document = decoded.document();
            var assignment = assignments.get(document.id());
            placed.add(assignment == null ? decoded : new Decoded(decoded.source(), decoded.summary(),
                    new IndexDocument(document.id(), document.version(),
                            ClusterFields.addTo(document.json(), assignment))));
        }
        return placed;
    }

    private void lookUpAhead(ClusterAssigner.Batch placing, List<List<EnrichedSummary>> slices)
            throws TransientStageException {
        try {
            Objects.requireNonNull(clusters, "clusters").lookUpAhead(placing, slices);
        } catch (IOException | ElasticsearchException e) {
            throw new TransientStageException("could not refresh " + sink.target() + " before looking up clusters: "
                    + e.getMessage(), e);
        }
    }

    private Map<String, ClusterAssignment> assign(ClusterAssigner.Batch placing, List<EnrichedSummary> articles)
            throws TransientStageException {
        try {
            return Objects.requireNonNull(clusters, "clusters").assign(placing, articles);
        } catch (IOException | ElasticsearchException e) {
            // Unreachable, overloaded or missing index: like a failed bulk request, the batch is tried again.
            throw new TransientStageException("could not look up the clusters of " + articles.size()
                    + " articles in " + sink.target() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The only consumer of the enriched topic is its index's only writer: then the clustering keeps a filter of
     * what the index holds, and searches only the articles that may match (see {@link ClusterAssigner#writesAlone}).
     */
    @Override
    public void soleConsumer(boolean holdsEveryPartition) {
        if (clusters != null) {
            clusters.writesAlone(holdsEveryPartition);
        }
    }

    /** Documents Elasticsearch stored. */
    public long written() {
        return written.get();
    }

    @Override
    public long lastBatchSucceeded() {
        return lastBatchWritten;
    }

    /** Records skipped because Elasticsearch already held the same or a newer version. */
    public long stale() {
        return stale.get();
    }

    /** Documents Elasticsearch rejected, now dead letters. */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sink.close();
        } finally {
            if (clusters != null) {
                clusters.close();
            }
        }
    }

    /** A record that is an enriched article, what the stage uses of it, and the document it becomes. */
    private record Decoded(ConsumerRecord<String, byte[]> source, EnrichedSummary summary, IndexDocument document) {}

    /** A document handed to the sink, and the record it came from (for its dead letter). */
    private record Sent(ConsumerRecord<String, byte[]> source, IndexDocument document) {}
}
