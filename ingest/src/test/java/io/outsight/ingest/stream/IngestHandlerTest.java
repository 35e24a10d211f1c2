package io.outsight.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import io.outsight.ingest.politeness.FakeTime;
import io.outsight.ingest.politeness.PoliteFetcher;
import io.outsight.ingest.politeness.PolitenessSettings;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IngestHandlerTest {
    private static MainContentExtractor extractor;

    private final RecordCodec codec = new RecordCodec();
    private final FakeTime time = new FakeTime();
    private final TestSite site = new TestSite();
    private final PageFetcher http = new PageFetcher(FetchSettings.defaults(true)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    private long offset;

    @BeforeAll
    static void loadExtractor() {
        extractor = MainContentExtractor.create();
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        site.close();
    }

    private IngestHandler handler(Duration hostDelay, Duration budget) {
        var polite = PoliteFetcher.create(http, PolitenessSettings.defaults().withHostDelay(hostDelay), time, time);
        var ingestor = new PageIngestor(new UrlNormalizer(), polite, extractor, new UrlMemory(100),
                Duration.ofMinutes(10), time);
        return new IngestHandler(ingestor, codec, 8, budget, time);
    }

    private ConsumerRecord<String, byte[]> request(String url) {
        return new ConsumerRecord<>(Topics.URLS, 0, offset++, url,
                codec.encode(new UrlRequest(url, "test", time.instant(), 0)));
    }

    private Map<String, FetchStatus> statuses(List<ProducerRecord<String, byte[]>> out) {
        return out.stream().filter(r -> r.topic().equals(Topics.FETCH_STATUS))
                .collect(Collectors.toMap(ProducerRecord::key, r -> codec.decode(r.value(), FetchStatus.class),
                        (a, b) -> b));
    }

    private static List<String> topics(List<ProducerRecord<String, byte[]>> out) {
        return out.stream().map(ProducerRecord::topic).toList();
    }

    @Test
    void producesAnArticleAndAStatusPerPageAndADeadLetterForAnUnreadableRequest() throws Exception {
        site.page("/a.html", "text/html", Pages.article("A", "Alpha.")).respond("/gone.html", 404, "text/html",
                new byte[0]);
        var garbage = new ConsumerRecord<String, byte[]>(Topics.URLS, 0, offset++, "x",
                "{not json".getBytes(StandardCharsets.UTF_8));
        var out = handler(Duration.ZERO, Duration.ofMinutes(2)).handle(
                List.of(request(site.url("/a.html")), garbage, request(site.url("/gone.html"))));
        assertEquals(List.of(Topics.ARTICLES_RAW, Topics.FETCH_STATUS, Topics.ARTICLES_DLQ, Topics.FETCH_STATUS),
                topics(out), "outputs in input order");
        var statuses = statuses(out);
        assertEquals(FetchOutcome.OK, statuses.get(site.url("/a.html")).outcome());
        assertEquals(FetchOutcome.HTTP_4XX, statuses.get(site.url("/gone.html")).outcome());
    }

    @Test
    void theConfiguredStageRefusesLoopbackAddressesUnlessAllowed() throws Exception {
        site.page("/a.html", "text/html", Pages.article("A", "Alpha."));
        var batch = List.of(request(site.url("/a.html")));
        try (var strict = IngestHandler.create(Config.defaults(), codec)) {
            assertEquals(FetchOutcome.BLOCKED_ADDRESS, statuses(strict.handle(batch)).get(site.url("/a.html")).outcome());
        }
        var open = Config.defaults().with(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES, true, "test");
        try (var allowing = IngestHandler.create(open, codec)) {
            var out = allowing.handle(List.of(request(site.url("/a.html"))));
            assertEquals(FetchOutcome.OK, statuses(out).get(site.url("/a.html")).outcome());
        }
    }

    @Test
    void aSlowHostDoesNotHoldUpTheOthers() throws Exception {
        var fastServed = new CountDownLatch(1);
        try (var slow = new TestSite()) {
            // The slow host answers only once the fast host has been fetched: fetched one after the other, the
            // slow page would time out first.
            slow.route("/slow.html", exchange -> {
                try (exchange) {
                    boolean fastDone = fastServed.await(8, TimeUnit.SECONDS);
                    TestSite.send(exchange, fastDone ? 200 : 503, "text/html",
                            Pages.article("Slow", "Patience.").getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            site.route("/fast.html", exchange -> {
                try (exchange) {
                    TestSite.send(exchange, 200, "text/html", Pages.article("Fast", "Quick.").getBytes(StandardCharsets.UTF_8));
                } finally {
                    fastServed.countDown();
                }
            });
            var out = handler(Duration.ZERO, Duration.ofMinutes(2)).handle(
                    List.of(request(slow.url("/slow.html")), request(site.url("/fast.html"))));
            var statuses = statuses(out);
            assertEquals(FetchOutcome.OK, statuses.get(slow.url("/slow.html")).outcome(),
                    statuses.get(slow.url("/slow.html")).reason());
            assertEquals(FetchOutcome.OK, statuses.get(site.url("/fast.html")).outcome());
        }
    }

    @Test
    void reportsTheSecondRequestForAUrlInABatchAsADuplicate() throws Exception {
        site.page("/a.html", "text/html", Pages.article("A", "Alpha."));
        var out = handler(Duration.ZERO, Duration.ofMinutes(2)).handle(
                List.of(request(site.url("/a.html")), request(site.url("/a.html#comments"))));
        var outcomes = out.stream().filter(r -> r.topic().equals(Topics.FETCH_STATUS))
                .map(r -> codec.decode(r.value(), FetchStatus.class).outcome()).sorted().toList();
        assertEquals(List.of(FetchOutcome.OK, FetchOutcome.DUPLICATE), outcomes);
        assertEquals(1, site.requests("/a.html").size());
    }

    @Test
    void putsBackOnTheTopicWhatItsHostCannotServeWithinTheBudget() throws Exception {
        var paths = List.of("/1.html", "/2.html", "/3.html");
        var batch = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (String p : paths) {
            site.page(p, "text/html", Pages.article("Page " + p, "Text of " + p + "."));
            batch.add(request(site.url(p)));
        }
        // One request a minute to this host, 90 s per batch: two pages now, the third later.
        var out = handler(Duration.ofMinutes(1), Duration.ofSeconds(90)).handle(batch);
        var requeued = out.stream().filter(r -> r.topic().equals(Topics.URLS)).toList();
        assertEquals(1, requeued.size(), topics(out).toString());
        var original = batch.stream().filter(r -> r.key().equals(requeued.getFirst().key())).findFirst().orElseThrow();
        assertArrayEquals(original.value(), requeued.getFirst().value());
        assertEquals(2, statuses(out).size());
        assertEquals(2, site.requests().stream().filter(r -> paths.contains(r.path())).count());
        assertTrue(statuses(out).values().stream().allMatch(s -> s.outcome() == FetchOutcome.OK));
    }
}
