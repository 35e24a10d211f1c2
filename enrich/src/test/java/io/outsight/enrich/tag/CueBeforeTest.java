package io.outsight.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The organisation context rule's test for a cue before a name, which compares the end of the text with each cue,
 * answers as its regular expression ({@link OrganizationTagger#CUE_BEFORE}) does on texts that end with a space
 * (the only ones it is asked about): case, word boundaries and "such as" included.
 */
class CueBeforeTest {
    private static final Gen<String> PIECE = Generate.pick(List.of("company", "Company", "COMPANY", "firm", "firms",
            "subfirm", "_firm", "2firm", "start-up", "Start-Up", "startup", "shares of", "SHARES OF", "stake in",
            "clients such as", "such as", "Such As", "as", "CEO of", "ceo of", "deal with", "chief executive of",
            "rival", "arrival", "the", "a", "(", ")", ",", "-", "é", "écompany", "\u212Aompany", "\u00a0", "\n", ""));
    private static final Gen<String> BEFORE = lists().of(PIECE).ofSizeBetween(0, 6).map(parts -> String.join(" ", parts) + " ");

    @ParameterizedTest
    @ValueSource(strings = {"rival ", "shares of ", "clients such as ", "such as ", "a firm ", "the subfirm ", "x_firm ",
        "Company ", "COMPANY ", "start-up ", "\u212Aompany ", "not a cue ", " ", ""})
    void agreesWithThePatternOnExamples(String before) {
        if (before.endsWith(" ")) {
            assertEquals(OrganizationTagger.CUE_BEFORE.matcher(before).find(), OrganizationTagger.endsWithCue(before),
                    "'" + before + "'");
        }
        assertEquals(false, OrganizationTagger.cueBefore(before) && !OrganizationTagger.CUE_BEFORE.matcher(before).find(),
                "'" + before + "'");
    }

    @Test
    void agreesWithThePatternOnGeneratedText() {
        qt().withFixedSeed(20261126L).withExamples(5000).forAll(BEFORE).checkAssert(before -> assertEquals(
                OrganizationTagger.CUE_BEFORE.matcher(before).find(), OrganizationTagger.endsWithCue(before),
                "'" + before + "'"));
    }
}
