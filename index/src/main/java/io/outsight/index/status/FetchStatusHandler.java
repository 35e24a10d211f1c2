package io.outsight.index.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import io.outsight.core.id.ArticleIds;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.FetchStatus;
import io.outsight.index.sink.BulkOutcome;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexDocument;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes fetch status records ({@code outsight.fetch.status}) into the {@link FetchStatusIndex}: one document per
 * URL (id = SHA-256 of the URL), replaced only by a status checked at the same time or later, so the index shows
 * each URL's latest outcome whatever order the records come in. The documents add the URL's {@code host} and a
 * {@code failed} flag to the record, for filtering. Same guarantees as the article sink: offsets are committed
 * after Elasticsearch acknowledged, transient failures retry the batch, rejected records become dead letters.
 *
 * <p>Called by one stage thread at a time. Close it to stop its sink.
 */
public final class FetchStatusHandler implements BatchHandler, AutoCloseable {
    public static final String STAGE = "index-status";
    private static final Logger log = LoggerFactory.getLogger(FetchStatusHandler.class);

    private final BulkSink sink;
    private final RecordCodec codec;

    /** A handler writing to the index {@code indexName}, which {@link FetchStatusIndex#ensure()} created. */
    public FetchStatusHandler(ElasticsearchClient es, String indexName, BulkSettings settings, RecordCodec codec) {
        // Equal times overwrite: two outcomes within one millisecond are rare, and the later record is the newer.
        this(new BulkSink(es, indexName, false, settings.withVersionType(VersionType.ExternalGte)), codec);
    }

    FetchStatusHandler(BulkSink sink, RecordCodec codec) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        var out = new ArrayList<ProducerRecord<String, byte[]>>();
        var documents = new ArrayList<IndexDocument>(batch.size());
        var sources = new ArrayList<ConsumerRecord<String, byte[]>>(batch.size());
        for (var record : batch) {
            try {
                if (record.value() == null) {
                    throw new RecordFormatException("empty record (null value)");
                }
                var status = codec.decode(record.value(), FetchStatus.class);
                documents.add(new IndexDocument(documentId(status.url()),
                        Math.max(0, status.checkedAt().toEpochMilli()), document(status)));
                sources.add(record);
            } catch (RecordFormatException e) {
                out.add(StageLoop.deadLetter(STAGE, record, e.getMessage(), 1));
            }
        }
        if (documents.isEmpty()) {
            return out;
        }
        List<BulkOutcome> outcomes;
        try {
            outcomes = sink.write(documents);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientStageException("interrupted while indexing fetch statuses", e);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
                case BulkOutcome.Written w -> { }
                case BulkOutcome.Stale s -> { }
                case BulkOutcome.Retry retry -> throw new TransientStageException("Elasticsearch did not take the "
                        + "status of " + sources.get(i).key() + " into " + sink.target() + ": " + retry.reason());
                case BulkOutcome.Rejected r -> {
                    log.warn("status of {}: Elasticsearch rejected it: {}", sources.get(i).key(), r.reason());
                    out.add(StageLoop.deadLetter(STAGE, sources.get(i), "Elasticsearch rejected the document: "
                            + r.reason(), 1));
                }
            }
        }
        return out;
    }

    /** The document id of a URL's status: hex SHA-256 of the URL (URLs can exceed the 512-byte id limit). */
    public static String documentId(String url) {
        return ArticleIds.of(url);
    }

    private byte[] document(FetchStatus status) {
        var tree = codec.toTree(status);
        String host = host(status.url());
        if (host != null) {
            tree.put("host", host);
        }
        tree.put("failed", status.outcome().isFailure());
        return tree.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static @Nullable String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
