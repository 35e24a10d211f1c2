package io.outsight.app.api;

import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.intake.UrlSubmitter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Sends submitted URLs to {@code outsight.urls}. Thread-safe (the Kafka producer and admin client are). */
public final class KafkaUrlSink implements UrlSink, AutoCloseable {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final RecordCodec codec = new RecordCodec();

    public KafkaUrlSink(KafkaClients kafka) {
        producer = kafka.producer("outsight-api");
        admin = kafka.admin("outsight-api-health");
    }

    @Override
    public void submit(List<UrlRequest> requests) throws Exception {
        UrlSubmitter.submit(producer, codec, requests);
    }

    @Override
    public boolean reachable() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) HEALTH_TIMEOUT.toMillis()))
                    .clusterId().get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** The admin client, shared with the consumer-lag gauges; closed with this sink. */
    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
