package io.outsight.core.kafka;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-process-produce loop of a stage: poll a batch, let the {@link BatchHandler} turn it into records to
 * produce, wait until Kafka acknowledged all of them, then commit the batch's offsets. A crash therefore never
 * loses a record (it is processed again after a restart).
 *
 * <p>In {@linkplain #transactional transactional} mode the outputs and the consumed offsets are committed in one
 * Kafka transaction instead, so readers with {@code isolation.level=read_committed} see each output exactly once,
 * even when the stage crashes mid-batch and replays it.
 *
 * <p>With an {@link OverlappingBatchHandler} (the index stage) the loop starts the next batch before it finishes the
 * last one and commits its offsets, so that the handler's work goes on while a batch is committed and the next
 * polled; offsets are still committed in order, each after its batch finished.
 *
 * <p>A {@link TransientStageException} or a failed send rewinds to the batch's first offsets and retries after a
 * backoff. Any other exception from the handler is a bug or bad data that the handler did not classify: every
 * record of the batch then goes to {@link Topics#ARTICLES_DLQ} with the reason, and the loop goes on.
 *
 * <p>Counters ({@link #consumed()}, {@link #succeeded()}, {@link #produced()}, {@link #deadLettered()}) move only
 * once a batch is committed, so a batch that is retried is counted once. Dead letters are counted apart from the
 * outputs, so neither count passes one for the other.
 *
 * <p>Runs on one thread ({@link #run()}); {@link #close()} and the counters may be called from any thread.
 */
public final class StageLoop implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StageLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /**
     * How long a poll waits for records while a batch is in flight: briefly, so that a batch is finished at most that
     * much later for want of records. Not waiting at all made the loop finish the batch, waiting for its answers with
     * no next batch started, whenever the consumer's next fetch was still under way: the index sink then had nothing
     * to send until the answers came and the next batch was polled and placed (in the sink benchmark it reached
     * 0.65-0.73 of raw bulk's rate that way, 0.75-0.81 with this wait).
     */
    private static final Duration IN_FLIGHT_POLL_TIMEOUT = Duration.ofMillis(100);
    /**
     * The slices that wait is polled in, looking between them whether the batch in flight is answered: then it is
     * finished at once. Waiting out the whole wait kept the last batch of a burst uncommitted up to 100 ms after its
     * answers came (7-118 ms at the end of each round of the sink benchmark).
     */
    private static final Duration IN_FLIGHT_POLL_SLICE = Duration.ofMillis(10);
    private static final RecordCodec CODEC = new RecordCodec();

    private final String stage;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Collection<String> topics;
    private final BatchHandler handler;
    private final Backoff backoff;
    private final boolean transactional;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Set by the first of {@link #run} and {@link #close}: a loop runs once, and one closed first never runs. */
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong consumed = new AtomicLong();
    /** Notified when a batch was counted and when the loop stops ({@link #awaitConsumed}). */
    private final Object progress = new Object();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    /** The batch started and not yet completed, for an {@link OverlappingBatchHandler}; the loop's thread only. */
    private @Nullable Batch inFlight;

    /**
     * Implemented by a handler that knows which records of a batch succeeded better than "not sent to the DLQ":
     * the index stage, whose success is a document Elasticsearch stored (not an older version it already had), or
     * the ingest stage, whose success is a page fetched (not a fetch that failed with a status). Without it, the
     * loop counts as succeeded every record of a batch that did not become a dead letter.
     */
    public interface SuccessCount {
        /**
         * How many records of the batch that {@link BatchHandler#handle} last returned for succeeded; read on the
         * loop's thread right after that call returned normally, and counted once the batch commits.
         */
        long lastBatchSucceeded();
    }

    /**
     * Implemented by a handler that can work more cheaply while its loop is the only consumer of its topics: the
     * index stage, which is then its index's only writer and can keep in memory what the index holds. Called on the
     * loop's thread (within a poll, never during a batch).
     */
    public interface SoleConsumerAware {
        /**
         * After a rebalance, whether this consumer now holds every partition of the loop's topics; false as soon as
         * it loses or gives up any (another consumer may write meanwhile), even if it gets them all back later.
         */
        void soleConsumer(boolean holdsEveryPartition);
    }

    /**
     * An at-least-once loop: offsets are committed after the outputs were acknowledged.
     *
     * @param stage the stage name used in dead letters and logs (ingest, enrich, index)
     * @param consumer owned by this loop and closed by it
     * @param producer shared; not closed by this loop
     */
    public StageLoop(String stage, Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            Collection<String> topics, BatchHandler handler, Backoff backoff) {
        this(stage, consumer, producer, topics, handler, backoff, false);
    }

    /**
     * An exactly-once loop: outputs and offsets commit in one transaction.
     *
     * @param producer transactional ({@code initTransactions()} done), owned by this loop and closed by it
     */
    public static StageLoop transactional(String stage, Consumer<String, byte[]> consumer,
            Producer<String, byte[]> producer, Collection<String> topics, BatchHandler handler, Backoff backoff) {
        return new StageLoop(stage, consumer, producer, topics, handler, backoff, true);
    }

    private StageLoop(String stage, Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            Collection<String> topics, BatchHandler handler, Backoff backoff, boolean transactional) {
        this.transactional = transactional;
        this.stage = Objects.requireNonNull(stage, "stage");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = List.copyOf(topics);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            return; // closed before it ran (its clients are closed), or run already
        }
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Commit the batch in flight while this consumer still owns its partitions (called within poll).
                    finishInFlight();
                    if (!partitions.isEmpty() && handler instanceof SoleConsumerAware aware) {
                        aware.soleConsumer(false);
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    log.info("{}: assigned {}", stage, partitions);
                    if (handler instanceof SoleConsumerAware aware) {
                        aware.soleConsumer(holdsEveryPartition());
                    }
                    assigned.countDown();
                }
            });
            int failures = 0;
            while (running.get()) {
                // While a batch is in flight, wait for records only briefly: finish it if there are none by then,
                // or as soon as it is answered.
                var records = inFlight == null ? consumer.poll(POLL_TIMEOUT) : pollBeside(inFlight);
                Batch earlier = inFlight; // null if a revocation during the poll committed it
                Batch next = records.isEmpty() ? null : start(records);
                inFlight = next; // from here on, what a stop waits for
                boolean committed = false;
                if (earlier != null) {
                    // Completed only now, after the next batch started: the handler's work went on meanwhile.
                    if (!complete(earlier)) {
                        // The next batch was started after this one: both go again, from this one's first records.
                        inFlight = null;
                        if (next != null) {
                            next.settle();
                        }
                        rewind(earlier, next);
                        pause(backoff.delay(failures++));
                        continue;
                    }
                    committed = true;
                }
                if (next != null && (next.failedToStart || !(handler instanceof OverlappingBatchHandler))) {
                    inFlight = null;
                    if (!complete(next)) {
                        rewind(next, null);
                        pause(backoff.delay(failures++));
                        continue;
                    }
                    committed = true;
                }
                if (committed) {
                    failures = 0;
                }
            }
            finishInFlight();
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
            settleInFlight();
        } finally {
            closeClients();
            stopped.countDown();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /**
     * Polls for up to {@link #IN_FLIGHT_POLL_TIMEOUT} while {@code batch} is in flight, returning as soon as records
     * come, the batch is answered (nothing is then gained by waiting to start a next batch beside it) or a revocation
     * during a poll finished it.
     */
    private ConsumerRecords<String, byte[]> pollBeside(Batch batch) {
        long deadline = System.nanoTime() + IN_FLIGHT_POLL_TIMEOUT.toNanos();
        while (true) {
            var records = consumer.poll(IN_FLIGHT_POLL_SLICE);
            if (!records.isEmpty() || inFlight != batch || batch.answered() || System.nanoTime() >= deadline) {
                return records;
            }
        }
    }

    /**
     * On a normal stop or before partitions are revoked: the batch still in flight is finished and committed, as
     * any other; if that fails, it is rewound, to be replayed by whoever then owns its partitions.
     */
    private void finishInFlight() {
        Batch last = inFlight;
        inFlight = null;
        if (last != null && !complete(last)) {
            rewind(last, null);
        }
    }

    /** Whether the consumer holds every partition of the loop's topics (false when Kafka cannot say now). */
    private boolean holdsEveryPartition() {
        try {
            var held = consumer.assignment();
            for (String topic : topics) {
                var partitions = consumer.partitionsFor(topic);
                if (partitions == null || partitions.isEmpty()) {
                    return false;
                }
                for (var partition : partitions) {
                    if (!held.contains(new TopicPartition(topic, partition.partition()))) {
                        return false;
                    }
                }
            }
            return !topics.isEmpty();
        } catch (KafkaException e) {
            log.warn("{}: could not tell whether this consumer holds every partition: {}", stage, e.getMessage());
            return false;
        }
    }

    /** On a stop that interrupted a commit: the batch in flight is left to be replayed, but its work is waited for. */
    private void settleInFlight() {
        Batch last = inFlight;
        inFlight = null;
        if (last != null) {
            last.settle();
        }
    }

    /** The consumer, and the producer when it is the loop's own (transactional); a shared one is its owner's. */
    private void closeClients() {
        // Leaving even as a static member (group.instance.id), which by default stays in the group until its session
        // times out, its partitions with it: a loop that stops hands them on now; one that dies, its successor takes.
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (transactional) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Starts processing a batch: all of it for a plain handler, which then only needs its outputs produced and its
     * offsets committed; the sending for an {@link OverlappingBatchHandler}.
     */
    private Batch start(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
        records.forEach(polled::add);
        var batch = new Batch(polled);
        try {
            if (handler instanceof OverlappingBatchHandler overlapping) {
                batch.started = overlapping.start(batch.records);
            } else {
                batch.outputs = handler.handle(batch.records);
                batch.succeeded = handler instanceof SuccessCount count ? count.lastBatchSucceeded() : -1;
            }
        } catch (TransientStageException e) {
            batch.failedToStart = true;
            warnTransient(batch, e);
        } catch (RuntimeException e) {
            deadLetterAll(batch, e);
        }
        return batch;
    }

    /** Finishes a started batch, produces its outputs and commits it; false when it must be retried. */
    private boolean complete(Batch batch) {
        if (batch.failedToStart) {
            return false;
        }
        if (batch.started != null) {
            try {
                batch.outputs = batch.started.finish();
                batch.succeeded = batch.started.succeeded();
            } catch (TransientStageException e) {
                warnTransient(batch, e);
                return false;
            } catch (RuntimeException e) {
                deadLetterAll(batch, e);
            }
        }
        var outputs = Objects.requireNonNull(batch.outputs, "outputs");
        try {
            if (transactional) {
                produceInTransaction(outputs, batch.records);
            } else {
                produceAndWait(outputs);
                consumer.commitSync(nextOffsets(batch.records));
            }
        } catch (ProducerFencedException e) {
            // Another instance took over this loop's transactional id: this one must stop, not retry. (An
            // InvalidProducerEpochException is not that: the coordinator aborted a transaction that outlived
            // transaction.timeout.ms, and aborting on this side recovers the producer; it is retried below.)
            log.error("{}: fenced by another instance; stopping: {}", stage, e.toString());
            running.set(false);
            return false;
        } catch (WakeupException e) {
            // close() interrupted the offset commit: the loop is stopping, and the batch, uncommitted, goes to the
            // partitions' next owner (writes are idempotent). Not a failure to retry or to warn about.
            abortQuietly();
            throw e;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn("{}: producing results of {} failed, will retry: {}", stage, describe(batch.records),
                    e.toString());
            abortQuietly();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortQuietly();
            running.set(false);
            return false;
        }
        count(batch.records.size(), outputs, batch.succeeded);
        return true;
    }

    private void warnTransient(Batch batch, TransientStageException e) {
        log.warn("{}: transient failure on {} records from {}, will retry: {}", stage, batch.records.size(),
                describe(batch.records), e.getMessage());
    }

    private void deadLetterAll(Batch batch, RuntimeException e) {
        log.error("{}: unexpected failure on {} records from {}; sending them to the DLQ", stage, batch.records.size(),
                describe(batch.records), e);
        batch.outputs = deadLetters(batch.records, e);
        batch.succeeded = 0;
        batch.started = null;
    }

    /** Counts a committed batch; {@code batchSucceeded} -1: every record not dead-lettered succeeded. */
    private void count(int batchSize, List<ProducerRecord<String, byte[]>> outputs, long batchSucceeded) {
        long letters = outputs.stream().filter(o -> o.topic().equals(Topics.ARTICLES_DLQ)).count();
        produced.addAndGet(outputs.size() - letters);
        deadLettered.addAndGet(letters);
        succeeded.addAndGet(batchSucceeded >= 0 ? batchSucceeded : Math.max(0, batchSize - letters));
        consumed.addAndGet(batchSize); // last: whoever sees a batch consumed sees its other counts too
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void produceAndWait(List<ProducerRecord<String, byte[]>> outputs)
            throws ExecutionException, TimeoutException, InterruptedException {
        var sends = new ArrayList<Future<RecordMetadata>>(outputs.size());
        for (var output : outputs) {
            sends.add(producer.send(output));
        }
        producer.flush();
        for (var send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
    }

    private void produceInTransaction(List<ProducerRecord<String, byte[]>> outputs,
            List<ConsumerRecord<String, byte[]>> batch) {
        producer.beginTransaction();
        for (var output : outputs) {
            producer.send(output);
        }
        producer.sendOffsetsToTransaction(nextOffsets(batch), consumer.groupMetadata());
        producer.commitTransaction(); // throws if any send failed; the transaction is then aborted below
    }

    private void abortQuietly() {
        if (!transactional) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("{}: aborting the transaction failed: {}", stage, e.toString());
        }
    }

    private List<ProducerRecord<String, byte[]>> deadLetters(List<ConsumerRecord<String, byte[]>> batch,
            RuntimeException e) {
        var letters = new ArrayList<ProducerRecord<String, byte[]>>(batch.size());
        for (var record : batch) {
            letters.add(deadLetter(stage, record, e.getClass().getSimpleName() + ": " + e.getMessage(), 1));
        }
        return letters;
    }

    /** A dead-letter record for one consumed record, keeping its key, position and payload. */
    public static ProducerRecord<String, byte[]> deadLetter(String stage, ConsumerRecord<String, byte[]> record,
            String reason, int attempts) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        var letter = new DeadLetter(record.key(), stage, reason, attempts, Instant.now(), record.topic(),
                record.partition(), record.offset(), payload);
        return new ProducerRecord<>(Topics.ARTICLES_DLQ, record.key(), CODEC.encode(letter));
    }

    /** Seeks back to the first records of a failed batch and of the batch started after it, if any. */
    private void rewind(Batch failed, @Nullable Batch later) {
        var first = new HashMap<TopicPartition, Long>();
        for (Batch batch : later == null ? List.of(failed) : List.of(failed, later)) {
            for (var record : batch.records) {
                first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
            }
        }
        // Only partitions still assigned: after a rebalance the others are their new owner's to replay.
        var assigned = consumer.assignment();
        first.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
        var next = new HashMap<TopicPartition, OffsetAndMetadata>();
        for (var record : batch) {
            next.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return next;
    }

    private static String describe(List<ConsumerRecord<String, byte[]>> batch) {
        var first = batch.getFirst();
        return first.topic() + "-" + first.partition() + "@" + first.offset();
    }

    private void pause(Duration delay) {
        try {
            // Backoff between retries of a failing batch; woken early by close().
            stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Waits until the consumer joined its group and got partitions. */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until at least {@code records} were read in committed batches, the loop stopped or the timeout passed,
     * woken by each batch counted: a caller waiting for a stream's end (the sink benchmark's timing) neither polls
     * nor learns of the end a polling interval late.
     *
     * @return whether that many records were consumed
     */
    public boolean awaitConsumed(long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (consumed.get() < records) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopped.getCount() == 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /** Records read, in committed batches. */
    public long consumed() {
        return consumed.get();
    }

    /**
     * Records read that the stage completed: as its handler reports them ({@link SuccessCount}), else those of
     * each batch that did not become dead letters.
     */
    public long succeeded() {
        return succeeded.get();
    }

    /** Records produced to the stage's output topics; dead letters are not outputs (see {@link #deadLettered()}). */
    public long produced() {
        return produced.get();
    }

    /** Records sent to {@link Topics#ARTICLES_DLQ}. */
    public long deadLettered() {
        return deadLettered.get();
    }

    public String stage() {
        return stage;
    }

    /** One polled batch on its way through the loop; touched by the loop's thread only. */
    private static final class Batch {
        final List<ConsumerRecord<String, byte[]>> records;
        /** Set while an {@link OverlappingBatchHandler}'s batch is started and not finished. */
        OverlappingBatchHandler.@Nullable Started started;
        /** What to produce for the batch, once known. */
        @Nullable List<ProducerRecord<String, byte[]>> outputs;
        long succeeded = -1;
        boolean failedToStart;

        Batch(List<ConsumerRecord<String, byte[]>> records) {
            this.records = records;
        }

        /** Whether finishing the batch would wait for nothing (a batch not started by the handler never waits). */
        boolean answered() {
            return started == null || started.answered();
        }

        /** Waits until the handler is done with the batch, whatever the outcome (the batch is replayed). */
        void settle() {
            if (started == null) {
                return;
            }
            try {
                started.finish();
            } catch (TransientStageException | RuntimeException e) {
                log.debug("a batch to be replayed ended with {}", e.toString());
            }
            started = null;
        }
    }

    /**
     * Stops the loop after the current batch and waits for the consumer to close; closes the clients at once if the
     * loop never ran (a pipeline whose start failed half-way), where nothing else would.
     */
    @Override
    public void close() {
        running.set(false);
        if (started.compareAndSet(false, true)) {
            closeClients();
            stopped.countDown();
            return;
        }
        consumer.wakeup();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
