package io.outsight.app.metrics;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Wraps the ingest stage's handler and reads the fetch statuses it returns for each batch: it tells the loop how
 * many URLs were fetched (outcome ok: the stage's successes, see {@link StageLoop.SuccessCount}), and, given
 * meters, counts every outcome, so an ingest worker reports what it fetched and why URLs failed.
 *
 * <p>The outcome meters are counted when the handler returns, before the loop commits: a batch whose transaction
 * aborts after that (a broker failure, rare) is processed and counted again. A small overcount in that case is the
 * price of not changing the loop for metrics. The loop's success count has no such overcount (it adds the batch's
 * successes only once the batch commits). Called by one stage thread at a time, like the handler it wraps.
 */
public final class FetchOutcomeCounter implements BatchHandler, StageLoop.SuccessCount {
    private final BatchHandler handler;
    private final @Nullable StageMeters meters;
    private final RecordCodec codec;
    private volatile long lastBatchFetched;

    /**
     * @param meters where fetch outcomes are counted, or null to only report the successes to the loop (when
     *     {@code outsight serve} counts the outcomes from the topic instead)
     */
    public FetchOutcomeCounter(BatchHandler handler, @Nullable StageMeters meters, RecordCodec codec) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.meters = meters;
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        List<ProducerRecord<String, byte[]>> outputs = handler.handle(batch);
        long fetched = 0;
        for (ProducerRecord<String, byte[]> output : outputs) {
            if (Topics.FETCH_STATUS.equals(output.topic()) && output.value() != null) {
                try {
                    FetchOutcome outcome = codec.decode(output.value(), FetchStatus.class).outcome();
                    if (outcome == FetchOutcome.OK) {
                        fetched++;
                    }
                    if (meters != null) {
                        meters.fetchOutcome(outcome);
                    }
                } catch (RecordFormatException e) {
                    // The stage's own output: it always parses; if it ever does not, metrics must not stop the stage.
                }
            }
        }
        lastBatchFetched = fetched;
        return outputs;
    }

    /** URLs of the last batch fetched (status ok). */
    @Override
    public long lastBatchSucceeded() {
        return lastBatchFetched;
    }
}
