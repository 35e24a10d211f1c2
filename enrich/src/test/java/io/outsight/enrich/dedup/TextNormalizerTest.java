package io.outsight.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            India's BPO market grew 7.4% in 2025.                  | india s bpo market grew 7 4 in 2025
            INDIA’S  BPO\u00a0market — grew 7.4 % in ２０２５…        | india s bpo market grew 7 4 in 2025
            "India's" BPO-market grew:\\n\\n7.4% (in 2025)           | india s bpo market grew 7 4 in 2025
            Ärzte in Köln: Straße ﬁnanziert                         | ärzte in köln straße finanziert
            भारत का बीपीओ बाज़ार                                       | भारत का बीपीओ बाज़ार
            ¡¿…!?                                                   | ``
            """)
    void foldsCaseWidthPunctuationAndSpacingButKeepsLettersOfAnyScript(String text, String expected) {
        List<String> words = TextNormalizer.words(text.replace("\\n", "\n"));
        assertEquals(expected, String.join(" ", words));
    }
}
