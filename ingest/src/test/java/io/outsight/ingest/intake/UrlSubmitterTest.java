package io.outsight.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.UrlRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The submitter hands every request to Kafka under its key, and says so when Kafka refused one. */
class UrlSubmitterTest {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final List<UrlRequest> REQUESTS = List.of(
            new UrlRequest("https://example.com/a", "test", Instant.parse("2026-11-27T00:00:00Z"), 0),
            new UrlRequest("https://example.com/b", "test", Instant.parse("2026-11-27T00:00:00Z"), 0));

    @Test
    void keysEachRequestAsAskedOnTheUrlTopic() throws Exception {
        var producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

        UrlSubmitter.submit(producer, CODEC, REQUESTS, request -> "key:" + request.url());

        assertEquals(List.of("key:https://example.com/a", "key:https://example.com/b"),
                producer.history().stream().map(ProducerRecord::key).toList());
        assertEquals(List.of(Topics.URLS, Topics.URLS),
                producer.history().stream().map(ProducerRecord::topic).toList());
    }

    @Test
    void aRequestKafkaRefusedIsAnErrorNotASilentLoss() {
        // Kafka's answer to the first request comes as a refusal, the second is taken (KAFKA-15591's loss looks so).
        var producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                errorNext(new OutOfOrderSequenceException("refused for good"));
                super.flush();
            }
        };

        var thrown = assertThrows(ExecutionException.class, () -> UrlSubmitter.submit(producer, CODEC, REQUESTS));
        assertInstanceOf(OutOfOrderSequenceException.class, thrown.getCause());
    }
}
