package io.outsight.index.dedup;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The clustering's fields in an article document, and how they are added to a document that is already JSON.
 * Enriched records never carry these fields (they are the index stage's, not the record's), so adding them to the
 * record's bytes cannot repeat a key; splicing the bytes spares the sink a parse and a re-serialisation per document.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusterFields {
    /** The id of the canonical article of the article's story (its own id when it is the canonical one). */
    public static final String CLUSTER_ID = "cluster_id";
    /** The canonical article's id, on every copy but the canonical one. */
    public static final String DUPLICATE_OF = "duplicate_of";
    /** The LSH band keys of the text's fingerprint (keyword array, the candidate lookup's field). */
    public static final String BANDS = "fingerprint.bands";
    public static final String TEXT_HASH = "fingerprint.text_hash";
    public static final String FINGERPRINT = "fingerprint";

    /** The cluster id's name and the opening quote of its value, as inserted. */
    private static final byte[] CLUSTER_ID_FIELD = ("\"" + CLUSTER_ID + "\":\"").getBytes(StandardCharsets.UTF_8);
    /** The separator before {@code duplicate_of}, its name and the opening quote of its value. */
    private static final byte[] DUPLICATE_OF_FIELD =
            (",\"" + DUPLICATE_OF + "\":\"").getBytes(StandardCharsets.UTF_8);

    private ClusterFields() {}

    /**
     * The document with {@code cluster_id} (and {@code duplicate_of} on a copy) as its first fields.
     *
     * @param json a JSON object, as UTF-8
     * @throws IllegalArgumentException when {@code json} does not start with an object
     */
    public static byte[] addTo(byte[] json, ClusterAssignment assignment) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(assignment, "assignment");
        int open = skipWhitespace(json, 0);
        if (open >= json.length || json[open] != '{') {
            throw new IllegalArgumentException("not a JSON object: document " + assignment.id());
        }
        byte[] clusterId = JsonStringEncoder.getInstance().quoteAsUTF8(assignment.clusterId());
        byte[] duplicateOf = assignment.duplicateOf() == null ? null
                : JsonStringEncoder.getInstance().quoteAsUTF8(assignment.duplicateOf());
        int next = skipWhitespace(json, open + 1);
        boolean more = next < json.length && json[next] != '}';
        int inserted = CLUSTER_ID_FIELD.length + clusterId.length + 1
                + (duplicateOf == null ? 0 : DUPLICATE_OF_FIELD.length + duplicateOf.length + 1) + (more ? 1 : 0);
        // Straight into an array of the final size: a stream copies each document once more on the way out, which
        // was 3 % of the index worker's allocation in the end-to-end benchmark (JFR), and the fields as a string
        // then as bytes were 5 % of the stage thread's samples in the sink benchmark.
        byte[] out = new byte[json.length + inserted];
        System.arraycopy(json, 0, out, 0, open + 1);
        int at = put(out, open + 1, CLUSTER_ID_FIELD);
        at = put(out, at, clusterId);
        out[at++] = '"';
        if (duplicateOf != null) {
            at = put(out, at, DUPLICATE_OF_FIELD);
            at = put(out, at, duplicateOf);
            out[at++] = '"';
        }
        if (more) {
            out[at++] = ',';
        }
        System.arraycopy(json, open + 1, out, at, json.length - open - 1);
        return out;
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int skipWhitespace(byte[] json, int from) {
        int i = from;
        while (i < json.length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
            i++;
        }
        return i;
    }
}
