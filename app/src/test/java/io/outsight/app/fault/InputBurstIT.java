package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.pipeline.Stage;
import io.outsight.app.process.HeapStats;
import io.outsight.app.process.WorkerProcess;
import io.outsight.core.Topics;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.UrlRequest;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten times the input of an ordinary fault test, all submitted at once as URL requests, through the three stages
 * each running as a child JVM limited to a 256 MB heap (and made to exit on an OutOfMemoryError): every worker
 * lives through it and every page is indexed, so the stages hold back (bounded batches, back-pressure) instead of
 * taking in the whole burst.
 */
@ExtendWith(LocalStackExtension.class)
class InputBurstIT {
    private static final String ALIAS = "fault-burst";
    private static final int PAGES = 10 * FaultArticles.NORMAL_RUN;
    private static final RecordCodec CODEC = new RecordCodec();

    @Test
    void aBurstOfTenTimesTheInputIsIndexedByWorkersWithA256MegabyteHeap(StackAddresses stack) throws Exception {
        try (var site = new PageSite();
                var workers = new Workers("burst", stack,
                        List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                        Map.of(ConfigKeys.INDEX_ALIAS.name(), ALIAS,
                                ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES.name(), "true",
                                ConfigKeys.INGEST_FETCH_HOST_DELAY.name(), "0s",
                                ConfigKeys.INGEST_FETCH_HOST_CONCURRENCY.name(), "16"))) {
            var running = workers.start(EnumSet.of(Stage.INGEST, Stage.ENRICH, Stage.INDEX));
            List<String> urls = site.urls(PAGES);
            submitAll(stack.kafkaBootstrapServers(), urls);

            var probe = new IndexProbe(stack.elasticsearchUrl(), ALIAS);
            Duration took = Poll.until(Duration.ofMinutes(10), "every page of the burst indexed",
                    () -> "indexed " + probe.countByUrlPrefix(site.baseUrl()) + " of " + PAGES + "; "
                            + describe(running),
                    () -> {
                        running.forEach(w -> assertTrue(w.isAlive(), w + " died:\n" + w.logTail(30)));
                        return probe.countByUrlPrefix(site.baseUrl()).orElse(0) >= PAGES;
                    });

            var indexed = probe.urlsByPrefix(site.baseUrl());
            assertEquals(PAGES, indexed.size(), "each page indexed once");
            assertEquals(new HashSet<>(urls), new HashSet<>(indexed), "every page indexed");
            for (WorkerProcess worker : running) {
                assertTrue(worker.isAlive(), worker + " died:\n" + worker.logTail(30));
                assertFalse(Files.readString(worker.logFile()).contains("OutOfMemoryError"),
                        worker + " ran out of memory:\n" + worker.logTail(30));
            }
            System.out.printf("Burst: %d pages indexed in %d s by workers with -Xmx256m: %s%n", PAGES,
                    took.toSeconds(), describe(running));
        }
    }

    /** All URL requests sent in one go, acknowledged before the test goes on. */
    private static void submitAll(String kafka, List<String> urls) throws Exception {
        try (var producer = new KafkaClients(kafka).producer("fault-burst-feed")) {
            var sends = new ArrayList<Future<RecordMetadata>>(urls.size());
            Instant now = Instant.now();
            for (String url : urls) {
                sends.add(producer.send(new ProducerRecord<>(Topics.URLS, url,
                        CODEC.encode(new UrlRequest(url, "fault-burst", now, 0)))));
            }
            producer.flush();
            for (var send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static String describe(List<WorkerProcess> workers) {
        var parts = new ArrayList<String>();
        for (WorkerProcess worker : workers) {
            String heap = worker.heapStats().map(InputBurstIT::megabytes).orElse("no heap stats yet");
            parts.add(worker.name() + (worker.isAlive() ? "" : " (dead)") + " " + heap);
        }
        return String.join(", ", parts);
    }

    private static String megabytes(HeapStats stats) {
        return "peak used " + stats.peakUsedBytes() / (1024 * 1024) + " MB, peak live "
                + stats.peakLiveBytes() / (1024 * 1024) + " MB of " + stats.maxBytes() / (1024 * 1024) + " MB";
    }
}
