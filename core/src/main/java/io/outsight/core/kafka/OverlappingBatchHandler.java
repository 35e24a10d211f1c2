package io.outsight.core.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A handler whose batch can be handed out before the previous batch is finished: {@link #start} sends the batch's
 * work on (the index stage's bulk requests) and returns; {@link StageLoop} then polls and starts the next batch, and
 * only then finishes the first and commits its offsets. So the system the work goes to is not left idle while the
 * loop waits for the last answers of a batch, commits, polls and prepares the next one (without the overlap the index
 * sink reached 0.78 of raw bulk's rate, with it 0.86; BENCHMARKS.md). At most two batches are started and not
 * finished; offsets are still committed in order, each only after its batch {@linkplain Started#finish finished}.
 *
 * <p>The loop's promises: {@link Started#finish} is called once for every started batch, in the order they started,
 * on the loop's thread; a batch whose finish failed is processed again from its first record, together with the
 * batch started after it (whose finish has then been called, its result ignored). The handler's promises: a failed
 * start or finish leaves no state of its batch behind (a replay is handled as if new), and a started batch's work
 * does not depend on the earlier batch succeeding.
 */
public interface OverlappingBatchHandler extends BatchHandler {

    /**
     * Starts processing a batch without waiting for its outcome.
     *
     * @throws TransientStageException to have the same batch processed again after a backoff (the batch started
     *     before it still finishes and commits)
     */
    Started start(List<ConsumerRecord<String, byte[]>> batch) throws TransientStageException;

    /** A batch in progress. */
    interface Started {
        /**
         * Waits for the batch's outcome and returns every record to produce for it, as {@link BatchHandler#handle}.
         *
         * @throws TransientStageException to have the batch (and the one started after it) processed again
         */
        List<ProducerRecord<String, byte[]>> finish() throws TransientStageException;

        /** How many records of the batch succeeded, as {@link StageLoop.SuccessCount}; read after {@link #finish}. */
        long succeeded();

        /**
         * Whether every answer of the batch is in, so that {@link #finish} would not wait for the system the work
         * went to; false when the handler cannot tell. The loop then finishes the batch without waiting out its poll
         * for a next one.
         */
        default boolean answered() {
            return false;
        }
    }

    /** Both steps at once, for a caller that processes one batch at a time. */
    @Override
    default List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        return start(batch).finish();
    }
}
