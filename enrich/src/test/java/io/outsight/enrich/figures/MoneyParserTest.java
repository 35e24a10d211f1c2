package io.outsight.enrich.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyParserTest {

    /** "value currency [surface]" of each amount, "; "-joined; a range shows "low-high". */
    static String found(String text) {
        List<Money> money = MoneyParser.parse(text);
        return money.stream().map(m -> (m.high() == null ? String.valueOf(m.value()) : m.value() + "-" + m.high())
                + " " + m.currency() + " [" + text.substring(m.start(), m.end()) + "]").collect(Collectors.joining("; "));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "worth USD 343.2 billion by 2025 => 3.432E11 USD [USD 343.2 billion]",
        "worth US$ 343.2bn => 3.432E11 USD [US$ 343.2bn]",
        "worth US $343.2 bn => 3.432E11 USD [US $343.2 bn]",
        "worth $1.2 trillion => 1.2E12 USD [$1.2 trillion]",
        "a $500k contract => 500000.0 USD [$500k]",
        "a $3.5MM deal => 3500000.0 USD [$3.5MM]",
        "Rs 5,000 crore in exports => 5.0E10 INR [Rs 5,000 crore]",
        "Rs. 12 lakh => 1200000.0 INR [Rs. 12 lakh]",
        "₹2.5 lakh crore => 2.5E12 INR [₹2.5 lakh crore]",
        "a Rs 5,000-crore deal => 5.0E10 INR [Rs 5,000-crore]",
        "INR 1,00,000 => 100000.0 INR [INR 1,00,000]",
        "€1,5 Mrd und EUR 1,5 billion => 1.5E9 EUR [€1,5 Mrd]; 1.5E9 EUR [EUR 1,5 billion]",
        "£20m from the UK => 2.0E7 GBP [£20m]",
        "₱ 120 billion in the Philippines => 1.2E11 PHP [₱ 120 billion]",
        "343.2 billion US dollars => 3.432E11 USD [343.2 billion US dollars]",
        "5,000 crore rupees => 5.0E10 INR [5,000 crore rupees]",
        "10 million euros => 1.0E7 EUR [10 million euros]",
        "USD343.2billion without spaces => 3.432E11 USD [USD343.2billion]",
        "USD  343.2   billion with odd spacing => 3.432E11 USD [USD  343.2   billion]",
        "$10-12 billion => 1.0E10-1.2E10 USD [$10-12 billion]",
        "$10bn–$12bn => 1.0E10-1.2E10 USD [$10bn–$12bn]",
        "USD 10 to 12 billion => 1.0E10-1.2E10 USD [USD 10 to 12 billion]",
        "from $200 billion to $343 billion => 2.0E11 USD [$200 billion]; 3.43E11 USD [$343 billion]",
        "between $19.1 billion and $19.3 billion => 1.91E10-1.93E10 USD [$19.1 billion and $19.3 billion]",
        "NT$ 5 billion in Taiwan => 5.0E9 TWD [NT$ 5 billion]",
        "S$ 2 billion and A$3bn => 2.0E9 SGD [S$ 2 billion]; 3.0E9 AUD [A$3bn]",
        "revenues of P2.1 trillion and P25,000 a month => 2.1E12 PHP [P2.1 trillion]; 25000.0 PHP [P25,000]",
        "no money here, just 2025 and 7.4% => NONE",
        "P2P lending and P5 each are no pesos => NONE",
        "a 9mm pistol and 3 kg => NONE",
    })
    void findsMoneyWithCurrencyScaleAndRanges(String text, String expected) {
        assertEquals(expected.equals("NONE") ? "" : expected, found(text));
    }
}
