package io.outsight.enrich.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentAndPeriodParserTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "at a 7.4% CAGR => 7.4 [7.4%]",
        "a CAGR of 8 % from 2020 => 8.0 [8 %]",
        "grew 7,4 per cent => 7.4 [7,4 per cent]",
        "up 12percent => 12.0 [12percent]",
        "rose 5 pct => 5.0 [5 pct]",
        "7-8% growth => 7.0 [7-8%]",
        "gained 3 percentage points => 3.0 [3 percentage points]",
        "in 2025 and 12 per centum => NONE",
    })
    void findsPercentages(String text, String expected) {
        String found = PercentParser.parse(text).stream()
                .map(p -> p.value() + " [" + text.substring(p.start(), p.end()) + "]").collect(Collectors.joining("; "));
        assertEquals(expected.equals("NONE") ? "" : expected, found);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "by 2025 => y2025 [2025]",
        "in FY18 => y2018 [FY18]",
        "in FY 2024 => y2024 [FY 2024]",
        "in FY2018-19 => y2019 [FY2018-19]",
        "in fiscal 2023 => y2023 [fiscal 2023]",
        "in 2018–19 => p2018-2019 [2018–19]",
        "from 2020 to 2027 => p2020-2027 [from 2020 to 2027]",
        "between 2021 and 2028 => p2021-2028 [between 2021 and 2028]",
        "over 2023-2030 => p2023-2030 [2023-2030]",
        "Q3 2024 results => y2024 [2024]",
        "3,000 staff and $2025 or 1850 => NONE",
    })
    void findsYearsAndPeriods(String text, String expected) {
        String found = PeriodParser.parse(text).stream()
                .map(p -> (p.isPeriod() ? "p" + p.periodStart() + "-" + p.periodEnd() : "y" + p.year())
                        + " [" + text.substring(p.start(), p.end()) + "]").collect(Collectors.joining("; "));
        assertEquals(expected.equals("NONE") ? "" : expected, found);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "employs 1.2 million people => 1200000.0",
        "some 300,000 employees => 300000.0",
        "1.3 million Filipino workers => 1300000.0",
        "a 1.4 million-strong workforce => 1400000.0",
        "a workforce of over 50,000 => 50000.0",
        "will create 10,000 jobs => 10000.0",
        "5 lakh professionals => 500000.0",
        "2.5 million customers => NONE",
    })
    void findsHeadcounts(String text, String expected) {
        String found = HeadcountParser.parse(text).stream().map(h -> String.valueOf(h.value())).collect(Collectors.joining("; "));
        assertEquals(expected.equals("NONE") ? "" : expected, found);
    }
}
