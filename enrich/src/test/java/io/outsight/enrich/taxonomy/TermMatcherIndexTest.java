package io.outsight.enrich.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.outsight.enrich.tag.eval.GoldSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A matcher with few terms looks their first words up in the text's word index instead of trying every word; both
 * ways find the same matches in the same order: the bundled term files and their context rules' cue lists on the
 * tagging development set, and cue phrases (plurals, prefixes, case rules) on generated text.
 */
class TermMatcherIndexTest {

    private static void sameBothWays(TermMatcher matcher, String text) {
        Words words = Words.of(text);
        assertEquals(matcher.findAll(words, false), matcher.findAll(words, true), "matches in '" + text + "'");
    }

    @Test
    void bundledMatchersFindTheSameBothWaysOnTheDevelopmentSet() throws IOException {
        Taxonomy taxonomy = Taxonomy.loadDefault();
        List<TermMatcher> matchers = new ArrayList<>();
        for (TermFile file : List.of(taxonomy.outsourcingTypes(), taxonomy.sourcingModels(), taxonomy.regions(),
                taxonomy.countries(), taxonomy.organizations(), taxonomy.people(), taxonomy.relevance())) {
            matchers.add(TermMatcher.of(file.entries()));
            for (TermEntry e : file.entries()) {
                Conditions c = e.conditions();
                for (TermMatcher cue : new TermMatcher[] {c.ifNear(), c.ifDoc(), c.unlessNear(), c.unlessDoc()}) {
                    if (cue != null) {
                        matchers.add(cue);
                    }
                }
            }
        }
        for (GoldSet.Document d : GoldSet.read(Path.of("..", "eval", "tagging", "dev.json")).documents()) {
            for (TermMatcher m : matchers) {
                sameBothWays(m, d.title() + "\n" + d.text());
            }
        }
    }

    private static final TermMatcher CUES = TermMatcher.ofPhrases(List.of("outsourc*", "offshor*", "BPO", "contact centre",
            "service provider", "client", "process", "IT-BPM", "Inc.", "U.S.", "back office", "captive"), "test");
    private static final Gen<String> WORD = Generate.pick(List.of("outsourcing", "Outsourced", "offshore", "BPO", "BPOs",
            "bpo", "contact", "centre", "centres", "Contact Centres", "service", "providers", "clients", "processes",
            "process", "IT-BPM", "IT BPM", "Inc.", "Inc", "U.S.", "US", "back", "office", "back-office", "captives",
            "the", "and", "-", ".", ",", "\n", "é", "Ünïcödé"));
    private static final Gen<String> TEXT = lists().of(WORD).ofSizeBetween(0, 120).map(w -> String.join(" ", w));

    @Test
    void cuePhrasesFindTheSameBothWaysOnGeneratedText() {
        qt().withFixedSeed(20261126L).withExamples(1000).forAll(TEXT).checkAssert(text -> sameBothWays(CUES, text));
    }
}
