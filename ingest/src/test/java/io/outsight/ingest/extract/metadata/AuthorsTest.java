package io.outsight.ingest.extract.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            By Jane Doe                                  | Jane Doe
            BY JANE DOE and John Roe                     | JANE DOE;John Roe
            Jane Doe, John Roe & Ann Poe                 | Jane Doe;John Roe;Ann Poe
            Analysis by Chris Cillizza, CNN Editor-at-large | Chris Cillizza
            Von Jürgen Weiß und Anna Groß                | Jürgen Weiß;Anna Groß
            Текст: Венера Ерофеева                       | Венера Ерофеева
            Jean-Luc Picard - Staff Writer               | Jean-Luc Picard
            'Maria Lopez, Updated 3 hours ago'           | Maria Lopez
            https://www.facebook.com/someone             | ''
            @handle                                      | ''
            """)
    void cleansBylinesIntoNames(String raw, String expected) {
        List<String> names = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(";"));
        assertEquals(names, Authors.clean(List.of(raw)));
    }

    @org.junit.jupiter.api.Test
    void dropsDuplicatesWhateverTheirCase() {
        assertEquals(List.of("Jane Doe"), Authors.clean(List.of("Jane Doe", "By JANE DOE", "jane doe")));
    }
}
