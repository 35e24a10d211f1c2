package io.outsight.ingest.stream;

import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.politeness.PoliteFetcher;
import io.outsight.ingest.politeness.PolitenessSettings;
import io.outsight.ingest.politeness.Sleeper;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage's batch handler: each URL request on {@code outsight.urls} yields a fetch status on
 * {@code outsight.fetch.status} and, when the page was fetched and is new or changed, a raw article on
 * {@code outsight.articles.raw}. The requests of a batch are fetched concurrently (one virtual thread each, at most
 * {@code concurrency} at once, higher priority first) while the politeness rules space the requests to each host,
 * so a slow host holds up only its own URLs. A request whose host is not free within the batch's time budget goes
 * back on {@code outsight.urls}, which keeps a batch well inside Kafka's poll interval. An unreadable request goes
 * to the dead-letter topic.
 *
 * <p>Thread-safe; {@link #close()} closes what {@link #create(Config, RecordCodec)} built.
 */
public final class IngestHandler implements BatchHandler, AutoCloseable {
    public static final String STAGE = "ingest";
    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final PageIngestor ingestor;
    private final RecordCodec codec;
    private final Semaphore fetchSlots;
    private final Duration batchTimeBudget;
    private final Clock clock;
    private final @Nullable Closeable owned;

    /**
     * @param concurrency requests fetched at once, across hosts
     * @param batchTimeBudget how long a batch may wait for busy hosts
     * @param clock the clock of the politeness rules (its deadline is compared with their times)
     */
    public IngestHandler(PageIngestor ingestor, RecordCodec codec, int concurrency, Duration batchTimeBudget,
            Clock clock) {
        this(ingestor, codec, concurrency, batchTimeBudget, clock, null);
    }

    private IngestHandler(PageIngestor ingestor, RecordCodec codec, int concurrency, Duration batchTimeBudget,
            Clock clock, @Nullable Closeable owned) {
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.fetchSlots = new Semaphore(concurrency, true);
        this.batchTimeBudget = Objects.requireNonNull(batchTimeBudget, "batchTimeBudget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owned = owned;
    }

    /**
     * The ingest stage as configured ({@code ingest.*} keys): fetcher, robots cache, host throttle, retries, URL
     * memory, extractor. Close the handler to release the HTTP connections.
     */
    public static IngestHandler create(Config config, RecordCodec codec) {
        Objects.requireNonNull(config, "config");
        var clock = Clock.systemUTC();
        var fetcher = new PageFetcher(FetchSettings.from(config));
        var polite = PoliteFetcher.create(fetcher, PolitenessSettings.from(config), clock, Sleeper.SYSTEM);
        var settings = IngestSettings.from(config);
        var ingestor = new PageIngestor(new UrlNormalizer(), polite, MainContentExtractor.create(),
                new UrlMemory(settings.memorySize()), settings.dedupWindow(), clock);
        return new IngestHandler(ingestor, codec, settings.concurrency(), settings.batchTimeBudget(), clock, fetcher);
    }

    private record Work(ConsumerRecord<String, byte[]> record, @Nullable UrlRequest request, @Nullable String error) {}

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        Instant deadline = clock.instant().plus(batchTimeBudget);
        var work = new ArrayList<Work>(batch.size());
        for (var record : batch) {
            try {
                work.add(new Work(record, codec.decode(record.value(), UrlRequest.class), null));
            } catch (RecordFormatException e) {
                work.add(new Work(record, null, e.getMessage()));
            }
        }
        var results = new ArrayList<@Nullable Future<PageIngestor.Ingested>>(work.size());
        for (int i = 0; i < work.size(); i++) {
            results.add(null);
        }
        // Higher priority first: the fair semaphore hands out fetch slots in submission order.
        var order = IntStream.range(0, work.size()).boxed()
                .filter(i -> work.get(i).request() != null)
                .sorted(Comparator.comparingInt((Integer i) -> work.get(i).request().priority()).reversed())
                .toList();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i : order) {
                var item = work.get(i);
                var request = Objects.requireNonNull(item.request());
                String requestId = item.record().topic() + "-" + item.record().partition() + "@" + item.record().offset();
                results.set(i, executor.submit(() -> {
                    fetchSlots.acquire();
                    try {
                        return ingestor.ingest(request, requestId, deadline);
                    } finally {
                        fetchSlots.release();
                    }
                }));
            }
        } // waits for every task
        var out = new ArrayList<ProducerRecord<String, byte[]>>(batch.size() * 2);
        for (int i = 0; i < work.size(); i++) {
            var item = work.get(i);
            var result = results.get(i);
            if (result == null) {
                out.add(StageLoop.deadLetter(STAGE, item.record(), Objects.requireNonNull(item.error()), 1));
                continue;
            }
            PageIngestor.Ingested ingested;
            try {
                ingested = result.get();
            } catch (ExecutionException e) {
                out.add(StageLoop.deadLetter(STAGE, item.record(), "unexpected failure: " + e.getCause(), 1));
                continue;
            } catch (InterruptedException | CancellationException e) {
                // Stopping: nothing of this batch is produced or committed; it is handled again after a restart.
                Thread.currentThread().interrupt();
                throw new TransientStageException("interrupted while fetching the batch", e);
            }
            switch (ingested) {
                case PageIngestor.Ingested.Done done -> {
                    done.article().ifPresent(article ->
                            out.add(new ProducerRecord<>(Topics.ARTICLES_RAW, article.id(), codec.encode(article))));
                    out.add(new ProducerRecord<>(Topics.FETCH_STATUS, done.key(), codec.encode(done.status())));
                    log.info("{} {}: {}", done.status().outcome().wireName(), done.key(), done.status().reason());
                }
                case PageIngestor.Ingested.Deferred deferred -> {
                    out.add(new ProducerRecord<>(Topics.URLS, item.record().key(), item.record().value()));
                    log.debug("deferred {}: {}", deferred.key(), deferred.reason());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (IOException e) {
                log.warn("closing the page fetcher: {}", e.toString());
            }
        }
    }
}
