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
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>A bulk request that fails as a whole is classified by {@link BulkOutcome#ofRequestFailure}: no answer, 408,
 * 429 or 5xx make its documents {@link BulkOutcome.Retry}; a refusal for good (400, 413, ...) is never retried as
 * it was. Its documents are sent again in halves, synchronously, until each is in a request Elasticsearch takes
 * (then its item answer counts) or alone in a refused one, which makes it {@link BulkOutcome.Rejected} with the
 * reason (a dead letter). One bad document, or a request too large, thus costs a few requests, not the stream.
 * Documents are sent as given, except that line breaks become spaces ({@link #singleLine}): a pretty-printed record
 * would otherwise break the newline-delimited body of every request it travels in.
 *
 * <p>A request goes when it is full, or, short of that, as soon as a place for a request in flight is free while no
 * documents are being added ({@link Batch#addAll}): then nothing else would fill it, and Elasticsearch would wait.
 * While every place is taken, the documents buffered wait for more to fill their request.
 *
 * <p>Memory is bounded: the ingester holds at most one request's worth of documents plus
 * {@link BulkSettings#maxConcurrentRequests()} requests in flight, and adding blocks beyond that.
 *
 * <p>Calls to {@link #write} and batches must not overlap (one per stage thread); {@link #close} may come from any
 * thread.
 */
public final class BulkSink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BulkSink.class);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;
    private static final long CARRIAGE_RETURNS = 0x0D0D0D0D0D0D0D0DL;

    private final ElasticsearchClient es;
    private final String target;
    private final boolean targetIsAlias;
    private final BulkSettings settings;
    private final BulkIngester<CompletableFuture<Answer>> ingester;
    /**
     * Held while documents are added and while {@link #sendRest} sends a short request, so that it never sends one
     * while more documents are coming, nor races the ingester's own sending of a full request (two threads sending
     * at once can leave the second a request with no documents).
     */
    private final ReentrantLock adding = new ReentrantLock();
    /**
     * The places for requests in flight as the listener sees them (a place is free as soon as its answer came), and
     * how long any stood free.
     */
    private final Places places;
    /** A permit per answer and per hand-over of documents: the moments a short request may have to go. */
    private final Semaphore sendRestWhen = new Semaphore(0);
    private final Thread restSender;

    /**
     * @param target the alias (or, with {@code targetIsAlias} false, the concrete index) to write to
     * @param targetIsAlias whether {@code target} must be an existing alias
     */
    public BulkSink(ElasticsearchClient es, String target, boolean targetIsAlias, BulkSettings settings) {
        this.es = Objects.requireNonNull(es, "es");
        this.target = Objects.requireNonNull(target, "target");
        this.targetIsAlias = targetIsAlias;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.places = new Places(settings.maxConcurrentRequests());
        this.ingester = BulkIngester.of(b -> b.client(es)
                .maxOperations(settings.maxOperations())
                .maxSize(settings.maxBytes())
                .maxConcurrentRequests(settings.maxConcurrentRequests())
                .globalSettings(g -> g.index(target).requireAlias(targetIsAlias))
                .listener(new OutcomeListener()));
        this.restSender = Thread.ofPlatform().name("bulk-rest-" + target).daemon().start(this::sendRestWhenFree);
    }

    public String target() {
        return target;
    }

    public BulkSettings settings() {
        return settings;
    }

    /** Bulk requests sent so far (the benchmark compares how full they are with raw bulk's). */
    public long requestsSent() {
        return ingester.requestCount();
    }

    /**
     * How long, in all, fewer than the most requests were in flight, from the first time the most were: the time
     * Elasticsearch had room for more than the sink gave it (the benchmark reports it). A stream's end, with a place
     * free until the next documents come, counts only once they came.
     */
    public Duration placeFreeTime() {
        return places.freeTime();
    }

    /** Documents added and not yet sent (the tests wait on it). */
    int buffered() {
        return ingester.pendingOperations();
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
        batch.addAll(documents);
        return batch.complete();
    }

    /**
     * Starts a batch whose documents are sent as they are added, so preparing the next documents overlaps with the
     * requests already in flight. Several batches may be open at once (the index stage starts one before the
     * previous one is answered): a request may carry documents of two, and each batch waits for its own.
     */
    public Batch batch() {
        return new Batch();
    }

    /** Documents sent together; {@link #complete()} waits for all their outcomes. Not thread-safe. */
    public final class Batch {
        private final List<IndexDocument> documents = new ArrayList<>();
        private final List<CompletableFuture<Answer>> pending = new ArrayList<>();
        /** How many of the first documents are known to have their answers ({@link #answered}). */
        private int answeredUpTo;

        private Batch() {}

        /**
         * Queues the documents; blocks while the buffer is full and the maximum of requests is in flight. Those that
         * do not fill a last request go as soon as a place for it is free, unless more documents fill it first.
         */
        public void addAll(List<IndexDocument> added) {
            adding.lock();
            try {
                for (IndexDocument document : added) {
                    var answer = new CompletableFuture<Answer>();
                    documents.add(Objects.requireNonNull(document, "document"));
                    pending.add(answer);
                    ingester.add(operation(document), answer);
                }
            } finally {
                adding.unlock();
            }
            sendRestWhen.release();
        }

        /** Whether every document added so far has its answer, so that {@link #complete()} waits for none. */
        public boolean answered() {
            while (answeredUpTo < pending.size() && pending.get(answeredUpTo).isDone()) {
                answeredUpTo++;
            }
            return answeredUpTo == pending.size();
        }

        /**
         * Waits for every outcome, in the order the documents were added. The documents of requests refused as a
         * whole are sent again in smaller requests before this returns.
         */
        public List<BulkOutcome> complete() throws InterruptedException {
            long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
            var outcomes = new ArrayList<BulkOutcome>(pending.size());
            // The positions of the documents of each refused request, by the ingester's execution id.
            var refused = new LinkedHashMap<Long, List<Integer>>();
            var reasons = new HashMap<Long, String>();
            for (int i = 0; i < pending.size(); i++) {
                switch (await(pending.get(i), deadline)) {
                    case Answer.Item item -> outcomes.add(item.outcome());
                    case Answer.Refused r -> {
                        outcomes.add(new BulkOutcome.Retry(r.reason())); // replaced below
                        refused.computeIfAbsent(r.executionId(), id -> new ArrayList<>()).add(i);
                        reasons.put(r.executionId(), r.reason());
                    }
                }
            }
            for (var request : refused.entrySet()) {
                List<Integer> positions = request.getValue();
                List<IndexDocument> sent = positions.stream().map(documents::get).toList();
                List<BulkOutcome> resent = split(sent, reasons.get(request.getKey()));
                for (int j = 0; j < positions.size(); j++) {
                    outcomes.set(positions.get(j), resent.get(j));
                }
            }
            return outcomes;
        }
    }

    /**
     * The rest sender's loop: at each answer and each hand-over, sends the documents buffered short of a full request
     * if a place is free and no documents are being added. Holding them until a batch is finished, for the next
     * batch's documents to fill their request, left Elasticsearch waiting with a place free while the stage thread
     * committed, polled and placed that next batch (in the sink benchmark, 0.4-1.0 s of each 4.8-9.2 s arm, and more
     * at the end of a stream).
     */
    private void sendRestWhenFree() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sendRestWhen.acquire();
                sendRest();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    private void sendRest() {
        if (!adding.tryLock()) {
            return; // documents are being added: they fill the request, or their hand-over calls again
        }
        try {
            if (ingester.pendingOperations() > 0 && places.anyFree()) {
                // Waits at most for the ingester to count the answer that freed the place (it does so just after
                // calling the listener); no one else sends meanwhile.
                ingester.flush();
            }
        } catch (RuntimeException e) {
            // The documents stay buffered, and go with the next full request, the next answer or the close.
            log.warn("could not send the last documents buffered for {}: {}", target, e.toString());
        } finally {
            adding.unlock();
        }
    }

    private BulkOperation operation(IndexDocument document) {
        BinaryData source = BinaryData.of(singleLine(document.json()), ContentType.APPLICATION_JSON);
        return BulkOperation.of(op -> op.index(i -> i.id(document.id()).version(document.version())
                .versionType(settings.versionType()).document(source)));
    }

    /**
     * The document on one line. A bulk body is newline-delimited, so a line break in a document (pretty-printed
     * JSON) would break the whole request, which Elasticsearch then refuses (400). In valid JSON a raw line break can
     * only be whitespace between tokens (inside a string it must be escaped, and UTF-8 never uses these bytes within
     * a multi-byte character), so it becomes a space and the document means the same.
     */
    static byte[] singleLine(byte[] json) {
        int first = firstLineBreak(json);
        if (first == json.length) {
            return json; // the usual case: records are written compact
        }
        byte[] line = json.clone();
        for (int i = first; i < line.length; i++) {
            if (line[i] == '\n' || line[i] == '\r') {
                line[i] = ' ';
            }
        }
        return line;
    }

    /**
     * The position of the first line feed or carriage return, or the length when there is none. Eight bytes are
     * tested at a time: the byte-by-byte loop was a third of the sender thread's samples in the sink benchmark.
     */
    static int firstLineBreak(byte[] json) {
        int i = 0;
        for (; i + Long.BYTES <= json.length; i += Long.BYTES) {
            long word = (long) LONGS.get(json, i);
            if (hasByte(word, LINE_FEEDS) || hasByte(word, CARRIAGE_RETURNS)) {
                break;
            }
        }
        for (; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                return i;
            }
        }
        return json.length;
    }

    /**
     * Whether a byte of the word equals the byte repeated in {@code repeated}: the classic test for a zero byte
     * ({@code (v - 0x01..) & ~v & 0x80..}, non-zero exactly when some byte of {@code v} is zero) applied to their
     * XOR. Which byte it is, the byte loop finds.
     */
    private static boolean hasByte(long word, long repeated) {
        long v = word ^ repeated;
        return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
    }

    /**
     * The outcomes of documents whose request Elasticsearch refused as a whole, found by sending each half in a
     * request of its own; a document refused alone is rejected with the reason.
     */
    private List<BulkOutcome> split(List<IndexDocument> documents, String reason) {
        if (documents.size() == 1) {
            return List.of(new BulkOutcome.Rejected("Elasticsearch refused the bulk request holding only this "
                    + "document: " + reason));
        }
        int half = documents.size() / 2;
        log.warn("a bulk request of {} documents to {} was refused as a whole ({}); sending them again in halves",
                documents.size(), target, reason);
        var outcomes = new ArrayList<BulkOutcome>(documents.size());
        outcomes.addAll(sendNow(documents.subList(0, half)));
        outcomes.addAll(sendNow(documents.subList(half, documents.size())));
        return outcomes;
    }

    /** Sends the documents in one request, on the calling thread, splitting it again if it is refused as a whole. */
    private List<BulkOutcome> sendNow(List<IndexDocument> documents) {
        var operations = documents.stream().map(this::operation).toList();
        BulkResponse response;
        try {
            response = es.bulk(b -> b.index(target).requireAlias(targetIsAlias).operations(operations));
        } catch (IOException | RuntimeException e) {
            return switch (BulkOutcome.ofRequestFailure(e)) {
                case BulkOutcome.Rejected r -> split(documents, r.reason());
                case BulkOutcome outcome -> Collections.nCopies(documents.size(), outcome);
            };
        }
        return outcomes(response, documents.size());
    }

    /** One outcome per operation of a request Elasticsearch answered. */
    private static List<BulkOutcome> outcomes(BulkResponse response, int operations) {
        List<BulkResponseItem> items = response.items();
        var outcomes = new ArrayList<BulkOutcome>(operations);
        for (int i = 0; i < operations; i++) {
            if (i >= items.size()) {
                outcomes.add(new BulkOutcome.Retry("Elasticsearch answered " + items.size() + " items for "
                        + operations + " operations"));
                continue;
            }
            BulkResponseItem item = items.get(i);
            var error = item.error();
            outcomes.add(BulkOutcome.of(item.status(), error == null ? null : error.type(),
                    error == null ? null : error.reason()));
        }
        return outcomes;
    }

    private Answer await(CompletableFuture<Answer> answer, long deadline) throws InterruptedException {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Answer.Item(new BulkOutcome.Retry("no answer from Elasticsearch within "
                    + settings.ackTimeout().toSeconds() + " s"));
        } catch (ExecutionException e) {
            // The listener only completes normally; keep the batch safe if that ever changes.
            return new Answer.Item(new BulkOutcome.Retry(String.valueOf(e.getCause())));
        }
    }

    /** The places for requests in flight, and how long any stood free. */
    private static final class Places {
        private final int most;
        private volatile int taken;
        private long freeSince;
        private long freeNanos;

        Places(int most) {
            this.most = most;
        }

        boolean anyFree() {
            return taken < most;
        }

        synchronized void take() {
            taken++;
            if (taken == most && freeSince != 0) {
                freeNanos += System.nanoTime() - freeSince;
            }
        }

        synchronized void free() {
            if (taken == most) {
                freeSince = System.nanoTime();
            }
            taken--;
        }

        synchronized Duration freeTime() {
            return Duration.ofNanos(freeNanos);
        }
    }

    /** What the ingester's listener learnt about one document. */
    private sealed interface Answer {
        /** Elasticsearch answered for the document, or its request failed in a way worth retrying as it is. */
        record Item(BulkOutcome outcome) implements Answer {}

        /** The document's request (execution {@code executionId}) was refused as a whole, for good. */
        record Refused(long executionId, String reason) implements Answer {}
    }

    /** Sends what is buffered, waits for the requests in flight and stops the sink's threads. */
    @Override
    public void close() {
        restSender.interrupt();
        adding.lock(); // not while the rest sender sends: two sending at once can make a request of no documents
        try {
            ingester.close();
        } finally {
            adding.unlock();
        }
    }

    /** Turns each answer (or failure) of a bulk request into the answers for its documents. */
    private final class OutcomeListener implements BulkListener<CompletableFuture<Answer>> {
        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<CompletableFuture<Answer>> contexts) {
            places.take(); // called as the request leaves the buffer, before it is sent
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<Answer>> contexts,
                BulkResponse response) {
            answered();
            List<BulkOutcome> outcomes = outcomes(response, contexts.size());
            for (int i = 0; i < contexts.size(); i++) {
                contexts.get(i).complete(new Answer.Item(outcomes.get(i)));
            }
        }

        /** A place for a request is free again: documents buffered short of a full request may go now. */
        private void answered() {
            places.free();
            sendRestWhen.release();
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<CompletableFuture<Answer>> contexts,
                Throwable failure) {
            // The request as a whole failed, which says nothing about single documents. Sending it again as it is
            // only helps when the failure may pass; a refusal for good is split by the batch's complete(), on the
            // stage thread rather than this callback's.
            answered();
            BulkOutcome classified = BulkOutcome.ofRequestFailure(failure);
            if (classified instanceof BulkOutcome.Rejected r) {
                var refused = new Answer.Refused(executionId, "bulk request to " + target + " refused: " + r.reason());
                contexts.forEach(c -> c.complete(refused));
                return;
            }
            String reason = "bulk request to " + target + " failed: "
                    + (classified instanceof BulkOutcome.Retry retry ? retry.reason() : String.valueOf(failure));
            log.warn("{} ({} documents will be sent again)", reason, contexts.size());
            var again = new Answer.Item(new BulkOutcome.Retry(reason));
            contexts.forEach(c -> c.complete(again));
        }
    }
}
