package io.outsight.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.outsight.core.config.ConfigKeys;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kibana saved objects in {@code deploy/kibana/} name only fields that the index mappings define, with types
 * that suit their use, and every reference resolves inside the file; the check rejects broken copies of the file
 * with a message that names the culprit. No Kibana needed.
 */
class KibanaObjectsTest {
    static final String OBJECTS_FILE = "deploy/kibana/outsight-saved-objects.ndjson";

    private static final KibanaObjectsCheck CHECK = new KibanaObjectsCheck(KibanaMappings.byIndexName());

    @Test
    void savedObjectsUseOnlyFieldsTheIndexMappingsDefine() {
        List<String> problems = CHECK.problems(RepositoryFiles.read(OBJECTS_FILE));

        assertEquals(List.of(), problems, () -> OBJECTS_FILE + " has problems:\n  " + String.join("\n  ", problems));
    }

    @Test
    void dataViewsReadTheArticleAliasAndTheFetchStatusIndex() {
        Map<String, String> timeFieldByTitle = objects().stream()
                .filter(object -> object.type().equals("index-pattern"))
                .collect(Collectors.toMap(object -> object.attributes().path("title").asText(),
                        object -> object.attributes().path("timeFieldName").asText()));

        assertEquals(Map.of(
                ConfigKeys.INDEX_ALIAS.defaultValue(), "published_at",
                ConfigKeys.INDEX_FETCH_STATUS_INDEX.defaultValue(), "checked_at"), timeFieldByTitle);
    }

    @Test
    void dashboardShowsEveryVisualisationOfTheFile() throws IOException {
        List<SavedObject> objects = objects();
        Set<String> shown = objects.stream().filter(object -> object.type().equals("dashboard"))
                .flatMap(dashboard -> dashboard.references().stream())
                .map(reference -> reference.type() + "/" + reference.id())
                .collect(Collectors.toSet());

        Set<String> panels = objects.stream()
                .filter(object -> Set.of("lens", "visualization", "search").contains(object.type()))
                .map(object -> object.type() + "/" + object.id())
                .collect(Collectors.toSet());

        assertFalse(panels.isEmpty(), "the file holds no visualisation");
        assertEquals(panels, shown, "every visualisation is on the dashboard, and the dashboard shows nothing else");
        JsonNode dashboard = objects.stream().filter(object -> object.type().equals("dashboard")).findFirst()
                .orElseThrow().attributes();
        assertEquals(panels.size(), SavedObjectsFile.JSON.readTree(dashboard.path("panelsJSON").asText()).size(),
                "one panel for each visualisation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVariants")
    void rejectsBrokenSavedObjectsNamingTheProblem(String variant, String fragment, String replacement,
            String expectedInMessage) {
        String broken = TextEdits.replaceOnce(RepositoryFiles.read(OBJECTS_FILE), fragment, replacement);

        List<String> problems = CHECK.problems(broken);

        assertFalse(problems.isEmpty(), () -> "accepted saved objects with " + variant);
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expectedInMessage)),
                () -> "no message names the problem '" + expectedInMessage + "'; got:\n  "
                        + String.join("\n  ", problems));
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                Arguments.of("a misspelt field in a Lens column",
                        "\"sourceField\":\"tags.countries\"", "\"sourceField\":\"tags.country\"",
                        "field 'tags.country' is not in the mapping of 'outsight-articles'"),
                Arguments.of("a Lens column on a field of the nested market figures",
                        "\"sourceField\":\"tags.countries\"", "\"sourceField\":\"market_figures.country\"",
                        "field 'market_figures.country' is inside the nested object 'market_figures', which Lens"
                                + " cannot aggregate"),
                Arguments.of("a Lens terms column on a text field",
                        "\"sourceField\":\"tags.organizations\"", "\"sourceField\":\"title\"",
                        "field 'title' is a text field, which cannot be aggregated"),
                Arguments.of("a date histogram on a number",
                        "\"sourceField\":\"published_at\"", "\"sourceField\":\"relevance\"",
                        "field 'relevance' is a float field, not a date"),
                Arguments.of("a misspelt field in a Lens query",
                        "failed : true", "faled : true",
                        "field 'faled' is not in the mapping of 'outsight-fetch-status'"),
                Arguments.of("a data view time field that is not in the mapping",
                        "\"timeFieldName\":\"checked_at\"", "\"timeFieldName\":\"checkedAt\"",
                        "timeFieldName: field 'checkedAt' is not in the mapping of 'outsight-fetch-status'"),
                Arguments.of("a data view on an index whose mapping is unknown",
                        "\"title\":\"outsight-fetch-status\"", "\"title\":\"outsight-fetch-statuses\"",
                        "data view title 'outsight-fetch-statuses' is none of the indices"),
                Arguments.of("a misspelt field in the Vega aggregation",
                        "market_figures.currency", "market_figures.curency",
                        "field 'market_figures.curency' is not in the mapping of 'outsight-articles'"),
                Arguments.of("a root field inside the nested aggregation of the Vega spec",
                        "market_figures.kind", "tags.outsourcing_types",
                        "field 'tags.outsourcing_types' is not in a nested object but is used inside one on"
                                + " 'market_figures'"),
                Arguments.of("a misspelt sort field of the saved search",
                        "[[\"published_at\",\"desc\"]]", "[[\"published\",\"desc\"]]",
                        "sort: field 'published' is not in the mapping of 'outsight-articles'"),
                Arguments.of("a dashboard reference to an object that is not in the file",
                        "\"id\":\"outsight-top-organizations\",\"name\"", "\"id\":\"outsight-top-organisations\",\"name\"",
                        "points at lens 'outsight-top-organisations', which is not in the file"),
                Arguments.of("an object without an id",
                        "\"id\":\"outsight-dashboard-about\",\"managed\"", "\"managed\"",
                        "a saved object needs a type, an id and an attributes object"),
                Arguments.of("a line that is not JSON",
                        "{\"attributes\":{\"columns\":", "{\"attributes\":{columns:",
                        "not a JSON object"));
    }

    private static List<SavedObject> objects() {
        SavedObjectsFile file = SavedObjectsFile.parse(RepositoryFiles.read(OBJECTS_FILE));
        assertEquals(List.of(), file.problems());
        return file.objects();
    }
}
