package io.outsight.core.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.junit.jupiter.api.Test;

/** The loop's commit discipline, on Kafka's in-memory client doubles (the real broker is exercised by the ITs). */
class StageLoopTest {
    private static final String IN = "in";
    private static final TopicPartition P0 = new TopicPartition(IN, 0);
    private static final Backoff NO_WAIT = new Backoff(Duration.ZERO, Duration.ZERO);

    private final RevokingConsumer consumer = new RevokingConsumer();

    /** The in-memory consumer, calling the rebalance listener as Kafka does (the mock's own rebalance does not). */
    private static final class RevokingConsumer extends MockConsumer<String, byte[]> {
        private org.apache.kafka.clients.consumer.@org.jspecify.annotations.Nullable ConsumerRebalanceListener listener;
        /** The committed offset of P0 right after each revocation's callback returned. */
        final List<Long> committedWhenRevoked = new java.util.concurrent.CopyOnWriteArrayList<>();
        /**
         * Records of a fetch still under way: the next poll that waits at all gets them, one that does not wait
         * finds nothing (the in-memory consumer otherwise has every record at once).
         */
        final java.util.Queue<ConsumerRecord<String, byte[]>> arriving =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        /** The timeout of every poll, in order. */
        final List<Duration> timeouts = new java.util.concurrent.CopyOnWriteArrayList<>();

        @SuppressWarnings("deprecation") // the String-strategy constructor is the one available in 4.x clients
        RevokingConsumer() {
            super(OffsetResetStrategy.EARLIEST.name().toLowerCase());
        }

        @Override
        public synchronized void subscribe(java.util.Collection<String> topics,
                org.apache.kafka.clients.consumer.ConsumerRebalanceListener listener) {
            super.subscribe(topics, listener);
            this.listener = listener;
        }

        @Override
        public synchronized org.apache.kafka.clients.consumer.ConsumerRecords<String, byte[]> poll(Duration timeout) {
            timeouts.add(timeout);
            if (!timeout.isZero()) {
                for (ConsumerRecord<String, byte[]> record; (record = arriving.poll()) != null; ) {
                    addRecord(record);
                }
            }
            return super.poll(timeout);
        }

        @Override
        public synchronized void rebalance(java.util.Collection<TopicPartition> newAssignment) {
            if (listener != null) {
                listener.onPartitionsRevoked(assignment()); // while they are still assigned, as Kafka calls it
                var meta = assignment().contains(P0) ? committed(java.util.Set.of(P0)).get(P0) : null;
                committedWhenRevoked.add(meta == null ? 0 : meta.offset());
            }
            super.rebalance(newAssignment);
        }
    }
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void producesOutputsThenCommitsTheBatch() throws Exception {
        BatchHandler upperCase = batch -> batch.stream()
                .map(r -> new ProducerRecord<>("out", r.key(), new String(r.value()).toUpperCase().getBytes()))
                .toList();
        try (var loop = start(upperCase)) {
            feed("a", "b");
            await(() -> committed() == 2 && loop.consumed() == 2); // counters move right after the commit
            assertEquals(List.of("A", "B"), producer.history().stream().map(r -> new String(r.value())).toList());
        }
    }

    @Test
    void awaitConsumedReturnsOnceTheRecordsAreCommittedAndWhenTheLoopStopsShortOfThem() throws Exception {
        BatchHandler echo = batch -> batch.stream().map(r -> new ProducerRecord<>("out", r.key(), r.value())).toList();
        var loop = start(echo);
        Future<Boolean> third;
        try {
            assertFalse(loop.awaitConsumed(1, Duration.ofMillis(50)), "nothing fed yet");
            feed("a", "b");
            assertTrue(loop.awaitConsumed(2, Duration.ofSeconds(30)));
            assertEquals(2, committed(), "counted only after the commit");
            third = CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.awaitConsumed(3, Duration.ofMinutes(10));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            loop.close();
        }
        // Woken by the stop, long before its own timeout (the get's limit only keeps a broken wait from hanging).
        assertFalse(third.get(60, TimeUnit.SECONDS), "the stopped loop will consume no more");
    }

