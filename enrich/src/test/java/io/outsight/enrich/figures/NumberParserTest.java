package io.outsight.enrich.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "343.2 => 343.2",
        "1,500 => 1500",
        "1,234,567.89 => 1234567.89",
        "1.234.567,89 => 1234567.89",
        "1,00,000 => 100000",
        "12,50,000 => 1250000",
        "7,4 => 7.4",
        "1,5 => 1.5",
        "1\u00a0234 => 1234",
        "1'234 => 1234",
        "0.5 => 0.5",
        "2025 => 2025",
    })
    void readsNumbersAsWritten(String written, double expected) {
        assertEquals(expected, NumberParser.parse(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "-", ",", "1.2.3,4,5x"})
    void returnsNullForNoNumber(String written) {
        assertNull(NumberParser.parse(written));
    }

    @org.junit.jupiter.api.Test
    void scalesInDecimal() {
        assertEquals(3.432E11, NumberParser.scaled("343.2", 1e9));
        assertEquals(5.252E11, NumberParser.scaled("525.2", 1e9));
    }
}
