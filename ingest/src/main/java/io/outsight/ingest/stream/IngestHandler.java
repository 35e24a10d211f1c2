package io.outsight.ingest.stream;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.UrlRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage's batch handler: each URL request on {@code outsight.urls} yields a fetch status on
 * {@code outsight.fetch.status} and, when the page was fetched, a raw article on {@code outsight.articles.raw}.
 * An unreadable request goes to the dead-letter topic. Thread-safe.
 */
public final class IngestHandler implements BatchHandler {
    public static final String STAGE = "ingest";
    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final PageIngestor ingestor;
    private final RecordCodec codec;

    public IngestHandler(PageIngestor ingestor, RecordCodec codec) {
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch) {
        var out = new ArrayList<ProducerRecord<String, byte[]>>(batch.size() * 2);
        for (var record : batch) {
            UrlRequest request;
            try {
                request = codec.decode(record.value(), UrlRequest.class);
            } catch (RecordFormatException e) {
                out.add(StageLoop.deadLetter(STAGE, record, e.getMessage(), 1));
                continue;
            }
            var ingested = ingestor.ingest(request);
            ingested.article().ifPresent(article ->
                    out.add(new ProducerRecord<>(Topics.ARTICLES_RAW, article.id(), codec.encode(article))));
            out.add(new ProducerRecord<>(Topics.FETCH_STATUS, ingested.key(), codec.encode(ingested.status())));
            log.info("{} {}: {}", ingested.status().outcome().wireName(), ingested.key(), ingested.status().reason());
        }
        return out;
    }
}
