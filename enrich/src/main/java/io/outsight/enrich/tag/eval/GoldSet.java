package io.outsight.enrich.tag.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An annotated set of documents, read from the JSON format of docs/taxonomy.md ("Evaluation"):
 *
 * <pre>
 * {"format": "outsight-tagging-gold/1", "documents": [
 *   {"id": "dev-001", "title": "…", "text": "…",
 *    "entities": [{"type": "country", "text": "India", "canonical": "IN", "start": 12}, …],
 *    "market_figures": [{"kind": "market_size", "value": 3.432e11, "currency": "USD", "year": 2025, …}, …]}]}
 * </pre>
 *
 * An entity without {@code start} stands for every whole-word occurrence of its text, or for the n-th one with
 * {@code "occurrence": n}. Entities are checked on reading: the text must be found where it is said to be.
 */
public record GoldSet(List<Document> documents) {

    public GoldSet {
        documents = List.copyOf(documents);
    }

    /** One annotated document. */
    public record Document(String id, String title, String text, List<Span> entities, List<Figure> figures) {}

    /** One gold mention. */
    public record Span(String type, String canonical, int start, int end) {}

    /**
     * One gold market figure; the fields other than kind and value are null when the annotator left them out, and
     * then they are not scored.
     */
    public record Figure(String kind, double value, @Nullable String currency, @Nullable String unit, JsonNode fields) {
        /** Whether the figure is an amount of money. */
        public boolean isMoney() {
            return currency != null;
        }
    }

    public static GoldSet read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static GoldSet read(InputStream in, String name) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.path("documents").isArray()) {
            throw new GoldFormatException(name + ": expected an object with a \"documents\" array");
        }
        List<Document> docs = new ArrayList<>();
        for (JsonNode d : root.path("documents")) {
            String id = d.path("id").asText("document " + (docs.size() + 1));
            String text = required(d, "text", name, id);
            List<Span> spans = new ArrayList<>();
            for (JsonNode e : d.path("entities")) {
                spans.addAll(spans(e, text, name, id));
            }
            List<Figure> figures = new ArrayList<>();
            for (JsonNode f : d.path("market_figures")) {
                if (!f.path("value").isNumber()) {
                    throw new GoldFormatException(name + ": " + id + ": a market figure needs a numeric \"value\"");
                }
                figures.add(new Figure(required(f, "kind", name, id), f.path("value").asDouble(),
                        f.hasNonNull("currency") ? f.get("currency").asText() : null,
                        f.hasNonNull("unit") ? f.get("unit").asText() : null, f));
            }
            docs.add(new Document(id, d.path("title").asText(""), text, spans, figures));
        }
        return new GoldSet(docs);
    }

    private static String required(JsonNode node, String field, String name, String id) throws GoldFormatException {
        if (!node.hasNonNull(field)) {
            throw new GoldFormatException(name + ": " + id + ": missing \"" + field + "\" in " + node);
        }
        return node.get(field).asText();
    }

    private static List<Span> spans(JsonNode e, String text, String name, String id) throws GoldFormatException {
        String type = required(e, "type", name, id);
        String surface = required(e, "text", name, id);
        String canonical = required(e, "canonical", name, id);
        if (e.hasNonNull("start")) {
            int start = e.get("start").asInt();
            if (start < 0 || start + surface.length() > text.length() || !text.startsWith(surface, start)) {
                throw new GoldFormatException(name + ": " + id + ": \"" + surface + "\" is not at offset " + start);
            }
            return List.of(new Span(type, canonical, start, start + surface.length()));
        }
        List<Span> all = new ArrayList<>();
        int from = 0;
        int i;
        while ((i = text.indexOf(surface, from)) >= 0) {
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + surface.length();
            boolean wordEnd = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (wordStart && wordEnd) {
                all.add(new Span(type, canonical, i, end));
            }
            from = i + 1;
        }
        if (all.isEmpty()) {
            throw new GoldFormatException(name + ": " + id + ": \"" + surface + "\" does not occur in the text");
        }
        if (e.hasNonNull("occurrence")) {
            int n = e.get("occurrence").asInt();
            if (n < 1 || n > all.size()) {
                throw new GoldFormatException(name + ": " + id + ": \"" + surface + "\" has no occurrence " + n);
            }
            return List.of(all.get(n - 1));
        }
        return all;
    }

    /** A gold file that does not follow the format; the message names the document. */
    public static final class GoldFormatException extends IOException {
        public GoldFormatException(String message) {
            super(message);
        }
    }
}
