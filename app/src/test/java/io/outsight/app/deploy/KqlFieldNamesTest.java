package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The KQL scanner finds the field names of a query, and only those, including inside nested groups. */
class KqlFieldNamesTest {

    @ParameterizedTest(name = "[{index}] <{0}>")
    @MethodSource("queries")
    void findsTheFieldNamesOfAQuery(String kql, List<String> expected) {
        List<String> names = KqlFieldNames.of(kql).stream()
                .map(use -> (use.nestedGroup() ? "group " : "") + use.name()
                        + (use.insideNested() == null ? "" : " in " + use.insideNested()))
                .toList();

        assertEquals(expected, names);
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("failed : true", List.of("failed")),
                Arguments.of("failed:true", List.of("failed")),
                Arguments.of("not published_at : *", List.of("published_at")),
                Arguments.of("tags.countries : \"IN\" and relevance >= 0.5", List.of("tags.countries", "relevance")),
                Arguments.of("(host : a or host : b) and not outcome : ok", List.of("host", "host", "outcome")),
                Arguments.of("title : \"cost: lower\" or url : http\\://example.com", List.of("title", "url")),
                Arguments.of("tags.outsourcing_types : (BPO or ITO)", List.of("tags.outsourcing_types")),
                Arguments.of("market_figures:{ kind : market_size and currency : USD } and language : en",
                        List.of("group market_figures", "market_figures.kind in market_figures",
                                "market_figures.currency in market_figures", "language")),
                Arguments.of("just some words", List.of()));
    }
}
