package io.outsight.enrich.stream;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.RawArticle;
import io.outsight.enrich.Enricher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich stage's batch handler: each raw article becomes an enriched article under the same key. A record that
 * cannot be read or enriched goes to the dead-letter topic with the reason, and the batch goes on. Thread-safe.
 */
public final class EnrichHandler implements BatchHandler {
    public static final String STAGE = "enrich";
    private static final Logger log = LoggerFactory.getLogger(EnrichHandler.class);

    private final Enricher enricher;
    private final RecordCodec codec;

    public EnrichHandler(Enricher enricher, RecordCodec codec) {
        this.enricher = Objects.requireNonNull(enricher, "enricher");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch) {
        var out = new ArrayList<ProducerRecord<String, byte[]>>(batch.size());
        for (var record : batch) {
            try {
                var raw = codec.decode(record.value(), RawArticle.class);
                var enriched = enricher.enrich(raw);
                out.add(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, enriched.id(), codec.encode(enriched)));
            } catch (RecordFormatException e) {
                out.add(StageLoop.deadLetter(STAGE, record, e.getMessage(), 1));
            } catch (RuntimeException e) {
                // A tagger bug on one odd page must not stop the stage: keep the record and say why.
                log.error("enrich failed for {} at {}-{}@{}", record.key(), record.topic(), record.partition(),
                        record.offset(), e);
                out.add(StageLoop.deadLetter(STAGE, record, e.getClass().getSimpleName() + ": " + e.getMessage(), 1));
            }
        }
        return out;
    }
}
