package io.outsight.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ArticleTaggerTest {
    static final String TEXT = """
            The Philippine IT-BPM industry earned US$ 35.5 billion in 2022, according to IBPAP. It employs 1.57 million people.

            According to a study by Grand View Research, the global business process outsourcing market is expected to \
            reach USD 525.2 billion by 2030, growing at a CAGR of 9.4% from 2023 to 2030.

            Nearshore centres in Mexico compete with offshore hubs in India.""";

    @Test
    void reportsEntitiesWithOffsetsIntoTheText() {
        TaggingResult r = Taggers.DEFAULT.tag("BPO market outlook", TEXT);
        assertTrue(r.entities().size() >= 10, r.entities().toString());
        for (Entity e : r.entities()) {
            assertEquals(e.text(), TEXT.substring(e.start(), e.end()));
            assertTrue(e.confidence() > 0 && e.confidence() <= 1);
            assertTrue(List.of("dictionary", "rule", "model").contains(e.source()));
        }
        for (MarketFigure f : r.marketFigures()) {
            assertTrue(f.start() >= 0 && f.end() <= TEXT.length() && f.start() < f.end());
        }
        assertEquals(List.of("BPO", "ITO"), r.tags().outsourcingTypes()); // the title's first
        assertEquals(List.of("PH", "MX", "IN"), r.tags().countries());
        assertEquals(List.of("nearshore", "offshore"), r.tags().sourcingModels());
        assertTrue(r.tags().organizations().containsAll(List.of("IBPAP", "Grand View Research")));
        assertTrue(r.relevance() > 0.9, "relevance " + r.relevance());
    }

    @Test
    void givesSentenceIndexes() {
        TaggingResult r = Taggers.DEFAULT.tag(null, TEXT);
        Entity mexico = r.entities().stream().filter(e -> e.canonical().equals("MX")).findFirst().orElseThrow();
        assertEquals(3, mexico.sentence());
    }

    @Test
    void countsTitleMentionsForTagsButNotAsEntities() {
        TaggingResult r = Taggers.DEFAULT.tag("KPO hiring surges in Vietnam", "Hiring rose in the sector.");
        assertEquals(List.of("KPO"), r.tags().outsourcingTypes());
        assertEquals(List.of("VN"), r.tags().countries());
        assertTrue(r.entities().isEmpty(), r.entities().toString());
    }

    @Test
    void scoresAnArticleAboutSomethingElseLow() {
        TaggingResult r = Taggers.DEFAULT.tag("Local team wins the cup",
                "The home side scored twice in the second half and the fans celebrated in the streets until late.");
        assertTrue(r.relevance() < 0.1, "relevance " + r.relevance());
    }

    @Test
    void neverThrowsOnArbitraryText() {
        Random random = new Random(42);
        String alphabet = "aZ09 .,;:-–—()$€£₹%\n\n\t\u00a0'’\"/&BPOITESUSUKcroreLakhbn million 2025 FY18 CAGR of by in é漢字🙂";
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(300);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertDoesNotThrow(() -> Taggers.DEFAULT.tag(text, text), text);
        }
    }

    @Test
    void canBeUsedFromManyThreads() throws Exception {
        TaggingResult expected = Taggers.DEFAULT.tag("t", TEXT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TaggingResult>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> Taggers.DEFAULT.tag("t", TEXT)));
            }
            for (Future<TaggingResult> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
