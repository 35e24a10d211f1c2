package io.outsight.core.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What a stage does with one polled batch. Implementations decide per record; bad records become dead letters. */
@FunctionalInterface
public interface BatchHandler {
    /**
     * Processes a batch and returns every record to produce for it: outputs, status records and dead letters. The
     * loop commits the batch's offsets only after all of them were acknowledged.
     *
     * @throws TransientStageException to have the same batch processed again after a backoff
     */
    List<ProducerRecord<String, byte[]>> handle(List<ConsumerRecord<String, byte[]>> batch)
            throws TransientStageException;
}
