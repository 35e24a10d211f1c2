package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void returnsTheLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "one\ntwo\nthree\nfour\n");

        assertEquals(List.of("three", "four"), LogTail.lastLines(log, 2));
        assertEquals(List.of("one", "two", "three", "four"), LogTail.lastLines(log, 10));
    }

    @Test
    void readsOnlyTheEndOfALargeFileAndDropsTheCutLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("big.log");
        String text = IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Files.writeString(log, text);

        List<String> tail = LogTail.lastLines(log, 100_000);

        assertEquals("line 19999", tail.getLast());
        assertEquals(List.of(), tail.stream().filter(l -> !l.matches("line \\d+")).toList());
        int first = Integer.parseInt(tail.getFirst().substring(5));
        assertEquals(20_000 - first, tail.size()); // contiguous up to the end, first line whole
    }

    @Test
    void describesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.log");
        assertEquals("Server log " + missing + " does not exist.", LogTail.describe("Server log", missing, 5));
    }

    @Test
    void describesTheTailIndented(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "a\nb\n");
        assertEquals("Server log " + log + ", last lines:\n    a\n    b", LogTail.describe("Server log", log, 5));
    }

    @Test
    void showsOnlyWhatWasWrittenAfterTheMark(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, "earlier run\n");
        long mark = LogTail.mark(log);
        Files.writeString(log, "this run\n", java.nio.file.StandardOpenOption.APPEND);

        assertEquals(List.of("this run"), LogTail.lastLines(log, 10, mark));
        assertEquals("Log " + log + ", last lines:\n    this run", LogTail.describe("Log", log, 10, mark));
        assertEquals(List.of("earlier run", "this run"), LogTail.lastLines(log, 10, 10_000)); // rolled: all of it
        assertEquals(0, LogTail.mark(dir.resolve("missing.log")));
    }
}
