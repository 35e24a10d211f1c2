package io.outsight.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchParametersUniqueTest {

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "false, false", "0, false", "no, false",
            "'', false"})
    void uniqueIsABooleanParameterOfSearchFacetsAndFigures(String value, boolean expected) {
        var params = Map.of("unique", List.of(value), "type", List.of("BPO"));
        assertEquals(expected, SearchParameters.parse(params, Set.of(), 10).unique());
        assertEquals(expected, SearchParameters.parseFigures(params, 10).unique());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2"})
    void refusesAnythingButABoolean(String value) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SearchParameters.parse(Map.of("unique", List.of(value)), Set.of(), 10));
        assertTrue(e.getMessage().contains("unique"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void absentMeansEveryCopy() {
        assertEquals(false, SearchParameters.parse(Map.of("q", List.of("bpo")), Set.of(), 10).unique());
    }
}
