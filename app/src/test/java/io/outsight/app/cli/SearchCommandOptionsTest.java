package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.Facet;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Each option of {@code outsight search} reaches the field of the {@link ArticleQuery} it stands for, and only that
 * one; bad values are usage errors. The query is built from the parsed command line, without servers.
 */
class SearchCommandOptionsTest {
    /** Servers that refuse connections: a bad value that slipped through would fail with exit 1, not 2. */
    private static final String[] NO_SERVERS = {"--kafka", "127.0.0.1:9", "--elasticsearch", "http://127.0.0.1:9"};

    private static SearchCommand parse(String... args) {
        var command = new SearchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static ArticleQuery query(String... args) {
        return parse(args).query();
    }

    /** Every list option, each with a repeated and a comma-separated value, and the field it fills. */
    static Stream<Arguments> listOptions() {
        return Stream.of(
                Arguments.of("--type", (Function<ArticleQuery, List<String>>) ArticleQuery::outsourcingTypes),
                Arguments.of("-t", (Function<ArticleQuery, List<String>>) ArticleQuery::outsourcingTypes),
                Arguments.of("--country", (Function<ArticleQuery, List<String>>) ArticleQuery::countries),
                Arguments.of("-c", (Function<ArticleQuery, List<String>>) ArticleQuery::countries),
                Arguments.of("--region", (Function<ArticleQuery, List<String>>) ArticleQuery::regions),
                Arguments.of("--org", (Function<ArticleQuery, List<String>>) ArticleQuery::organizations),
                Arguments.of("--organization", (Function<ArticleQuery, List<String>>) ArticleQuery::organizations),
                Arguments.of("--person", (Function<ArticleQuery, List<String>>) ArticleQuery::people),
                Arguments.of("--figure", (Function<ArticleQuery, List<String>>) ArticleQuery::figureKinds),
                Arguments.of("--segment", (Function<ArticleQuery, List<String>>) ArticleQuery::figureSegments));
    }

    /** The list fields of a query, to check that an option fills its own and leaves the others empty. */
    private static final List<Function<ArticleQuery, List<String>>> LIST_FIELDS = List.of(
            ArticleQuery::outsourcingTypes, ArticleQuery::countries, ArticleQuery::regions,
            ArticleQuery::organizations, ArticleQuery::people, ArticleQuery::figureKinds,
            ArticleQuery::figureSegments);

    @ParameterizedTest(name = "{0}")
    @MethodSource("listOptions")
    void aListOptionFillsItsOwnFilterOnly(String option, Function<ArticleQuery, List<String>> field) {
        var query = query(option, "Alpha One,Beta", option, "Gamma");

        assertEquals(List.of("Alpha One", "Beta", "Gamma"), field.apply(query), "repeated and comma-separated");
        long filled = LIST_FIELDS.stream().filter(f -> !f.apply(query).isEmpty()).count();
        assertEquals(1, filled, option + " fills one filter only: " + query);
        assertNull(query.publishedFrom());
        assertNull(query.publishedTo());
        assertNull(query.figureYearFrom());
        assertNull(query.figureYearTo());
    }

    @Test
    void withoutOptionsTheQueryFiltersNothing() {
        var query = query();

        LIST_FIELDS.forEach(f -> assertEquals(List.of(), f.apply(query)));
        assertEquals("", query.text());
        assertFalse(query.filtersFigures());
        assertEquals(Set.of(), query.facets());
        assertEquals(0, query.from());
        assertEquals(10, query.size());
    }

    @Test
    void wordsBecomeTheFreeText() {
        assertEquals("contact centre", query("contact", "centre").text());
    }

    @Test
    void sinceAndUntilBoundThePublicationDays() {
        var both = query("--since", "2025-01-01", "--until", "2025-03-31");
        assertEquals(LocalDate.of(2025, 1, 1), both.publishedFrom());
        assertEquals(LocalDate.of(2025, 3, 31), both.publishedTo());

        var since = query("--since", "2025-01-01");
        assertEquals(LocalDate.of(2025, 1, 1), since.publishedFrom());
        assertNull(since.publishedTo());

        var until = query("--until", "2025-03-31");
        assertNull(until.publishedFrom());
        assertEquals(LocalDate.of(2025, 3, 31), until.publishedTo());
    }

    @ParameterizedTest(name = "--year {0}")
    @CsvSource(nullValues = "open", value = {
        "2026,       2026, 2026",
        "2024..2026, 2024, 2026",
        "2024..,     2024, open",
        "..2025,     open, 2025",
        "' 2024 .. 2026 ', 2024, 2026"})
    void yearSetsTheFigureYearRange(String year, Integer from, Integer to) {
        var query = query("--year", year);

        assertEquals(from, query.figureYearFrom());
        assertEquals(to, query.figureYearTo());
        assertTrue(query.filtersFigures());
    }

    @Test
    void figureSegmentAndYearGoTogetherIntoOneQuery() {
        var query = query("--figure", "market_size", "--segment", "BPO", "--year", "2024..2026");

        assertEquals(List.of("market_size"), query.figureKinds());
        assertEquals(List.of("BPO"), query.figureSegments());
        assertEquals(2024, query.figureYearFrom());
        assertEquals(2026, query.figureYearTo());
    }

    @Test
    void facetsAreNamedByTheirWireNamesOrAll() {
        assertEquals(Set.of(Facet.MARKET_SIZE, Facet.TYPES, Facet.FIGURE_KINDS),
                query("--facet", "market-size,types", "-f", "FIGURE_KINDS").facets());
        assertEquals(EnumSet.allOf(Facet.class), query("--facet", "all").facets());
        for (Facet facet : Facet.values()) {
            assertEquals(Set.of(facet), query("--facet", facet.wireName()).facets(), facet.wireName());
        }
    }

    @Test
    void sizeAndOffsetPage() {
        var query = query("-n", "0", "--offset", "20");
        assertEquals(0, query.size());
        assertEquals(20, query.from());
        assertEquals(5, query("--size", "5").size());
    }

    @Test
    void idShowsOneArticleInsteadOfSearching() {
        var byId = parse("--id", "3f1c-abc", "--type", "BPO");
        assertEquals("3f1c-abc", byId.id);
        assertNull(byId.searchQuery(), "--id asks for one article, not a search");

        var search = parse("--type", "BPO");
        assertNull(search.id);
        var built = search.searchQuery();
        assertNotNull(built);
        assertEquals(List.of("BPO"), built.outsourcingTypes());
    }

    /** The control for the next test: with good values, the command gets past its options to the (absent) server. */
    @Test
    void goodValuesGetPastTheOptionsToTheServer() {
        var argv = Stream.concat(Stream.of("search", "--year", "2024..2026", "--since", "2025-01-01", "--facet",
                "all"), Arrays.stream(NO_SERVERS)).toArray(String[]::new);

        var run = CliRun.of(argv);

        assertEquals(ExitCodes.FAILURE, run.exitCode(), run.err());
        assertTrue(run.err().contains("is the server running?"), run.err());
    }

    /** A bad value: exit 2 and one line on standard error naming the problem, before any server is contacted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--year abc                          | --year",
        "--year 2024..2025..2026             | --year",
        "--year ..                           | --year",
        "--year 2026..2024                   | figure year range is empty",
        "--since not-a-date                  | --since",
        "--until 2025-13-01                  | --until",
        "--since 2025-05-01 --until 2025-04-01 | publication range is empty",
        "--facet nope                        | unknown facet 'nope'",
        "--size abc                          | --size",
        "--offset -1                         | from and size must be >= 0"})
    void aBadValueIsAUsageErrorOnOneLine(String args, String mentions) {
        var argv = Stream.concat(Stream.concat(Stream.of("search"), Arrays.stream(args.strip().split(" +"))),
                Arrays.stream(NO_SERVERS)).toArray(String[]::new);

        var run = CliRun.of(argv);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("outsight: "), run.err());
        assertTrue(run.err().contains(mentions.strip()), run.err());
        assertEquals("", run.out());
    }
}
