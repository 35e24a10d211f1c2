package io.outsight.index.rebuild;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.RawArticle;
import io.outsight.index.dedup.ClusterAssigner;
import io.outsight.index.dedup.ClusterAssignment;
import io.outsight.index.dedup.ClusterFields;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.sink.BulkOutcome;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexDocument;
import io.outsight.index.sink.IndexHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-tags every article: replays the raw topic through an enricher into version N+1 of the index, then moves the
 * alias there in one atomic update. Until the swap every search (and the live index stage) uses version N, so
 * searches keep answering throughout. Records that reach the raw topic during the build are replayed once more
 * after the swap, so the new version misses nothing the old one had; external versions (enrichment time) keep
 * the newest enrichment of each article whatever writes overlap.
 *
 * <p>If the build fails, the alias is left alone and the unfinished index is deleted. The previous version is
 * kept after a successful swap, for a rollback; {@link RebuildReport#previousIndex()} names it.
 *
 * <p>Reads the raw topic with its own consumer and no consumer group, so it neither disturbs nor depends on the
 * running stages. One rebuild at a time per alias; not thread-safe.
 */
public final class Reprocessor {
    private static final Logger log = LoggerFactory.getLogger(Reprocessor.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int MAX_ATTEMPTS = 8;

    private final ElasticsearchClient es;
    private final KafkaClients kafka;
    private final IndexLayout layout;
    private final BulkSettings settings;
    private final RecordCodec codec;
    private final String rawTopic;
    private final Backoff backoff;

    public Reprocessor(ElasticsearchClient es, KafkaClients kafka, IndexLayout layout, BulkSettings settings,
            RecordCodec codec) {
        this(es, kafka, layout, settings, codec, Topics.ARTICLES_RAW, Backoff.DEFAULT);
    }

    /** As above, reading another topic and retrying with another backoff (tests). */
    public Reprocessor(ElasticsearchClient es, KafkaClients kafka, IndexLayout layout, BulkSettings settings,
            RecordCodec codec, String rawTopic, Backoff backoff) {
        this.es = Objects.requireNonNull(es, "es");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.rawTopic = Objects.requireNonNull(rawTopic, "rawTopic");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Builds the next version with {@code enricher} and swaps the alias to it.
     *
     * @param enricher the current enricher; an exception from it skips that article (logged, counted)
     * @param progress told what happens, a line at a time
     * @throws IOException if Elasticsearch failed for good; the alias is then unchanged
     */
    public RebuildReport run(Function<RawArticle, EnrichedArticle> enricher, Consumer<String> progress)
            throws IOException, InterruptedException {
        Objects.requireNonNull(enricher, "enricher");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        layout.ensure();
        String previous = layout.currentIndex().orElse(null);
        String next = layout.versionedIndex(layout.nextVersion());
        layout.createVersion(next);
        progress.accept("building " + next + " from " + rawTopic + " (searches use " + previous + " meanwhile)");
        var counts = new Counts();
        boolean swapped = false;
        try (var consumer = kafka.consumer("outsight-reprocess-unused", "outsight-reprocess", 500);
                var sink = new BulkSink(es, next, false, settings);
                var clusters = new ClusterAssigner(es, next)) {
            List<TopicPartition> partitions = consumer.partitionsFor(rawTopic).stream()
                    .map(p -> new TopicPartition(rawTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Until the new version is complete it is not searched: skip refreshes, which speeds the build up.
            setRefreshInterval(next, "-1");
            Map<TopicPartition, Long> buildEnd = consumer.endOffsets(partitions);
            // Until the alias moves, nothing else writes to the new version: its clustering may keep a filter of what
            // it holds instead of searching every article.
            clusters.writesAlone(true);
            replayUntil(consumer, buildEnd, enricher, sink, clusters, counts, progress);
            // A poll may have read past the end of this pass; the catch-up pass starts exactly there.
            buildEnd.forEach(consumer::seek);
            setRefreshInterval(next, templateRefreshInterval());
            es.indices().refresh(r -> r.index(next));
            clusters.writesAlone(false); // the live index stage writes to it too from the swap on
            layout.swapAlias(next);
            swapped = true;
            progress.accept("alias " + layout.alias() + " now points at " + next + " (" + counts.indexed
                    + " articles)");
            long beforeCatchUp = counts.records;
            Map<TopicPartition, Long> catchUpEnd = consumer.endOffsets(partitions);
            replayUntil(consumer, catchUpEnd, enricher, sink, clusters, counts, progress);
            long caughtUp = counts.records - beforeCatchUp;
            if (caughtUp > 0) {
                progress.accept("replayed " + caughtUp + " raw records that arrived during the build");
            }
            return new RebuildReport(previous, next, counts.records, counts.indexed, counts.skipped, caughtUp,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!swapped) {
                deleteQuietly(next);
            }
            throw e;
        }
    }

    private void replayUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end,
            Function<RawArticle, EnrichedArticle> enricher, BulkSink sink, ClusterAssigner clusters,
            Counts counts, Consumer<String> progress) throws IOException, InterruptedException {
        long lastReport = System.nanoTime();
        while (!reached(consumer, end)) {
            var articles = new ArrayList<EnrichedArticle>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                var position = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.getOrDefault(position, 0L)) {
                    continue; // beyond this pass: the next pass (or the live stages) takes it
                }
                counts.records++;
                enrich(record, enricher, counts).ifPresent(articles::add);
            }
            // Syndicated copies are clustered anew in the new version, as the live sink does (first indexed wins).
            clusters.startBatch();
            Map<String, ClusterAssignment> assignments = clusters.assign(
                    articles.stream().map(EnrichedSummary::of).toList());
            var documents = new ArrayList<IndexDocument>(articles.size());
            for (EnrichedArticle article : articles) {
                byte[] json = codec.encode(article);
                ClusterAssignment assignment = assignments.get(article.id());
                documents.add(new IndexDocument(article.id(), IndexHandler.versionOf(article),
                        assignment == null ? json : ClusterFields.addTo(json, assignment)));
            }
            clusters.remember(write(sink, documents, counts));
            // Refreshes are off during the build: the assigner refreshes the new version itself before its memory of
            // recent articles overflows, so earlier articles stay findable.
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                progress.accept(counts.records + " raw records read, " + counts.indexed + " articles indexed");
                lastReport = System.nanoTime();
            }
        }
    }

    private java.util.Optional<EnrichedArticle> enrich(ConsumerRecord<String, byte[]> record,
            Function<RawArticle, EnrichedArticle> enricher, Counts counts) {
        if (record.value() == null) {
            return java.util.Optional.empty(); // a compaction tombstone: the article was removed
        }
        try {
            return java.util.Optional.of(enricher.apply(codec.decode(record.value(), RawArticle.class)));
        } catch (RecordFormatException e) {
            log.warn("{}-{}@{} ({}): skipped, not a raw article: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{}-{}@{} ({}): skipped, enrichment failed", record.topic(), record.partition(), record.offset(),
                    record.key(), e);
        }
        counts.skipped++;
        return java.util.Optional.empty();
    }

    /**
     * Writes documents, resending those that failed transiently with backoff, and gives up after a while.
     *
     * @return the ids Elasticsearch holds now (written, or already there in a newer version)
     */
    private List<String> write(BulkSink sink, List<IndexDocument> documents, Counts counts)
            throws IOException, InterruptedException {
        var stored = new ArrayList<String>(documents.size());
        List<IndexDocument> pending = documents;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<BulkOutcome> outcomes = sink.write(pending);
            var again = new ArrayList<IndexDocument>();
            String lastReason = "";
            for (int i = 0; i < outcomes.size(); i++) {
                switch (outcomes.get(i)) {
                    case BulkOutcome.Written w -> {
                        counts.indexed++;
                        stored.add(pending.get(i).id());
                    }
                    case BulkOutcome.Stale s -> { // a newer enrichment is already there
                        counts.indexed++;
                        stored.add(pending.get(i).id());
                    }
                    case BulkOutcome.Rejected r -> {
                        counts.skipped++;
                        log.warn("{}: Elasticsearch rejected the document: {}", pending.get(i).id(), r.reason());
                    }
                    case BulkOutcome.Retry r -> {
                        again.add(pending.get(i));
                        lastReason = r.reason();
                    }
                }
            }
            if (!again.isEmpty() && attempt + 1 >= MAX_ATTEMPTS) {
                throw new IOException("Elasticsearch kept failing (" + again.size() + " documents, " + MAX_ATTEMPTS
                        + " attempts): " + lastReason);
            }
            if (!again.isEmpty()) {
                Thread.sleep(backoff.delay(attempt).toMillis()); // backoff between attempts, not a wait for state
            }
            pending = again;
        }
        return stored;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void setRefreshInterval(String index, String interval) throws IOException {
        es.indices().putSettings(s -> s.index(index).settings(i -> i.refreshInterval(t -> t.time(interval))));
    }

    /** The refresh interval the template gives new indices (what a finished build goes back to). */
    static String templateRefreshInterval() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(IndexLayout.templateJson())
                    .path("template").path("settings").path("refresh_interval").asText("1s");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void deleteQuietly(String index) {
        try {
            es.indices().delete(d -> d.index(index));
            log.info("deleted the unfinished index {}", index);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete the unfinished index {}: {}", index, e.toString());
        }
    }

    private static final class Counts {
        long records;
        long indexed;
        long skipped;
    }
}
