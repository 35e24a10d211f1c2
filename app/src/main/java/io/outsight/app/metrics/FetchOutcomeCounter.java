package io.outsight.app.metrics;

import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.json.RecordFormatException;
import io.outsight.core.kafka.BatchHandler;
import io.outsight.core.kafka.TransientStageException;
import io.outsight.core.record.FetchStatus;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Wraps the ingest stage's handler and counts the fetch statuses it returns for each batch, by outcome, so an
 * ingest worker reports what it fetched and why URLs failed.
 *
 * <p>Counted when the handler returns, before the loop commits: a batch whose transaction aborts after that (a
 * broker failure, rare) is processed and counted again. A small overcount in that case is the price of not
 * changing the loop for metrics. Thread-safe if the wrapped handler is.
 */
public final class FetchOutcomeCounter implements BatchHandler {
    private final BatchHandler handler;
    private final StageMeters meters;
    private final RecordCodec codec;

    public FetchOutcomeCounter(BatchHandler handler, StageMeters meters, RecordCodec codec) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException {
        List<ProducerRecord<String, byte[]>> outputs = handler.handle(batch);
        for (ProducerRecord<String, byte[]> output : outputs) {
            if (Topics.FETCH_STATUS.equals(output.topic()) && output.value() != null) {
                try {
                    meters.fetchOutcome(codec.decode(output.value(), FetchStatus.class).outcome());
                } catch (RecordFormatException e) {
                    // The stage's own output: it always parses; if it ever does not, metrics must not stop the stage.
                }
            }
        }
        return outputs;
    }
}
