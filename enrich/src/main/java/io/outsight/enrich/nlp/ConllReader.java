package io.outsight.enrich.nlp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Reads CoNLL-style named-entity corpora ("token TAG" or "token POS chunk TAG" per line, IO or BIO tags, blank
 * lines between sentences, {@code -DOCSTART-} lines between documents) into OpenNLP {@link NameSample}s, one
 * document per list. Types: PER is person, ORG organization, LOC location, MISC misc. Stateless and thread-safe.
 */
public final class ConllReader {
    static final Map<String, String> TYPES = Map.of("PER", "person", "ORG", "organization", "LOC", "location", "MISC", "misc");

    private ConllReader() {}

    /** The documents of a corpus file, each a list of sentences. */
    public static List<List<NameSample>> read(Path file) throws IOException {
        List<List<NameSample>> documents = new ArrayList<>();
        List<NameSample> document = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-DOCSTART-")) {
                flush(tokens, tags, document);
                if (!document.isEmpty()) {
                    documents.add(document);
                    document = new ArrayList<>();
                }
                continue;
            }
            if (trimmed.isEmpty()) {
                flush(tokens, tags, document);
                continue;
            }
            String[] columns = trimmed.split("\\s+");
            tokens.add(columns[0]);
            tags.add(columns.length > 1 ? columns[columns.length - 1] : "O");
        }
        flush(tokens, tags, document);
        if (!document.isEmpty()) {
            documents.add(document);
        }
        return documents;
    }

    private static void flush(List<String> tokens, List<String> tags, List<NameSample> document) {
        if (tokens.isEmpty()) {
            return;
        }
        document.add(new NameSample(tokens.toArray(new String[0]), spans(tags), document.isEmpty()));
        tokens.clear();
        tags.clear();
    }

    /** Runs of the same type become one span; a B- tag starts a new one. */
    static Span[] spans(List<String> tags) {
        List<Span> spans = new ArrayList<>();
        int start = -1;
        String type = null;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            String t = tag.length() > 2 && tag.charAt(1) == '-' ? TYPES.get(tag.substring(2)) : null;
            boolean begin = tag.startsWith("B-");
            if (type != null && (t == null || !t.equals(type) || begin)) {
                spans.add(new Span(start, i, type));
                type = null;
            }
            if (t != null && type == null) {
                type = t;
                start = i;
            }
        }
        return spans.toArray(new Span[0]);
    }
}
