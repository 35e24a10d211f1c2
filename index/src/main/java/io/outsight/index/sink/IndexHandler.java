package io.outsight.index.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.EnrichedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index stage's batch handler: every enriched article of a polled batch goes through one {@link BulkSink},
 * and the handler returns only when Elasticsearch answered for each, so {@link StageLoop} commits the offsets
 * after the acknowledgement.
 *
 * <ul>
 *   <li>Document id = article id; external version = {@link #versionOf enriched_at in microseconds}, so a replayed
 *       or older record never overwrites a newer one (that version conflict counts as done, not as an error).
 *   <li>A document Elasticsearch rejects for good (mapping or parse error), or a record that is not an enriched
 *       article, becomes a dead letter with the reason.
 *   <li>429, 5xx, a lost connection or no answer in time fail the batch with a {@link TransientStageException}: the
 *       loop backs off and processes the same records again; the versions make the replay harmless.
 * </ul>
 *
 * <p>Called by one stage thread at a time; the counters may be read from any thread. Close it to stop the sink.
 */
public final class IndexHandler implements BatchHandler, AutoCloseable {
    public static final String STAGE = "index";
    private static final Logger log = LoggerFactory.getLogger(IndexHandler.class);

    private final BulkSink sink;
    private final RecordCodec codec;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /** A handler writing to {@code alias} (which must exist) with the default bulk settings. */
    public IndexHandler(ElasticsearchClient es, String alias, RecordCodec codec) {
        this(new BulkSink(es, alias, true, BulkSettings.DEFAULT), codec);
    }

    /** A handler writing through {@code sink}, which it owns and closes. */
    public IndexHandler(BulkSink sink, RecordCodec codec) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The external version of an enriched article: when it was enriched, in microseconds since the epoch. Finer
     * than milliseconds, so that two enrichments of one article in quick succession (a page fetched twice) still
     * order correctly.
     */
    public static long versionOf(EnrichedArticle article) {
        var at = article.enrichedAt();
        return Math.max(0, at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000);
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        var out = new ArrayList<ProducerRecord<String, byte[]>>();
        var documents = new ArrayList<IndexDocument>(batch.size());
        var sources = new ArrayList<ConsumerRecord<String, byte[]>>(batch.size());
        // Each document goes to the sink as soon as it is read, so reading overlaps with the requests in flight.
        var pending = sink.batch();
        for (var record : batch) {
            try {
                if (record.value() == null) {
                    throw new RecordFormatException("empty record (null value)");
                }
                var article = codec.decode(record.value(), EnrichedArticle.class);
                // The record is sent as it is: it is already the document (see RecordCodec), and re-serialising
                // every article would cost the sink a good part of its speed.
                var document = new IndexDocument(article.id(), versionOf(article), record.value());
                pending.add(document);
                documents.add(document);
                sources.add(record);
            } catch (RecordFormatException e) {
                log.warn("{}-{}@{} ({}): not an enriched article: {}", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getMessage());
                out.add(StageLoop.deadLetter(STAGE, record, e.getMessage(), 1));
            }
        }
        List<BulkOutcome> outcomes;
        try {
            outcomes = pending.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientStageException("interrupted while indexing", e);
        }
        long batchWritten = 0;
        long batchStale = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
                case BulkOutcome.Written w -> batchWritten++;
                case BulkOutcome.Stale s -> batchStale++;
                case BulkOutcome.Retry retry -> throw new TransientStageException("Elasticsearch did not take "
                        + documents.get(i).id() + " into " + sink.target() + ": " + retry.reason());
                case BulkOutcome.Rejected r -> {
                    String reason = "Elasticsearch rejected the document: " + r.reason();
                    log.warn("{}: {}", documents.get(i).id(), reason);
                    out.add(StageLoop.deadLetter(STAGE, sources.get(i), reason, 1));
                }
            }
        }
        long batchRejected = documents.size() - batchWritten - batchStale;
        written.addAndGet(batchWritten);
        stale.addAndGet(batchStale);
        rejected.addAndGet(batchRejected);
        log.debug("indexed {} articles into {} ({} already newer, {} rejected)", batchWritten, sink.target(),
                batchStale, batchRejected);
        return out;
    }

    /** Documents Elasticsearch stored. */
    public long written() {
        return written.get();
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
        sink.close();
    }
}
