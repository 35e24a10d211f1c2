package io.outsight.ingest.intake;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.UrlRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Puts URL requests on {@code outsight.urls}, keyed by their normalised URL, and waits until Kafka has them. */
public final class UrlSubmitter {
    private UrlSubmitter() {}

    /**
     * @param requests requests whose URLs are already normalised (as {@link UrlIntake} makes them)
     * @throws ExecutionException when Kafka refused a record
     */
    public static void submit(Producer<String, byte[]> producer, RecordCodec codec, List<UrlRequest> requests)
            throws ExecutionException, InterruptedException {
        submit(producer, codec, requests, UrlRequest::url);
    }

    /**
     * Puts the requests on {@code outsight.urls}, each keyed by {@code keyOf}, and waits until Kafka has every one:
     * a send that is not checked can be lost without a word (the first request to a partition still opening, for
     * one: KAFKA-15591).
     *
     * @param keyOf the record key of a request (its normalised URL, which the ingest stage keys its work by)
     * @throws ExecutionException when Kafka refused a record
     */
    public static void submit(Producer<String, byte[]> producer, RecordCodec codec, List<UrlRequest> requests,
            Function<UrlRequest, String> keyOf) throws ExecutionException, InterruptedException {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(keyOf, "keyOf");
        var sends = new ArrayList<Future<RecordMetadata>>(requests.size());
        for (UrlRequest request : requests) {
            sends.add(producer.send(new ProducerRecord<>(Topics.URLS, keyOf.apply(request), codec.encode(request))));
        }
        producer.flush();
        for (var send : sends) {
            send.get();
        }
    }
}