    @Test
    void rewindsAndRetriesTheBatchAfterATransientFailureWithoutDeadLettering() throws Exception {
        var calls = new AtomicInteger();
        BatchHandler flaky = batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new TransientStageException("elasticsearch unavailable");
            }
            return batch.stream().map(r -> new ProducerRecord<>("out", r.key(), r.value())).toList();
        };
        try (var loop = start(flaky)) {
            feed("x");
            await(() -> calls.get() == 1);
            assertEquals(0, committed());
            redeliverAfterRewind("x", 0, () -> {});
            await(() -> committed() == 1);
            assertEquals(0, rewoundTo.get(), "the loop must seek back to the failed batch's first offset");
            assertEquals(2, calls.get());
            assertEquals(1, producer.history().size());
            assertEquals(0, loop.deadLettered());
        }
    }

    @Test
    void deadLettersEveryRecordOfABatchTheHandlerCrashesOnAndGoesOn() throws Exception {
        BatchHandler crashing = batch -> {
            throw new IllegalStateException("tagger bug");
        };
        try (var loop = start(crashing)) {
            feed("p", "q");
            await(() -> committed() == 2 && loop.deadLettered() == 2); // counters move right after the commit
            var letter = new RecordCodec().decode(producer.history().getFirst().value(), DeadLetter.class);
            assertEquals(Topics.ARTICLES_DLQ, producer.history().getFirst().topic());
            assertEquals("test", letter.stage());
            assertTrue(letter.reason().contains("tagger bug"), letter.reason());
            assertEquals("p", letter.payload());
            assertEquals(0, letter.offset());
        }
    }

    @Test
    void commitsNothingWhileProducingFailsAndRetriesTheBatch() throws Exception {
        var calls = new AtomicInteger();
        BatchHandler echo = batch -> {
            calls.incrementAndGet();
            return batch.stream().map(r -> new ProducerRecord<>("out", r.key(), r.value())).toList();
        };
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("broker gone");
        try (var loop = start(echo)) {
            feed("z");
            // The next poll comes only after the failed batch was handled: heal the producer there, not here.
            redeliverAfterRewind("z", 0, () -> producer.sendException = null);
            await(() -> committed() == 1);
            assertEquals(2, calls.get(), "the batch must be handled again after the failed send");
            assertEquals(0, rewoundTo.get());
            assertEquals(0, loop.deadLettered());
        }
    }

    @Test
    void commitsOutputsAndOffsetsInOneTransactionInTransactionalMode() throws Exception {
        producer.initTransactions();
        BatchHandler echo = batch -> batch.stream().map(r -> new ProducerRecord<>("out", r.key(), r.value())).toList();
        var loop = StageLoop.transactional("test", consumer, producer, List.of(IN), echo, NO_WAIT);
        var thread = run(loop);
        try {
            feed("t");
            await(() -> producer.transactionCommitted() && loop.consumed() == 1);
            assertEquals(1, producer.history().size());
            var offsets = producer.consumerGroupOffsetsHistory().getLast().values().iterator().next();
            assertEquals(1, offsets.get(P0).offset(), "the consumed offset is part of the transaction");
            assertEquals(0, committed(), "no separate consumer commit in transactional mode");
        } finally {
            loop.close();
            thread.join();
        }
        assertTrue(producer.closed(), "the loop owns its transactional producer");
    }

    @Test
    void abortsAndRetriesWhenTheCoordinatorTimedTheTransactionOutInsteadOfStopping() throws Exception {
        producer.initTransactions();
        var calls = new AtomicInteger();
        BatchHandler echo = batch -> {
            calls.incrementAndGet();
            return batch.stream().map(r -> new ProducerRecord<>("out", r.key(), r.value())).toList();
        };
        // What a producer sees after the coordinator aborted its transaction for outliving transaction.timeout.ms.
        producer.commitTransactionException = new InvalidProducerEpochException("transaction timed out");
        var loop = StageLoop.transactional("test", consumer, producer, List.of(IN), echo, NO_WAIT);
        var thread = run(loop);
        try {
            feed("e");
            redeliverAfterRewind("e", 0, () -> producer.commitTransactionException = null);
            await(() -> producer.transactionCommitted() && loop.consumed() == 1);
            assertEquals(2, calls.get(), "the batch is handled again after the abort");
            assertTrue(thread.isAlive(), "the loop goes on");
            assertEquals(0, rewoundTo.get());
        } finally {
            loop.close();
            thread.join();
        }
    }

    @Test
    void countsDeadLettersApartFromOutputsAndSuccesses() throws Exception {
        // One record of two is bad: one output, one dead letter. Neither count may include the other.
        BatchHandler halfBad = batch -> batch.stream()
                .map(r -> new String(r.value()).equals("bad")
                        ? StageLoop.deadLetter("test", r, "unreadable", 1)
                        : new ProducerRecord<>("out", r.key(), r.value()))
                .toList();
        try (var loop = start(halfBad)) {
            feed("good", "bad");
            await(() -> committed() == 2 && loop.consumed() == 2);
            assertEquals(1, loop.produced(), "dead letters are not outputs");
            assertEquals(1, loop.deadLettered());
            assertEquals(1, loop.succeeded(), "the dead-lettered record did not succeed");
        }
    }

    @Test
    void countsTheSuccessesAHandlerReportsWhenItsSuccessesAreNotKafkaRecords() throws Exception {
        // Like the index stage: it writes elsewhere, produces nothing for a success, and one record was stale.
        var handler = new ReportingHandler(batch -> List.of(), "stale");
        try (var loop = start(handler)) {
            feed("a", "stale", "c");
            await(() -> committed() == 3 && loop.consumed() == 3);
            assertEquals(2, loop.succeeded());
            assertEquals(0, loop.produced());
            assertEquals(0, loop.deadLettered());
        }
    }

    @Test
    void countsNoSuccessForABatchTheHandlerCrashedOnEvenWhenItReportsSuccesses() throws Exception {
        var handler = new ReportingHandler(batch -> {
            throw new IllegalStateException("bug");
        }, "none");
        try (var loop = start(handler)) {
            feed("a", "b");
            await(() -> committed() == 2 && loop.deadLettered() == 2);
            assertEquals(0, loop.succeeded());
            assertEquals(0, loop.produced());
        }
    }

    @Test
    void countsARetriedBatchOnceAfterItCommits() throws Exception {
        var calls = new AtomicInteger();
        var handler = new ReportingHandler(batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new TransientStageException("elasticsearch unavailable");
            }
            return List.of();
        }, "none");
        try (var loop = start(handler)) {
            feed("x");
            await(() -> calls.get() == 1);
            assertEquals(0, loop.succeeded(), "nothing is counted before the batch commits");
            redeliverAfterRewind("x", 0, () -> {});
            await(() -> committed() == 1 && loop.consumed() == 1);
            assertEquals(1, loop.succeeded());
        }
    }

    /**
     * Reports as successes the records of a batch whose value is not {@code failed}, as the index handler reports
     * the documents it wrote; counts them before delegating, so a batch the delegate throws on still reports some.
     */
    private static final class ReportingHandler implements BatchHandler, StageLoop.SuccessCount {
        private final BatchHandler delegate;
        private final String failed;
        private long last;

        ReportingHandler(BatchHandler delegate, String failed) {
            this.delegate = delegate;
            this.failed = failed;
        }

        @Override
        public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
                throws TransientStageException {
            last = batch.stream().filter(r -> !new String(r.value(), StandardCharsets.UTF_8).equals(failed)).count();
            return delegate.handle(batch);
        }

        @Override
        public long lastBatchSucceeded() {
            return last;
        }
    }

    /**
     * An {@link OverlappingBatchHandler} that records what the loop asks of it, and the committed offset at each
     * finish; {@code failStart} and {@code failFinish} name batches (by their records' values) to fail once.
     */
    private final class RecordingHandler implements OverlappingBatchHandler {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.Set<String> failStart = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Set<String> failFinish = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** What the started batches say of their answers ({@link Started#answered}). */
        volatile boolean answered;
        /** The timeouts of the polls made between each batch's start and its finish, by batch. */
        final Map<String, List<Duration>> pollsInFlight = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Started start(List<ConsumerRecord<String, byte[]>> batch) throws TransientStageException {
            String name = batch.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .collect(java.util.stream.Collectors.joining());
            events.add("start " + name);
            if (failStart.remove(name)) {
                throw new TransientStageException("lookup failed");
            }
            int pollsBefore = consumer.timeouts.size();
            return new Started() {
                @Override
                public List<ProducerRecord<String, byte[]>> finish() throws TransientStageException {
                    pollsInFlight.put(name, List.copyOf(consumer.timeouts.subList(pollsBefore,
                            consumer.timeouts.size())));
                    events.add("finish " + name + " at " + committed());
                    if (failFinish.remove(name)) {
                        throw new TransientStageException("bulk refused");
                    }
                    return batch.stream().map(r -> new ProducerRecord<>("out", r.key(), r.value())).toList();
                }

                @Override
                public long succeeded() {
                    return batch.size();
                }

                @Override
                public boolean answered() {
                    return answered;
                }
            };
        }
    }

    @Test
    void startsTheNextBatchBeforeFinishingThePreviousAndCommitsEachAfterItsFinish() throws Exception {
        var handler = new RecordingHandler();
        try (var loop = start(handler, "a", "b")) {
            await(() -> committed() == 2 && loop.consumed() == 2);
            assertEquals(List.of("start a", "start b", "finish a at 0", "finish b at 1"), handler.events);
            assertEquals(2, loop.succeeded());
            assertEquals(List.of("a", "b"), producer.history().stream().map(r -> new String(r.value())).toList());
        }
    }

    @Test
    void whileABatchIsInFlightThePollWaitsForTheNextRecordsBeforeFinishingIt() throws Exception {
        var handler = new RecordingHandler();
        try (var loop = start(handler)) {
            // b is still being fetched when a is polled: a poll that does not wait finds nothing.
            consumer.schedulePollTask(() -> {
                consumer.addRecord(new ConsumerRecord<>(IN, 0, 0, "a", "a".getBytes(StandardCharsets.UTF_8)));
                consumer.arriving.add(new ConsumerRecord<>(IN, 0, 1, "b", "b".getBytes(StandardCharsets.UTF_8)));
            });
            await(() -> committed() == 2 && loop.consumed() == 2);
            // b started before a is finished: the handler's work went on, rather than waiting for a's answers alone.
            assertEquals(List.of("start a", "start b", "finish a at 0", "finish b at 1"), handler.events);
        }
    }

    @Test
    void aBatchInFlightWhoseAnswersAreInIsFinishedAfterOneShortPollNotTheWholeWait() throws Exception {
        var handler = new RecordingHandler();
        handler.answered = true;
        try (var loop = start(handler, "a")) {
            await(() -> committed() == 1 && loop.consumed() == 1);
            // One slice of the in-flight wait (10 ms), which found no records: a is answered, so it is finished then,
            // not after the whole 100 ms that a poll for a next batch to start beside it may take.
            assertEquals(List.of(Duration.ofMillis(10)), handler.pollsInFlight.get("a"));
        }
    }

    @Test
    void aBatchWhoseFinishFailedIsReplayedWithTheBatchStartedAfterIt() throws Exception {
        var handler = new RecordingHandler();
        handler.failFinish.add("a");
        try (var loop = start(handler, "a", "b")) {
            consumer.schedulePollTask(() -> {
                rewoundTo.set((int) consumer.position(P0));
                consumer.addRecord(new ConsumerRecord<>(IN, 0, 0, "a", "a".getBytes(StandardCharsets.UTF_8)));
                consumer.addRecord(new ConsumerRecord<>(IN, 0, 1, "b", "b".getBytes(StandardCharsets.UTF_8)));
            });
            await(() -> committed() == 2 && loop.consumed() == 2);
            assertEquals(0, rewoundTo.get(), "back to the failed batch's first offset");
            // b was finished (its work waited for) but not committed before the replay.
            assertEquals(List.of("start a", "start b", "finish a at 0", "finish b at 0", "start ab", "finish ab at 0"),
                    handler.events);
            assertEquals(List.of("a", "b"), producer.history().stream().map(r -> new String(r.value())).toList());
            assertEquals(2, loop.consumed(), "a replayed batch counts once");
        }
    }

    @Test
    void aBatchThatFailedToStartIsReplayedAloneAfterTheEarlierOneCommits() throws Exception {
        var handler = new RecordingHandler();
        handler.failStart.add("b");
        try (var loop = start(handler, "a", "b")) {
            redeliverAfterRewind("b", 1, () -> {});
            await(() -> committed() == 2 && loop.consumed() == 2);
            assertEquals(1, rewoundTo.get(), "a committed, b rewound");
            assertEquals(List.of("start a", "start b", "finish a at 0", "start b", "finish b at 1"), handler.events);
        }
    }

    @Test
    void theBatchInFlightIsCommittedBeforeItsPartitionsAreRevoked() throws Exception {
        var handler = new RecordingHandler();
        try (var loop = start(handler, "a")) {
            // Revoked and assigned again, as Kafka's eager rebalance does: a batch left uncommitted would be replayed.
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
            await(() -> committed() == 1 && loop.consumed() == 1);
            assertEquals(List.of("start a", "finish a at 0"), handler.events);
            // The first revocation is the loop's start (nothing assigned yet); the second came with a in flight.
            assertEquals(List.of(0L, 1L), consumer.committedWhenRevoked, "committed within the revocation");
        }
    }

    @Test
    void tellsAHandlerWhetherItsConsumerHoldsEveryPartitionAfterEachRebalance() throws Exception {
        var p1 = new TopicPartition(IN, 1);
        consumer.updatePartitions(IN, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(p1, 0L));
        var told = new java.util.concurrent.CopyOnWriteArrayList<Boolean>();
        class Aware implements BatchHandler, StageLoop.SoleConsumerAware {
            @Override
            public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch) {
                return List.of();
            }

            @Override
            public void soleConsumer(boolean holdsEveryPartition) {
                told.add(holdsEveryPartition);
            }
        }
        try (var loop = start(new Aware())) {
            await(() -> told.equals(List.of(false))); // P0 of two partitions
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, p1)));
            // P0 given up (another consumer may write meanwhile), then both held.
            await(() -> told.equals(List.of(false, false, true)));
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(p1)));
            // The in-memory consumer calls the revocation once more itself: count only what follows the "true".
            await(() -> told.size() > 3 && !told.getLast());
            // A snapshot: the loop may still be telling, and a live sub-list of it would fail on the next call.
            var seen = List.copyOf(told);
            assertEquals(List.of(false, false, true), seen.subList(0, 3));
            assertTrue(seen.subList(3, seen.size()).stream().noneMatch(Boolean::booleanValue), seen.toString());
        }
    }

    private static org.apache.kafka.common.PartitionInfo partition(int number) {
        return new org.apache.kafka.common.PartitionInfo(IN, number, null, null, null);
    }

    @Test
    void closingALoopThatNeverRanClosesItsClientsAndItNeverRuns() {
        var loop = StageLoop.transactional("test", consumer, producer, List.of(IN), batch -> List.of(), NO_WAIT);
        loop.close();
        assertTrue(consumer.closed(), "the consumer of a loop that never ran is closed by close()");
        assertTrue(producer.closed(), "and its own transactional producer");
        loop.run(); // returns at once: nothing polls a closed consumer
        assertTrue(consumer.subscription().isEmpty());
    }

    /** The loop on its thread, with {@code first} as its first polls' records, one per poll. */
    private StageLoop start(BatchHandler handler, String... first) {
        var loop = new StageLoop("test", consumer, producer, List.of(IN), handler, NO_WAIT);
        run(loop, first);
        return loop;
    }

    /** Runs the loop on a thread of its own, the consumer assigned the one partition from its start. */
    private Thread run(StageLoop loop, String... first) {
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        feed(first); // scheduled before the loop polls, so no poll between them finds nothing
        return Thread.ofPlatform().daemon().start(loop);
    }

    private long offset = 0;

    private void feed(String... values) {
        for (String value : values) {
            long at = offset++;
            consumer.schedulePollTask(() -> consumer.addRecord(
                    new ConsumerRecord<>(IN, 0, at, value, value.getBytes(StandardCharsets.UTF_8))));
        }
    }

    private final AtomicInteger rewoundTo = new AtomicInteger(-1);

    /** What Kafka does after the loop's seek: deliver the batch again (the in-memory consumer forgets polled records). */
    private void redeliverAfterRewind(String value, long at, Runnable first) {
        consumer.schedulePollTask(() -> {
            first.run();
            rewoundTo.set((int) consumer.position(P0));
            consumer.addRecord(new ConsumerRecord<>(IN, 0, at, value, value.getBytes(StandardCharsets.UTF_8)));
        });
    }

    private long committed() {
        var offsets = consumer.committed(java.util.Set.of(P0));
        var meta = offsets.get(P0);
        return meta == null ? 0 : meta.offset();
    }

    /** Polls the condition with a deadline (the loop runs on its own thread). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
