package io.outsight.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapStatsTest {
    @Test
    void readsWhatItWrites(@TempDir Path dir) throws IOException {
        var stats = new HeapStats(200L << 20, 90L << 20, 256L << 20, 41, 312);
        Path file = dir.resolve("enrich-1.heap");
        Files.writeString(file, stats.format());
        assertEquals(Optional.of(stats), HeapStats.read(file));
    }

    @Test
    void aMissingOrTruncatedFileIsNoStats(@TempDir Path dir) throws IOException {
        assertTrue(HeapStats.read(dir.resolve("none.heap")).isEmpty());
        Path truncated = dir.resolve("truncated.heap");
        Files.writeString(truncated, "peak_used_bytes=12\npeak_live");
        assertTrue(HeapStats.read(truncated).isEmpty());
    }
}
