package io.outsight.enrich.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermFileParserTest {

    private static TermFile parse(String content) {
        return TermFileParser.parse("t.terms", new StringReader(content));
    }

    @Test
    void readsCodesSetsTermsAndOptions() {
        TermFile file = parse("""
                # comment
                @code BPO Business process outsourcing
                @set dr: disaster recovery, RTO
                @set dr: failover

                BPO | business process outsourcing
                ITO+BPO | IT-BPM | confidence: 0.9; kind: combined
                RPO | RPO | if: recruitment, @dr; unless-doc: @dr; case: exact; plural: no
                - | Indian Ocean
                """);
        assertEquals("Business process outsourcing", file.codes().get("BPO"));
        assertEquals(List.of("disaster recovery", "RTO", "failover"), file.sets().get("dr"));
        assertEquals(4, file.entries().size());
        TermEntry combined = file.entries().get(1);
        assertEquals(List.of("ITO", "BPO"), combined.canonicals());
        assertEquals(0.9, combined.confidence());
        assertEquals("combined", combined.kind());
        TermEntry rpo = file.entries().get(2);
        assertEquals(CaseMode.EXACT, rpo.caseMode());
        assertEquals(false, rpo.plural());
        assertNotNull(rpo.conditions().ifNear());
        assertEquals(4, rpo.conditions().ifNear().size());
        assertNull(rpo.conditions().ifDoc());
        assertNotNull(rpo.conditions().unlessDoc());
        assertTrue(file.entries().get(3).isStop());
        assertEquals("t.terms:8", rpo.origin());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "BPO => t.terms:1: expected 'canonical | term' or 'canonical | term | options', found 1 column(s)",
        "BPO | a | b | c => t.terms:1: expected 'canonical | term' or 'canonical | term | options', found 4 column(s)",
        "BPO | ... => t.terms:1: term '...' has no letter or digit, so it can never match",
        "BPO | bpo | colour: red => t.terms:1: unknown option 'colour' (known: case, confidence, if, if-doc, kind, plural, unless, unless-doc)",
        "BPO | bpo | if: @nope => t.terms:1: if: unknown set @nope (declare it with '@set nope: ...')",
        "BPO | bpo | confidence: 2 => t.terms:1: confidence must be in (0, 1], not 2",
        "BPO | bpo | case: upper => t.terms:1: case must be auto, exact or any, not 'upper'",
        "BPO | bpo | plural => t.terms:1: option 'plural' needs 'name: value'",
        "+BPO | bpo => t.terms:1: empty canonical value in '+BPO'",
        "@include other.terms => t.terms:1: unknown directive '@include' (known: @code, @set)",
    })
    void reportsEachProblemWithFileAndLine(String line, String message) {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> parse(line));
        assertEquals(List.of(message), e.problems());
    }

    @Test
    void reportsAllProblemsOfAFileAtOnce() {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> parse("""
                BPO | ok
                broken line
                BPO | x | if: @missing
                """));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains("t.terms:2") && e.getMessage().contains("t.terms:3"), e.getMessage());
    }
}
