package io.outsight.enrich.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.id.ArticleIds;
import io.outsight.core.Topics;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.DeadLetter;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.enrich.Enricher;
import io.outsight.enrich.tag.ArticleTagger;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The enrich stream's exactly-once promise on the real local broker: the transactional consume-transform-produce
 * loop ({@link StageLoop#transactional}, as the enrich worker runs it with {@link EnrichHandler}) crashes after it
 * has sent a batch's enriched articles but before it committed their transaction, and is started again with the
 * same group and transactional id. A {@code read_committed} reader of {@link Topics#ARTICLES_ENRICHED} must then
 * see every input exactly once, although the crashed transaction's records are in the log (a
 * {@code read_uncommitted} reader sees them); the malformed input goes to the DLQ with its reason and the inputs
 * after it are enriched. The crash is in-process: the producer stops dead at its first commit, as a killed process
 * would (it sends nothing more, in particular no abort).
 */
@ExtendWith(LocalStackExtension.class)
class EnrichExactlyOnceIT {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int GOOD_INPUTS = 12;

    private static Enricher enricher;

    @BeforeAll
    static void loadTagger() {
        enricher = new Enricher(ArticleTagger.loadDefault(), Clock.systemUTC());
    }

    @Test
    void readCommittedReaderSeesEveryInputOnceAfterACrashMidTransaction(StackAddresses stack) throws Exception {
        String run = UUID.randomUUID().toString();
        String group = "enrich-eos-it-" + run;
        String transactionalId = "enrich-eos-it-" + run;
        KafkaClients kafka = new KafkaClients(stack.kafkaBootstrapServers());

        // Inputs in one partition, in order, the malformed one in the middle: the stream must go on past it.
        List<String> goodIds = new ArrayList<>();
        String badKey = "malformed-" + run;
        try (var producer = kafka.producer("enrich-eos-it-inputs")) {
            for (int i = 0; i < GOOD_INPUTS; i++) {
                if (i == GOOD_INPUTS / 2) {
                    producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, 0, badKey, "{not json".getBytes(StandardCharsets.UTF_8)));
                }
                RawArticle raw = raw(run, i);
                goodIds.add(raw.id());
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, 0, raw.id(), CODEC.encode(raw)));
            }
            producer.flush();
        }
        Set<String> ours = new LinkedHashSet<>(goodIds);

        // 1. The loop sends the first batch's outputs, then dies before committing.
        var crashing = new CrashingProducer(transactionalProducerProps(stack.kafkaBootstrapServers(), transactionalId));
        crashing.initTransactions();
        var first = StageLoop.transactional(EnrichHandler.STAGE, kafka.consumer(group, "enrich-eos-it-1", 200), crashing,
                List.of(Topics.ARTICLES_RAW), new EnrichHandler(enricher, CODEC), Backoff.DEFAULT);
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread firstThread = new Thread(first, "enrich-eos-it-1");
        firstThread.setUncaughtExceptionHandler((t, e) -> died.set(e));
        firstThread.start();
        firstThread.join(DEADLINE.toMillis());
        assertInstanceOf(SimulatedCrash.class, died.get(), "the first loop must have died at its commit");
        assertTrue(crashing.sentBeforeCrash > 0, "the crashed transaction held outputs");

        // The crashed transaction's outputs are in the log: an uncommitted reader sees them, a committed one does not.
        Map<String, Integer> uncommitted = readAll(stack, Topics.ARTICLES_ENRICHED, "read_uncommitted", ours, 1);
        assertTrue(uncommitted.values().stream().mapToInt(Integer::intValue).sum() > 0,
                "the crashed transaction's records should be in the log: " + uncommitted);

        // 2. Restarted with the same group and transactional id: the new producer fences the old one and the broker
        // aborts its open transaction; the loop processes the batch again.
        try (var second = StageLoop.transactional(EnrichHandler.STAGE, kafka.consumer(group, "enrich-eos-it-2", 200),
                kafka.transactionalProducer("enrich-eos-it-2", transactionalId), List.of(Topics.ARTICLES_RAW),
                new EnrichHandler(enricher, CODEC), Backoff.DEFAULT)) {
            Thread secondThread = new Thread(second, "enrich-eos-it-2");
            secondThread.start();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (second.consumed() < GOOD_INPUTS + 1 && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling with a deadline
            }
            assertTrue(second.consumed() >= GOOD_INPUTS + 1, "the restarted loop should consume every input");
        }

        Map<String, Integer> committed = readAll(stack, Topics.ARTICLES_ENRICHED, "read_committed", ours, GOOD_INPUTS);
        Map<String, Integer> expected = new HashMap<>();
        ours.forEach(id -> expected.put(id, 1));
        assertEquals(expected, committed, "each input exactly once for a read_committed reader");
        Map<String, Integer> everything = readAll(stack, Topics.ARTICLES_ENRICHED, "read_uncommitted", ours, GOOD_INPUTS);
        assertTrue(everything.values().stream().mapToInt(Integer::intValue).sum() > GOOD_INPUTS,
                "the log also holds the aborted duplicates, which only read_committed hides: " + everything);

        List<DeadLetter> letters = deadLetters(stack, badKey);
        assertEquals(1, letters.size(), "one dead letter for the malformed input: " + letters);
        DeadLetter letter = letters.getFirst();
        assertEquals("enrich", letter.stage());
        assertEquals("{not json", letter.payload());
        assertTrue(letter.reason().contains("malformed JSON"), letter.reason());
    }

    private static RawArticle raw(String run, int i) {
        String url = "https://example.com/eos/" + run + "/" + i;
        String text = "Indian BPO providers expect the market to reach USD " + (40 + i) + " billion by 2027. "
                + "Nearshore contact centres in Mexico added 2,000 seats, according to a study by Everest Group.";
        return new RawArticle(ArticleIds.of(url), url, url, url, Instant.parse("2026-11-19T00:00:00Z"), 200,
                "text/html", null, null, "BPO outlook " + i, List.of(), null, null, null, null, "en", text, List.of(),
                ArticleIds.contentHash(text), "test");
    }

    /** How often each of the keys appears in the topic, read from the start to its end (as the isolation sees it). */
    private static Map<String, Integer> readAll(StackAddresses stack, String topic, String isolation, Set<String> keys,
            int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, Integer> counts = new HashMap<>();
        while (true) {
            counts = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : readToEnd(stack, topic, isolation)) {
                if (keys.contains(record.key())) {
                    counts.merge(record.key(), 1, Integer::sum);
                    EnrichedArticle enriched = CODEC.decode(record.value(), EnrichedArticle.class);
                    assertEquals(record.key(), enriched.id());
                }
            }
            if (counts.values().stream().mapToInt(Integer::intValue).sum() >= atLeast || System.nanoTime() > deadline) {
                return counts;
            }
            Thread.sleep(200); // polling with a deadline
        }
    }

    private static List<DeadLetter> deadLetters(StackAddresses stack, String key) {
        List<DeadLetter> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readToEnd(stack, Topics.ARTICLES_DLQ, "read_committed")) {
            if (key.equals(record.key())) {
                out.add(CODEC.decode(record.value(), DeadLetter.class));
            }
        }
        return out;
    }

    /** Every record of the topic up to its end offsets (the last stable offsets under read_committed). */
    private static List<ConsumerRecord<String, byte[]>> readToEnd(StackAddresses stack, String topic, String isolation) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static Map<String, Object> transactionalProducerProps(String bootstrap, String transactionalId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "enrich-eos-it-1");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** What kills the first loop: an Error, which the loop does not catch (as it would not survive a kill). */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between sending a transaction's records and committing it");
        }
    }

    /**
     * A transactional producer that dies at its first commit: it makes sure the transaction's records reached the
     * broker, then throws, and closes without a word to the broker (a graceful close would abort the transaction,
     * which a killed process never does).
     */
    static final class CrashingProducer extends KafkaProducer<String, byte[]> {
        private volatile boolean crashed;
        volatile int sentBeforeCrash;
        private int sent;

        CrashingProducer(Map<String, Object> props) {
            super(props);
        }

        @Override
        public java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                ProducerRecord<String, byte[]> record) {
            sent++;
            return super.send(record);
        }

        @Override
        public void commitTransaction() {
            flush();
            sentBeforeCrash = sent;
            crashed = true;
            throw new SimulatedCrash();
        }

        @Override
        public void close(Duration timeout) {
            super.close(crashed ? Duration.ZERO : timeout);
        }
    }
}
