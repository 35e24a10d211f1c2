package io.outsight.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlListFileTest {
    @Test
    void readsOneUrlPerLineSkippingCommentsAndBlankLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("urls.txt");
        Files.writeString(file, """
                \uFEFF# Outsourcing sources
                https://example.com/a

                   https://example.com/b#section   # a comment after the URL
                #https://example.com/commented-out
                https://bücher.example/straße
                """, StandardCharsets.UTF_8);
        assertEquals(List.of("https://example.com/a", "https://example.com/b#section", "https://bücher.example/straße"),
                UrlListFile.read(file));
    }
}
