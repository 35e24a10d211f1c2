package io.outsight.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.core.record.TextFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON codec for every record in {@code io.outsight.core.record}: snake_case field names, ISO-8601 instants,
 * absent values omitted, and a {@code schema_version} field on every document. Fields this version does not know
 * are ignored (additive changes keep the version); a newer {@code schema_version} is refused with
 * {@link UnsupportedSchemaVersionException}.
 *
 * <p>An {@link EnrichedArticle} is written flat: the raw article's fields and the enrichment fields side by side,
 * which is also the Elasticsearch document shape.
 *
 * <p>Thread-safe; build one and share it.
 */
public final class RecordCodec {
    /** The schema version this code writes, and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    static final String SCHEMA_VERSION_FIELD = "schema_version";

    private final ObjectMapper mapper;
    private final EnrichedSummaryReader summaries;

    public RecordCodec() {
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        summaries = new EnrichedSummaryReader(mapper);
    }

    /** The mapper behind this codec, configured as described above; for modules that map documents themselves. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(Object record) {
        return toJson(record).getBytes(StandardCharsets.UTF_8);
    }

    public String toJson(Object record) {
        return toTree(record).toString();
    }

    /** The document as a JSON tree, {@code schema_version} first. */
    public ObjectNode toTree(Object record) {
        Objects.requireNonNull(record, "record");
        var tree = mapper.createObjectNode();
        tree.put(SCHEMA_VERSION_FIELD, SCHEMA_VERSION);
        if (record instanceof EnrichedArticle enriched) {
            tree.setAll((ObjectNode) mapper.valueToTree(enriched.article()));
            tree.setAll((ObjectNode) mapper.valueToTree(Enrichment.of(enriched)));
        } else {
            tree.setAll((ObjectNode) mapper.valueToTree(record));
        }
        return tree;
    }

    /** Reads one record from its UTF-8 bytes, as {@link #decode(String, Class)} does from text. */
    public <T> T decode(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        JsonNode node;
        try {
            // Straight from the bytes: building a String of the record first cost the index stage a tenth of its time.
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            if (isMalformedUtf8(e)) {
                // The byte parser refuses malformed UTF-8, which a String replaces with U+FFFD: read such a record
                // as before, so that this speed-up changes no outcome.
                return decode(new String(json, StandardCharsets.UTF_8), type);
            }
            throw malformed(e, type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not thrown for an array in memory
        }
        return fromTree(asObject(node, type), type);
    }

    /**
     * What the index stage uses of an enriched record, read without binding the rest (see
     * {@link EnrichedSummaryReader} for what is checked): cheaper than {@link #decode decoding} the whole article,
     * which the stage does not need, since it sends the record to Elasticsearch as it is.
     *
     * @throws UnsupportedSchemaVersionException when the record was written with a newer schema
     * @throws RecordFormatException when it is malformed JSON or lacks a field every enriched article has
     */
    public EnrichedSummary summarize(byte[] json) {
        Objects.requireNonNull(json, "json");
        return summaries.read(json);
    }

    /**
     * Reads one record.
     *
     * @throws UnsupportedSchemaVersionException when the document was written with a newer schema
     * @throws RecordFormatException when the JSON is malformed or does not make a valid record of {@code type}
     */
    public <T> T decode(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw malformed(e, type);
        }
        return fromTree(asObject(node, type), type);
    }

    private <T> T fromTree(ObjectNode tree, Class<T> type) {
        checkSchemaVersion(tree, type);
        tree.remove(SCHEMA_VERSION_FIELD);
        try {
            if (type == EnrichedArticle.class) {
                return type.cast(readEnriched(tree));
            }
            return mapper.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new RecordFormatException("not a valid " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private static RecordFormatException malformed(JacksonException e, Class<?> type) {
        return malformed(e, type.getSimpleName());
    }

    static RecordFormatException malformed(JacksonException e, String type) {
        return new RecordFormatException("malformed JSON for " + type + ": " + e.getOriginalMessage() + locationOf(e),
                e);
    }

    /** Whether the byte parser refused the input as malformed UTF-8 (which a String would have replaced). */
    static boolean isMalformedUtf8(JacksonException e) {
        return String.valueOf(e.getOriginalMessage()).contains("Invalid UTF-8");
    }

    private static ObjectNode asObject(@Nullable JsonNode node, Class<?> type) {
        if (node == null || !node.isObject()) {
            throw new RecordFormatException("expected a JSON object for " + type.getSimpleName() + ", got "
                    + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return (ObjectNode) node;
    }

    private static void checkSchemaVersion(ObjectNode tree, Class<?> type) {
        JsonNode version = tree.get(SCHEMA_VERSION_FIELD);
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new RecordFormatException(type.getSimpleName() + " has no integer " + SCHEMA_VERSION_FIELD
                    + " field: not an Outsight record");
        }
        checkSchemaVersion(version.asInt(), type.getSimpleName());
    }

    static void checkSchemaVersion(int found, String type) {
        if (found > SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException(type, found, SCHEMA_VERSION);
        }
        if (found < 1) {
            throw new RecordFormatException(type + " has invalid " + SCHEMA_VERSION_FIELD + " " + found);
        }
    }

    private EnrichedArticle readEnriched(ObjectNode tree) throws IOException {
        var enrichment = mapper.createObjectNode();
        for (String field : Enrichment.FIELDS) {
            JsonNode value = tree.remove(field);
            if (value != null) {
                enrichment.set(field, value);
            }
        }
        RawArticle article = mapper.treeToValue(tree, RawArticle.class);
        Enrichment e = mapper.treeToValue(enrichment, Enrichment.class);
        try {
            return new EnrichedArticle(article, e.enrichedAt(), e.enricherVersion(), e.tags(), e.entities(),
                    e.marketFigures(), e.relevance(), e.fingerprint());
        } catch (NullPointerException missing) {
            // Built here, not by the mapper, which would have reported the missing field as a mapping error.
            throw new RecordFormatException("not a valid EnrichedArticle: " + missing.getMessage() + " is required",
                    missing);
        }
    }

    private static String locationOf(JacksonException e) {
        return locationOf(e.getLocation());
    }

    static String locationOf(JsonParser parser) {
        return locationOf(parser.currentLocation());
    }

    private static String locationOf(@Nullable JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static String rootMessage(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JacksonException j ? j.getOriginalMessage() : root.getMessage();
        return e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? message + " (at " + fieldPath(m) + ")"
                : message;
    }

    /** The failing field as {@code entities[0].start}, which names the input at fault better than Jackson's text. */
    private static String fieldPath(JsonMappingException e) {
        var path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The enrichment fields of an enriched article, written next to the raw fields. */
    record Enrichment(
            Instant enrichedAt,
            String enricherVersion,
            Tags tags,
            List<Entity> entities,
            List<MarketFigure> marketFigures,
            double relevance,
            @Nullable TextFingerprint fingerprint) {
        // fingerprint came after schema version 1 was out: optional, so older readers ignore it and older records
        // read without it (an additive change, no version bump).
        static final List<String> FIELDS = List.of("enriched_at", "enricher_version", "tags", "entities",
                "market_figures", "relevance", "fingerprint");

        static Enrichment of(EnrichedArticle a) {
            return new Enrichment(a.enrichedAt(), a.enricherVersion(), a.tags(), a.entities(), a.marketFigures(),
                    a.relevance(), a.fingerprint());
        }
    }
}
