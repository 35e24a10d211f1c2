package io.outsight.enrich.relevance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.enrich.tag.ArticleTagger;
import org.junit.jupiter.api.Test;

class RelevanceScorerTest {
    static final ArticleTagger TAGGER = ArticleTagger.loadDefault();

    private static double relevance(String title, String text) {
        return TAGGER.tag(title, text).relevance();
    }

    @Test
    void ranksArticlesByHowMuchTheyAreAboutOutsourcing() {
        double core = relevance("Philippine BPO revenue to rise 8%", "The business process outsourcing industry expects "
                + "more contact centre seats as offshore demand from US clients grows. Providers such as Concentrix and "
                + "Teleperformance are hiring.");
        String filler = "The city council met on Tuesday to discuss the new park, the library budget and road repairs. ".repeat(15);
        double passing = relevance("City council approves budget", filler + "One contract was outsourced to a vendor.");
        double none = relevance("Local team wins the cup", filler);
        assertTrue(core > 0.9, "core " + core);
        assertTrue(passing > 0.05 && passing < 0.5, "passing " + passing);
        assertTrue(none < 0.05, "none " + none);
    }
}
