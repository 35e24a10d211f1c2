package io.outsight.ingest.extract;

import io.outsight.ingest.extract.language.LanguageIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** What the extraction tests share: one language model (it takes a second to load) and the fixture pages. */
public final class TestExtractors {

    /** The "now" of the tests' clock: dates after it are in the future. */
    public static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");

    private static LanguageIdentifier languages;

    private TestExtractors() {}

    /** The language identifier with the real model, loaded once for all tests. */
    public static synchronized LanguageIdentifier languages() {
        if (languages == null) {
            languages = LanguageIdentifier.fromClasspath();
        }
        return languages;
    }

    /** An extractor whose clock stands at {@link #NOW}. */
    public static MainContentExtractor extractor() {
        return new MainContentExtractor(Clock.fixed(NOW, ZoneOffset.UTC), languages());
    }

    /** A fixture from {@code src/test/resources/extract/}. */
    public static String fixture(String name) {
        try (InputStream in = TestExtractors.class.getResourceAsStream("/extract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test fixture /extract/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
