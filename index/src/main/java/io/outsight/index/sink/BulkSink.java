package io.outsight.index.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documents to one index or alias through the official client's {@link BulkIngester} and reports, for each
 * document, what Elasticsearch answered. {@link #write} returns only when every document of the call has an
 * outcome, so a caller can commit its input afterwards and know nothing is in flight.
 *
 * <p>Each document is indexed under its id with an external version, so a document replayed after a failure, or an
 * older record arriving late, never replaces a newer one (Elasticsearch answers a version conflict, reported as
 * {@link BulkOutcome.Stale}). Writes to an alias require the alias to exist, so a missing alias is a retryable
 * failure rather than an index that Elasticsearch creates on the fly with guessed mappings.
 *
 * <p>Memory is bounded: the ingester holds at most one request's worth of documents plus
 * {@link BulkSettings#maxConcurrentRequests()} requests in flight, and adding blocks beyond that.
 *
 * <p>Calls to {@link #write} and batches must not overlap (one per stage thread); {@link #close} may come from any
 * thread.
 */
public final class BulkSink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BulkSink.class);

    private final ElasticsearchClient es;
    private final String target;
    private final BulkSettings settings;
    private final BulkIngester<CompletableFuture<BulkOutcome>> ingester;

    /**
     * @param target the alias (or, with {@code targetIsAlias} false, the concrete index) to write to
     * @param targetIsAlias whether {@code target} must be an existing alias
     */
    public BulkSink(ElasticsearchClient es, String target, boolean targetIsAlias, BulkSettings settings) {
        this.es = Objects.requireNonNull(es, "es");
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ingester = BulkIngester.of(b -> b.client(es)
                .maxOperations(settings.maxOperations())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.maxConcurrentRequests())
                .globalSettings(g -> g.index(target).requireAlias(targetIsAlias))
                .listener(new OutcomeListener()));
    }

    public String target() {
        return target;
    }

    /** The client the sink writes with, for lookups against the same cluster (it stays the caller's to close). */
    ElasticsearchClient client() {
        return es;
    }

    /**
     * Sends the documents and waits until Elasticsearch answered for each (at most {@link BulkSettings#ackTimeout()}).
     *
     * @return one outcome per document, in order; documents without an answer in time are {@link BulkOutcome.Retry}
     */
    public List<BulkOutcome> write(List<IndexDocument> documents) throws InterruptedException {
        Objects.requireNonNull(documents, "documents");
        var batch = batch();
        documents.forEach(batch::add);
        return batch.complete();
    }

    /**
     * Starts a batch whose documents are sent as they are added, so preparing the next documents overlaps with the
     * requests already in flight. At most one batch at a time.
     */
    public Batch batch() {
        return new Batch();
    }

    /** Documents sent together; {@link #complete()} waits for all their outcomes. Not thread-safe. */
    public final class Batch {
        private final List<CompletableFuture<BulkOutcome>> pending = new ArrayList<>();

        private Batch() {}

        /** Queues one document; blocks while the buffer is full and the maximum of requests is in flight. */
        public void add(IndexDocument document) {
            Objects.requireNonNull(document, "document");
            var outcome = new CompletableFuture<BulkOutcome>();
            pending.add(outcome);
            BinaryData source = BinaryData.of(document.json(), ContentType.APPLICATION_JSON);
            ingester.add(BulkOperation.of(op -> op.index(i -> i.id(document.id()).version(document.version())
                    .versionType(settings.versionType()).document(source))), outcome);
        }

        public int size() {
            return pending.size();
        }

        /** Sends what is still buffered and waits for every outcome, in the order the documents were added. */
        public List<BulkOutcome> complete() throws InterruptedException {
            ingester.flush();
            long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
            var outcomes = new ArrayList<BulkOutcome>(pending.size());
            for (var outcome : pending) {
                outcomes.add(await(outcome, deadline));
            }
            return outcomes;
        }
    }

    private BulkOutcome await(CompletableFuture<BulkOutcome> outcome, long deadline) throws InterruptedException {
        try {
            return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new BulkOutcome.Retry("no answer from Elasticsearch within " + settings.ackTimeout().toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            // The listener only completes normally; keep the batch safe if that ever changes.
            return new BulkOutcome.Retry(String.valueOf(e.getCause()));
        }
    }

    /** Waits for the requests in flight and stops the ingester's threads. */
    @Override
    public void close() {
        ingester.close();
    }

    /** Turns each answer (or failure) of a bulk request into the outcomes of its documents. */
    private final class OutcomeListener implements BulkListener<CompletableFuture<BulkOutcome>> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkOutcome>> contexts) {}

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkOutcome>> contexts,
                BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                if (i >= items.size()) {
                    contexts.get(i).complete(new BulkOutcome.Retry("Elasticsearch answered " + items.size()
                            + " items for " + contexts.size() + " operations"));
                    continue;
                }
                BulkResponseItem item = items.get(i);
                var error = item.error();
                contexts.get(i).complete(BulkOutcome.of(item.status(), error == null ? null : error.type(),
                        error == null ? null : error.reason()));
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<BulkOutcome>> contexts,
                Throwable failure) {
            // The request as a whole failed: connection lost or refused, timeout, or an error status for the whole
            // request (429, 5xx, or a 4xx such as a missing alias). None of it says anything about single documents.
            String reason = "bulk request to " + target + " failed: " + failure;
            log.warn("{} ({} documents will be sent again)", reason, contexts.size());
            var retry = new BulkOutcome.Retry(reason);
            contexts.forEach(c -> c.complete(retry));
        }
    }
}
