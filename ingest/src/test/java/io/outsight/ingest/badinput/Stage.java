package io.outsight.ingest.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.stream.IngestHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The ingest stage as {@link IngestHandler#create} builds it for a worker, with the settings a test against
 * loopback servers needs: private addresses allowed, no delay between requests to one host, short retry waits.
 * Everything else (size limit, redirects, timeouts, robots.txt, extraction) is the production default.
 */
final class Stage implements AutoCloseable {
    /** The production default of {@code ingest.fetch.max-body-size}, which these tests rely on. */
    static final long MAX_BODY = 10L * 1024 * 1024;

    private final RecordCodec codec = new RecordCodec();
    private final IngestHandler handler;
    private long offset;

    /** What the stage produced for one request. */
    record Outcome(FetchStatus status, Optional<RawArticle> article) {}

    Stage() {
        Config config = Config.defaults()
                .with(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES, true, "test")
                .with(ConfigKeys.INGEST_FETCH_HOST_DELAY, Duration.ZERO, "test")
                .with(ConfigKeys.INGEST_FETCH_RETRY_BACKOFF, Duration.ofMillis(10), "test");
        assertEquals(MAX_BODY, config.get(ConfigKeys.INGEST_FETCH_MAX_BODY_SIZE), "default size limit changed");
        handler = IngestHandler.create(config, codec);
    }

    /** Hands one URL request to the stage, as the Kafka loop would, and returns its status (and article). */
    Outcome ingest(String url) throws Exception {
        return ingestAll(List.of(url)).get(url);
    }

    /**
     * Hands the URLs to the stage in one batch. Every request must yield exactly one status record and nothing may
     * go to the dead-letter topic: bad input is a status with a reason, never an unexpected failure.
     */
    Map<String, Outcome> ingestAll(List<String> urls) throws Exception {
        var batch = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (String url : urls) {
            batch.add(new ConsumerRecord<>(Topics.URLS, 0, offset++, url,
                    codec.encode(new UrlRequest(url, "bad-input-test", Instant.now(), 0))));
        }
        List<ProducerRecord<String, byte[]>> out = handler.handle(batch);
        assertFalse(out.stream().anyMatch(r -> r.topic().equals(Topics.ARTICLES_DLQ)), "nothing goes to the DLQ");
        var statuses = new LinkedHashMap<String, FetchStatus>();
        var articles = new LinkedHashMap<String, RawArticle>();
        for (var record : out) {
            if (record.topic().equals(Topics.FETCH_STATUS)) {
                var status = codec.decode(record.value(), FetchStatus.class);
                assertNull(statuses.put(status.url(), status), "one status per request: " + status.url());
            } else if (record.topic().equals(Topics.ARTICLES_RAW)) {
                var article = codec.decode(record.value(), RawArticle.class);
                articles.put(article.url(), article);
            }
        }
        assertEquals(urls.size(), statuses.size(), "a status record for every request: " + statuses.keySet());
        var result = new LinkedHashMap<String, Outcome>();
        for (String url : urls) {
            FetchStatus status = statuses.get(url);
            assertFalse(status == null, "no status for " + url + " (statuses for " + statuses.keySet() + ")");
            assertFalse(status.reason().isBlank(), "a reason for " + url);
            result.put(url, new Outcome(status, Optional.ofNullable(articles.get(url))));
        }
        return result;
    }

    @Override
    public void close() {
        handler.close();
    }
}
