package io.outsight.index.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.EnrichedArticle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index stage's batch handler: one bulk request per polled batch of enriched articles, document id = article
 * id, so a replay overwrites instead of duplicating. Items Elasticsearch rejects for good (mapping and parse
 * errors) become dead letters with ES's reason; 429, 5xx and connection failures make the whole batch retry.
 * Thread-safe.
 */
public final class IndexHandler implements BatchHandler {
    public static final String STAGE = "index";
    private static final Logger log = LoggerFactory.getLogger(IndexHandler.class);

    private final ElasticsearchClient es;
    private final String alias;
    private final RecordCodec codec;

    public IndexHandler(ElasticsearchClient es, String alias, RecordCodec codec) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        var out = new ArrayList<ProducerRecord<String, byte[]>>();
        var operations = new ArrayList<BulkOperation>(batch.size());
        var sources = new ArrayList<ConsumerRecord<String, byte[]>>(batch.size());
        for (var record : batch) {
            try {
                var article = codec.decode(record.value(), EnrichedArticle.class);
                var document = codec.toTree(article);
                operations.add(BulkOperation.of(op -> op.index(i -> i.index(alias).id(article.id()).document(document))));
                sources.add(record);
            } catch (RecordFormatException e) {
                out.add(StageLoop.deadLetter(STAGE, record, e.getMessage(), 1));
            }
        }
        if (operations.isEmpty()) {
            return out;
        }
        BulkResponse response = bulk(operations);
        Map<Integer, Integer> rejected = new HashMap<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (item.error() == null) {
                continue;
            }
            if (item.status() == 429 || item.status() >= 500) {
                throw new TransientStageException("Elasticsearch answered " + item.status() + " for " + item.id()
                        + ": " + item.error().reason());
            }
            rejected.put(i, item.status());
            String reason = "Elasticsearch rejected the document (" + item.status() + " " + item.error().type()
                    + "): " + item.error().reason();
            log.warn("{}: {}", item.id(), reason);
            out.add(StageLoop.deadLetter(STAGE, sources.get(i), reason, 1));
        }
        log.info("indexed {} articles into {} ({} rejected)", operations.size() - rejected.size(), alias,
                rejected.size());
        return out;
    }

    private BulkResponse bulk(List<BulkOperation> operations) throws TransientStageException {
        try {
            return es.bulk(b -> b.operations(operations));
        } catch (IOException e) {
            throw new TransientStageException("cannot reach Elasticsearch: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            // The bulk request as a whole failed (overload, no master, missing alias target): all worth a retry.
            throw new TransientStageException("bulk request failed with " + e.status() + ": " + e.getMessage(), e);
        }
    }
}
