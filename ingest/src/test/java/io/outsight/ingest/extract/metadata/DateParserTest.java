package io.outsight.ingest.extract.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {

    private final DateParser parser =
            new DateParser(Clock.fixed(Instant.parse("2025-01-15T12:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2019-11-19T09:03:00Z                 | 2019-11-19T09:03:00Z
            2019-11-19T09:03:00.123-05:00        | 2019-11-19T14:03:00Z
            2019-11-19T09:03:00+0100             | 2019-11-19T08:03:00Z
            2019-11-19T09:03+05:30               | 2019-11-19T03:33:00Z
            2019-11-19 09:03:00                  | 2019-11-19T09:03:00Z
            2019-11-19                           | 2019-11-19T00:00:00Z
            20191119                             | 2019-11-19T00:00:00Z
            1574154180                           | 2019-11-19T09:03:00Z
            1574154180000                        | 2019-11-19T09:03:00Z
            'Tue, 19 Nov 2019 09:03:00 GMT'      | 2019-11-19T09:03:00Z
            'Nov. 19, 2019 9:03 am ET'           | 2019-11-19T14:03:00Z
            'November 19, 2019 at 3:15 p.m. EST' | 2019-11-19T20:15:00Z
            'Updated 19 November 2019 10:48'     | 2019-11-19T10:48:00Z
            '19.11.2019 09:03'                   | 2019-11-19T09:03:00Z
            'Published: 10:48, Tue, Nov 19, 2019'| 2019-11-19T10:48:00Z
            """)
    void normalisesToUtc(String written, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), parser.parse(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2031-01-01T00:00:00Z", "2025-01-17", "1970-01-01T00:00:00Z", "1989-12-31", "yesterday", "",
        "2019-13-45", "Subscribe now", "0"})
    void rejectsFutureAncientAndUnparseableDates(String written) {
        assertTrue(parser.parse(written).isEmpty(), written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-15T23:00:00Z", "2025-01-16T06:00:00+01:00"})
    void toleratesADayAheadForTimeZones(String written) {
        assertTrue(parser.parse(written).isPresent(), written);
    }
}
