package io.outsight.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.RawArticle;
import io.outsight.enrich.Enricher;
import io.outsight.enrich.tag.ArticleTagger;
import io.outsight.ingest.extract.MainContentExtractor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchArticleGeneratorTest {
    private static final ArticleGenerator GENERATOR = new ArticleGenerator(ArticleGenerator.DEFAULT_SEED);

    @Test
    void sameSeedAndIndexGiveTheSamePageInAnyOrder() {
        var forward = GENERATOR.pages(40);
        var other = new ArticleGenerator(ArticleGenerator.DEFAULT_SEED);
        for (int i = 39; i >= 0; i--) {
            assertEquals(forward.get(i), other.page(i), "page " + i);
        }
    }

    @Test
    void anotherSeedGivesOtherPages() {
        var a = GENERATOR.pages(20);
        var b = new ArticleGenerator(7).pages(20);
        long same = IntStream.range(0, 20).filter(i -> a.get(i).html().equals(b.get(i).html())).count();
        assertEquals(0, same);
    }

    @Test
    void pagesVaryInLengthSiteAndFiguresAndHaveUniquePaths() {
        var pages = GENERATOR.pages(500);
        var lengths = EnumSet.noneOf(GeneratedPage.Length.class);
        Set<String> sites = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        Set<String> paths = new HashSet<>();
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (var page : pages) {
            lengths.add(page.length());
            sites.add(page.path().substring(0, page.path().indexOf('/')));
            page.figures().forEach(f -> kinds.add(f.kind()));
            paths.add(page.path());
            shortest = Math.min(shortest, page.textLength());
            longest = Math.max(longest, page.textLength());
            assertFalse(page.figures().isEmpty(), page.path());
        }
        assertEquals(EnumSet.allOf(GeneratedPage.Length.class), lengths);
        assertEquals(ArticleTemplates.SITES.size(), sites.size(), sites.toString());
        assertEquals(Set.of("market_size", "revenue", "market_share", "headcount", "growth_rate", "exports"), kinds);
        assertEquals(pages.size(), paths.size(), "paths must be unique");
        assertTrue(shortest < 1_000, "shortest text " + shortest);
        assertTrue(longest > 8_000, "longest text " + longest);
        assertTrue(pages.stream().anyMatch(p -> p.html().contains(" crore")), "crore figures");
        assertTrue(pages.stream().anyMatch(p -> p.html().contains(" lakh people")), "lakh figures");
    }

    /**
     * The pages make sense to the real stages: the extractor finds the article text (every planted figure in it, the
     * boilerplate out of it) and the enricher finds every planted figure's value.
     */
    @Test
    void everyPageExtractsToItsTextAndTheEnricherFindsThePlantedFigures() {
        var extractor = MainContentExtractor.create();
        var enricher = new Enricher(ArticleTagger.loadDefault(), Clock.systemUTC());
        // The first pages of two seeds: every length, site and kind of figure appears among them.
        var pages = new ArrayList<>(GENERATOR.pages(30));
        pages.addAll(new ArticleGenerator(2026).pages(30));
        var problems = new ArrayList<String>();
        for (var page : pages) {
            String url = "http://bench.example/" + page.path();
            var extracted = extractor.extract(page.html(), url);
            String text = extracted.text();
            if (text.isBlank()) {
                problems.add(page.path() + ": no text");
                continue;
            }
            for (String boilerplate : List.of("We use cookies", "All rights reserved", "Most read", "Join the discussion",
                    "Get the outsourcing briefing")) {
                if (text.contains(boilerplate)) {
                    problems.add(page.path() + ": boilerplate kept: " + boilerplate);
                }
            }
            if (!text.contains(page.paragraphs().getLast())) {
                problems.add(page.path() + ": last paragraph missing");
            }
            var raw = new RawArticle("id-" + page.index(), url, url, url, Instant.now(), 200, "text/html", null, null,
                    extracted.title(), extracted.authors(), extracted.publishedAt(), extracted.modifiedAt(),
                    extracted.siteName(), extracted.description(), extracted.language(), text, extracted.headings(),
                    "hash", "test");
            List<MarketFigure> found = enricher.enrich(raw).marketFigures();
            for (var planted : page.figures()) {
                if (!text.contains(planted.text())) {
                    problems.add(page.path() + ": figure text missing: " + planted.text());
                }
                boolean parsed = found.stream().anyMatch(f -> f.value() != null
                        && Math.abs(f.value() - planted.value()) <= 1e-9 * Math.max(1, Math.abs(planted.value())));
                if (!parsed) {
                    problems.add(page.path() + ": enricher missed " + planted + "; found "
                            + found.stream().map(f -> f.kind() + "=" + f.value()).toList());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void pagesAreLongerThanTheirTextBecauseOfTheBoilerplate() {
        for (var page : GENERATOR.pages(20)) {
            assertTrue(page.html().length() > page.textLength() + 1_500, page.path());
            assertNotEquals(-1, page.html().indexOf("<footer"), page.path());
        }
    }
}
