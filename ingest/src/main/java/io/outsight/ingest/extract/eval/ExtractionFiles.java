package io.outsight.ingest.extract.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the files of an extraction run: truth files, prediction files ({@code { "<id>": {
 * "articleBody": …, "title": …, "published_at": … } }}) and saved pages. Stateless and thread-safe.
 */
public final class ExtractionFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:-]+)");

    private ExtractionFiles() {}

    /** Reads a truth file, ordered by page id. */
    public static SequencedMap<String, TruthEntry> readTruth(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isObject()) {
            throw new IOException("Truth file " + file + " is not a JSON object of pages");
        }
        var truth = new TreeMap<String, TruthEntry>();
        for (var entry : root.properties()) {
            JsonNode page = entry.getValue();
            JsonNode url = page.get("url");
            JsonNode body = page.get("articleBody");
            truth.put(entry.getKey(), new TruthEntry(
                    url == null || url.isNull() ? null : url.asText(),
                    body == null || body.isNull() ? "" : body.asText()));
        }
        return new LinkedHashMap<>(truth);
    }

    /** Reads a prediction file written by {@link #writePredictions}; only {@code articleBody} is needed. */
    public static SequencedMap<String, String> readPredictedBodies(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isObject()) {
            throw new IOException("Prediction file " + file + " is not a JSON object of pages");
        }
        var bodies = new LinkedHashMap<String, String>();
        for (var entry : root.properties()) {
            JsonNode body = entry.getValue().get("articleBody");
            bodies.put(entry.getKey(), body == null || body.isNull() ? "" : body.asText());
        }
        return bodies;
    }

    /** Writes {@code { "<id>": { "articleBody": …, "title": …, "published_at": … } }} in the map's order. */
    public static void writePredictions(Map<String, ExtractionResult> results, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        results.forEach((id, r) -> {
            ObjectNode page = root.putObject(id);
            page.put("articleBody", r.articleBody());
            page.put("title", r.title());
            if (r.publishedAt() == null) {
                page.putNull("published_at");
            } else {
                page.put("published_at", r.publishedAt().toString());
            }
        });
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    /**
     * Decodes a saved page: a byte order mark wins, then a charset declared in the first 4 KB, then UTF-8 (what
     * browsers assume for saved pages without a declaration).
     */
    public static String decodeHtml(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (m.find()) {
            try {
                Charset declared = Charset.forName(m.group(1));
                // A page saved as UTF-8 often keeps its original declaration; trust bytes that are valid UTF-8.
                if (!declared.equals(StandardCharsets.UTF_8) && !isValidUtf8(bytes)) {
                    return new String(bytes, declared);
                }
            } catch (IllegalArgumentException unknownCharset) {
                // fall through to UTF-8
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
