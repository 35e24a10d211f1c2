package io.outsight.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlSnifferBinaryTest {

    private static byte[] body(String kind) {
        var random = new Random(3);
        return switch (kind) {
            case "random" -> {
                byte[] b = new byte[4096];
                random.nextBytes(b);
                yield b;
            }
            case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
                'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0};
            case "zeros" -> new byte[512];
            case "page" -> "<!DOCTYPE html><p>Plain page</p>".getBytes(StandardCharsets.UTF_8);
            case "page-with-a-stray-nul" -> "<html><body><p>\u0000\u0001 junk</p></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            case "utf16-with-bom" -> "\uFEFF<html><body><p>Text</p></body></html>".getBytes(StandardCharsets.UTF_16BE);
            case "utf16-declared" -> "<html><body><p>Text</p></body></html>".getBytes(StandardCharsets.UTF_16LE);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @CsvSource({
        "random, , true",
        "png, , true",
        "zeros, , true",
        "page, , false",
        "page-with-a-stray-nul, , false",
        "utf16-with-bom, , false",
        "utf16-declared, UTF-16LE, false",
    })
    void tellsBinaryFromText(String kind, String declaredCharset, boolean binary) {
        assertEquals(binary, HtmlSniffer.looksBinary(body(kind), declaredCharset));
    }
}
