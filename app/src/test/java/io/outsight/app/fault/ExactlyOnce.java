package io.outsight.app.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

/** The end state every fault test checks: each article indexed once, published once, never dead-lettered. */
final class ExactlyOnce {
    private ExactlyOnce() {}

    /**
     * Every id is in the alias and nothing else matches them; a {@code read_committed} reader of the enriched topic
     * saw each once; no dead letter names one.
     *
     * @param fault what happened, for messages ("a broker restart")
     */
    static void check(String fault, Set<String> ids, IndexProbe index, TopicWatch enriched, TopicWatch deadLetters)
            throws Exception {
        var stored = index.stored(ids);
        assertEquals(ids, stored.ids(), "every article indexed after " + fault);
        assertEquals(ids.size(), stored.total(), "each article indexed once after " + fault);
        enriched.awaitCaughtUp(Duration.ofSeconds(60));
        deadLetters.awaitCaughtUp(Duration.ofSeconds(30));
        assertEquals(ids.size(), enriched.distinct(), "every article enriched after " + fault);
        assertTrue(enriched.duplicates().isEmpty(), "a read_committed reader saw articles twice after " + fault + ": "
                + enriched.duplicates());
        assertTrue(deadLetters.seen().isEmpty(), fault + " must not dead-letter anything: " + deadLetters.seen());
    }
}
