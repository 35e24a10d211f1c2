package io.outsight.app.process;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A worker's heap high-water marks, as {@link HeapWatch} records them (see there for what each peak means). Stored
 * as a small properties file ({@code peak_used_bytes=…}).
 *
 * @param peakUsedBytes the most heap in use at any moment, garbage included
 * @param peakLiveBytes the most heap in use right after a collection (0 when no collection happened yet)
 * @param maxBytes the heap limit ({@code -Xmx})
 * @param collections garbage-collection pauses so far
 * @param pauseMillis their total duration
 */
public record HeapStats(long peakUsedBytes, long peakLiveBytes, long maxBytes, long collections, long pauseMillis) {

    String format() {
        return "peak_used_bytes=" + peakUsedBytes + "\npeak_live_bytes=" + peakLiveBytes + "\nmax_bytes=" + maxBytes
                + "\ncollections=" + collections + "\npause_millis=" + pauseMillis + "\n";
    }

    /** Parses {@link #format()}'s output. */
    static HeapStats parse(String text) {
        var properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return new HeapStats(number(properties, "peak_used_bytes"), number(properties, "peak_live_bytes"),
                number(properties, "max_bytes"), number(properties, "collections"), number(properties, "pause_millis"));
    }

    /** The stats in a file a worker wrote; empty when it has not written one (yet). */
    public static Optional<HeapStats> read(Path file) {
        try {
            return Optional.of(parse(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long number(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return Long.parseLong(value.strip());
    }
}
