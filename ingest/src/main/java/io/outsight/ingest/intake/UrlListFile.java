package io.outsight.ingest.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A text file of URLs, one per line. Blank lines and lines starting with {@code #} are skipped, and so is a comment
 * after white space at the end of a line ({@code https://a.example/x  # why}); a {@code #} inside a URL is kept.
 */
public final class UrlListFile {
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+#.*$");

    private UrlListFile() {}

    /** The URLs of the file, in order, as written (not yet normalised). */
    public static List<String> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<String> parse(String text) {
        var urls = new ArrayList<String>();
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (l.startsWith("\uFEFF")) {
                l = l.substring(1).strip();
            }
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            l = TRAILING_COMMENT.matcher(l).replaceFirst("");
            if (!l.isEmpty()) {
                urls.add(l);
            }
        }
        return urls;
    }
}
