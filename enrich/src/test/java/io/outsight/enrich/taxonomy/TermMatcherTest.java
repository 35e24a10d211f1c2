package io.outsight.enrich.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermMatcherTest {
    private static final TermMatcher MATCHER = TermMatcher.of(TermFileParser.parse("test.terms", new StringReader("""
            BPO | business process outsourcing
            BPO | BPO
            BPO | call centre
            ITO+BPO | IT-BPM
            IN | India
            US | U.S.
            CI | Côte d'Ivoire
            X | outsourc*
            - | Indian Ocean
            IN | Indian
            """)).entries());

    private static String found(String text) {
        return String.join(",", MATCHER.find(Words.of(text), m -> true).stream()
                .map(m -> String.join("+", m.entry().canonicals()) + "=" + text.substring(m.start(), m.end())).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Business Process Outsourcing grows          | BPO=Business Process Outsourcing",
        "business-process  outsourcing               | BPO=business-process  outsourcing",
        "business‑process–outsourcing                | BPO=business‑process–outsourcing",
        "three call centres and BPOs                 | BPO=call centres,BPO=BPOs",
        "the bpo and Bpo are not acronyms as written | ''",
        "IT-BPM, IT BPM, IT/BPM and IT–BPM           | ITO+BPO=IT-BPM,ITO+BPO=IT BPM,ITO+BPO=IT/BPM,ITO+BPO=IT–BPM",
        "it bpm is not the acronym                   | ''",
        "INDIA and India but not india               | IN=INDIA,IN=India",
        "the U.S. market                             | US=U.S.",
        "Cote d’Ivoire and Côte d'Ivoire             | CI=Cote d’Ivoire,CI=Côte d'Ivoire",
        "outsourced, outsourcing, Outsourcers        | X=outsourced,X=outsourcing,X=Outsourcers",
        "the Indian Ocean and Indian firms           | -=Indian Ocean,IN=Indian",
        "call\\ncentre split by a line break          | ''",
        "call, centre                                | ''",
    })
    void matchesTermsAsWrittenInRealText(String text, String expected) {
        assertEquals(expected, found(text.replace("\\n", "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Indiana                  | ''",
        "Indianapolis             | ''",
        "BPOS                     | ''",
        "超BPO市場                 | ''",
        "de BPO-markt in India    | BPO=BPO,IN=India",
    })
    void matchesWholeWordsOnly(String text, String expected) {
        assertEquals(expected, found(text));
    }

    @org.junit.jupiter.api.Test
    void prefersTheLongestMatch() {
        List<TermMatch> all = MATCHER.findAll(Words.of("Indian Ocean"));
        assertEquals(2, all.size());
        assertEquals("-=Indian Ocean", found("Indian Ocean"));
    }
}
