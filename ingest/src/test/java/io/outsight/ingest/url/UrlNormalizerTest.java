package io.outsight.ingest.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest
    @CsvSource({
        "HTTP://Example.COM/a/b, http://example.com/a/b",
        "https://example.com:443/x, https://example.com/x",
        "http://example.com:80, http://example.com/",
        "http://example.com:8080/x, http://example.com:8080/x",
        "https://example.com/a#section-2, https://example.com/a",
        "https://example.com/a?utm_source=x&id=7&utm_medium=y, https://example.com/a?id=7",
        "https://example.com/a?fbclid=abc, https://example.com/a",
        "https://bücher.example/straße, https://xn--bcher-kva.example/stra%C3%9Fe",
        "'  https://example.com/padded  ', https://example.com/padded",
        "https://example.com./a, https://example.com/a",
    })
    void normalises(String input, String expected) {
        assertEquals(expected, normalizer.normalize(input));
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://example.com/file, only http and https",
        "mailto:someone@example.com, only http and https",
        "/relative/path, only http and https",
        "https://user:pw@example.com/, credentials",
        "'http://exa mple.com/', not a URL",
    })
    void refusesWithAReason(String input, String reason) {
        var e = assertThrows(InvalidUrlException.class, () -> normalizer.normalize(input));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
