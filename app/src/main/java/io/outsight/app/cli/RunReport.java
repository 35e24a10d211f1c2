package io.outsight.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.FetchStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Prints what {@code outsight run} did for each URL: human-readable, or one JSON object per line. */
final class RunReport {
    /**
     * @param keyByUrl each URL as given, with the key its status is reported under (the normalised URL)
     * @param indexed indexed documents by article id
     * @param complete whether every URL got a status and every fetched article was indexed in time
     */
    record Outcome(Map<String, String> keyByUrl, Map<String, FetchStatus> statuses, Map<String, ObjectNode> indexed,
            boolean complete) {}

    private final Outcome outcome;
    private final boolean json;
    private final ObjectMapper mapper = new RecordCodec().mapper();

    RunReport(Outcome outcome, boolean json) {
        this.outcome = outcome;
        this.json = json;
    }

    void print(PrintWriter out) {
        int indexedCount = 0;
        for (var entry : outcome.keyByUrl().entrySet()) {
            @Nullable FetchStatus status = outcome.statuses().get(entry.getValue());
            @Nullable ObjectNode document = status == null || status.articleId() == null ? null
                    : outcome.indexed().get(status.articleId());
            if (document != null) {
                indexedCount++;
            }
            if (json) {
                printJson(out, entry.getKey(), status, document);
            } else {
                printText(out, entry.getKey(), status, document);
            }
        }
        if (!json) {
            int total = outcome.keyByUrl().size();
            out.printf("%n%d of %d URL(s) indexed%s.%n", indexedCount, total,
                    outcome.complete() ? "" : "; timed out waiting for the rest (see run.timeout)");
            if (indexedCount > 0) {
                out.println("Try: ./outsight search kpo   or   ./outsight search market --type BPO --country IN");
            }
        }
        out.flush();
    }

    private static void printText(PrintWriter out, String url, @Nullable FetchStatus status,
            @Nullable ObjectNode document) {
        if (status == null) {
            out.printf("? %s%n    no status yet%n", url);
            return;
        }
        if (document == null) {
            out.printf("- %s%n    %s: %s%n", url, status.outcome().wireName(), status.reason());
            return;
        }
        out.printf("+ %s%n    %s%n    types: %s   countries: %s   relevance: %.2f%n", url,
                document.path("title").asText(""), list(document.path("tags").path("outsourcing_types")),
                list(document.path("tags").path("countries")), document.path("relevance").asDouble());
    }

    private void printJson(PrintWriter out, String url, @Nullable FetchStatus status, @Nullable ObjectNode document) {
        var line = mapper.createObjectNode();
        line.put("url", url);
        if (status != null) {
            line.set("status", mapper.valueToTree(status));
        }
        if (document != null) {
            line.set("document", document);
        }
        out.println(line);
    }

    private static String list(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
