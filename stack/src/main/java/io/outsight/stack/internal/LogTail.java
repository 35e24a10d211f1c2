package io.outsight.stack.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the end of a log file for error messages. Stateless. */
public final class LogTail {
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    /** The size of the file now (0 if missing): pass it to {@link #describe} to see only what is written after. */
    public static long mark(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code lines} lines of the file (from at most its last 64 KiB), or an empty list if unreadable. */
    public static List<String> lastLines(Path file, int lines) {
        return lastLines(file, lines, 0);
    }

    /**
     * The last {@code lines} lines written after byte {@code from} (from the start if the file is now shorter,
     * having been rolled or truncated), read from at most the last 64 KiB; an empty list if unreadable.
     */
    public static List<String> lastLines(Path file, int lines, long from) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            long start = from <= size ? from : 0;
            int length = (int) Math.min(size - start, MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read until full or end of file
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> all = Arrays.asList(text.split("\\R"));
            if (length < size - start && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line was cut in the middle
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A message paragraph: {@code "<label> <path>, last lines:"} followed by the indented lines, or a note that the
     * file is missing or empty.
     */
    public static String describe(String label, Path file, int lines) {
        return describe(label, file, lines, 0);
    }

    /** As {@link #describe(String, Path, int)}, showing only what was written after byte {@code from}. */
    public static String describe(String label, Path file, int lines, long from) {
        List<String> tail = lastLines(file, lines, from).stream().filter(l -> !l.isBlank()).toList();
        if (tail.isEmpty()) {
            return label + " " + file + (Files.exists(file) ? " has nothing new." : " does not exist.");
        }
        StringBuilder out = new StringBuilder(label).append(' ').append(file).append(", last lines:");
        for (String line : tail) {
            out.append("\n    ").append(line);
        }
        return out.toString();
    }
}
