package io.outsight.core.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.HexBandKeys;
import io.outsight.core.record.TextFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link EnrichedSummary} of an enriched record in one pass of a streaming parser: the few fields it
 * holds are read as a full decode reads them (instants in an unusual form and the schema version by the codec's own
 * mapper, the fingerprint by hand; {@code EnrichedSummaryTest} compares them), the others are skipped without being
 * decoded. The whole document is still parsed, so malformed JSON anywhere is refused; the record must
 * carry every field an enriched article requires, typed as the codec writes it. What is not checked is the content
 * of the skipped values (entity offsets, tag lists …): enrich, which wrote the record, built it from a valid
 * {@link EnrichedArticle}, and Elasticsearch's mapping refuses a value of the wrong shape.
 *
 * <p>Records in the form enrich writes are first read by a {@link SummaryScanner}, straight from their bytes, which
 * answers only when the parser would give the same summary; the parser reads the others, and names what is wrong.
 *
 * <p>Thread-safe.
 */
final class EnrichedSummaryReader {
    private static final String TYPE = EnrichedArticle.class.getSimpleName();
    /**
     * Every field an enriched record must have with a value, in the order of the record: of several missing, the
     * first is reported. Besides the id and the two instants, which the summary holds, they are strings that are
     * checked, not decoded ({@link Fields#read}).
     */
    static final List<String> REQUIRED = List.of("id", "url", "final_url", "canonical_url", "fetched_at",
            "text", "content_hash", "source", "enriched_at", "enricher_version");
    /**
     * Each required field's bit in a record's mask of those present: a hash set of the names present cost the index
     * stage a set and its entries for every record it read.
     */
    private static final Map<String, Integer> REQUIRED_BITS = IntStream.range(0, REQUIRED.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(REQUIRED::get, i -> 1 << i));
    private static final int ALL_REQUIRED = (1 << REQUIRED.size()) - 1;

    private final ObjectMapper mapper;
    private final ObjectReader instants;

    EnrichedSummaryReader(ObjectMapper mapper) {
        this.mapper = mapper;
        // Reading a value in the middle of a document: what follows it is the rest of the record, not trailing junk.
        this.instants = mapper.readerFor(Instant.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @throws UnsupportedSchemaVersionException when the record was written with a newer schema
     * @throws RecordFormatException when it is malformed JSON or lacks a field an enriched article requires
     */
    EnrichedSummary read(byte[] json) {
        EnrichedSummary scanned = SummaryScanner.read(json);
        return scanned != null ? scanned : parsed(json);
    }

    /** {@link #read} by the streaming parser alone: what decides every record the scanner is not sure of. */
    EnrichedSummary parsed(byte[] json) {
        try (JsonParser parser = mapper.createParser(json)) {
            return read(parser);
        } catch (JacksonException e) {
            if (RecordCodec.isMalformedUtf8(e)) {
                // As RecordCodec.decode does: read it as the text it decodes to, with replacement characters.
                return parsed(new String(json, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
            }
            throw RecordCodec.malformed(e, TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown for an array in memory
        }
    }

    private EnrichedSummary read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new RecordFormatException("expected a JSON object for " + TYPE + ", got "
                    + (first == null ? "nothing" : describe(first)));
        }
        var fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.read(name, parser);
        }
        if (parser.nextToken() != null) {
            throw new RecordFormatException("malformed JSON for " + TYPE + ": trailing token ("
                    + parser.currentToken() + ") after the record" + RecordCodec.locationOf(parser));
        }
        return fields.summary();
    }

    /** The fields read so far of one record. */
    private final class Fields {
        private @Nullable Integer schemaVersion;
        private @Nullable String id;
        private @Nullable Instant enrichedAt;
        private @Nullable Instant fetchedAt;
        private @Nullable Instant publishedAt;
        private @Nullable TextFingerprint fingerprint;
        /** The {@linkplain #REQUIRED_BITS bits} of the required fields read with a value. */
        private int present;

        void read(String name, JsonParser parser) throws IOException {
            JsonToken value = parser.currentToken();
            if (value != JsonToken.VALUE_NULL) {
                present |= REQUIRED_BITS.getOrDefault(name, 0);
            }
            switch (name) {
                case RecordCodec.SCHEMA_VERSION_FIELD -> schemaVersion(parser);
                case "id" -> id = string(name, parser);
                case "enriched_at" -> enrichedAt = instant(parser);
                case "fetched_at" -> fetchedAt = instant(parser);
                case "published_at" -> publishedAt = instant(parser);
                case "fingerprint" -> fingerprint = value == JsonToken.VALUE_NULL ? null : fingerprint(parser);
                case "relevance" -> relevance(parser);
                default -> {
                    if (REQUIRED_BITS.containsKey(name)) {
                        string(name, parser); // checked, not decoded: a skipped string costs no allocation
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }

        /** Checked at once: a newer record is refused as such, whatever else it holds (the codec writes it first). */
        private void schemaVersion(JsonParser parser) throws IOException {
            schemaVersion = parser.currentToken().isNumeric() ? exactInt(parser.getDecimalValue()) : null;
            if (schemaVersion != null) {
                RecordCodec.checkSchemaVersion(schemaVersion, TYPE);
            }
        }

        EnrichedSummary summary() {
            if (schemaVersion == null) {
                throw new RecordFormatException(TYPE + " has no integer " + RecordCodec.SCHEMA_VERSION_FIELD
                        + " field: not an Outsight record");
            }
            if (present != ALL_REQUIRED) {
                String missing = REQUIRED.get(Integer.numberOfTrailingZeros(~present));
                throw new RecordFormatException("not a valid " + TYPE + ": " + missing + " is required");
            }
            return new EnrichedSummary(id, enrichedAt, fetchedAt, publishedAt, fingerprint);
        }
    }

    /**
     * The string at the parser, or null for a JSON null. A number or a boolean is taken as its text, as the mapper
     * takes it; an object or an array is refused. Decoded only if it is the id.
     */
    private static @Nullable String string(String name, JsonParser parser) throws IOException {
        return hasScalar(name, parser) && name.equals("id") ? parser.getText() : null;
    }

    /**
     * The fingerprint object at the parser, read by hand as the mapper reads it (unknown fields skipped, scalars taken
     * as their text, a null band list empty): bound by the mapper it was a tenth of the index stage thread's samples
     * in the sink benchmark, for four fields.
     */
    private static TextFingerprint fingerprint(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new RecordFormatException("not a valid " + TYPE + ": fingerprint must be an object, was "
                    + describe(parser.currentToken()));
        }
        String scheme = null;
        String textHash = null;
        String signature = null;
        List<String> bands = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "scheme" -> scheme = scalar("fingerprint.scheme", parser);
                case "text_hash" -> textHash = scalar("fingerprint.text_hash", parser);
                case "signature" -> signature = scalar("fingerprint.signature", parser);
                case "bands" -> bands = bands(parser);
                default -> parser.skipChildren();
            }
        }
        try {
            return new TextFingerprint(scheme, textHash, signature, bands);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new RecordFormatException("not a valid " + TYPE + ": " + e.getMessage() + " (at fingerprint)", e);
        }
    }

    /**
     * The band keys, read as {@link HexBandKeys} straight from the parser's characters while each is 16 lowercase hex
     * digits (enrich's keys), so that no string is made for them; as strings from the first that is not.
     */
    private static @Nullable List<String> bands(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new RecordFormatException("not a valid " + TYPE + ": fingerprint.bands must be an array, was "
                    + describe(token));
        }
        var values = new long[32];
        int count = 0;
        @Nullable List<String> strings = null;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (strings == null && parser.currentToken() == JsonToken.VALUE_STRING) {
                char[] chars = parser.getTextCharacters();
                int offset = parser.getTextOffset();
                if (HexBandKeys.isKey(chars, offset, parser.getTextLength())) {
                    if (count == values.length) {
                        values = Arrays.copyOf(values, 2 * count);
                    }
                    values[count++] = HexBandKeys.valueOf(chars, offset);
                    continue;
                }
            }
            String band = scalar("fingerprint.bands", parser);
            if (band == null) {
                throw new RecordFormatException("not a valid " + TYPE + ": fingerprint.bands holds a null");
            }
            if (strings == null) {
                strings = new ArrayList<>(HexBandKeys.ofValues(values, count));
            }
            strings.add(band);
        }
        return strings != null ? strings : HexBandKeys.ofValues(values, count);
    }

    /** A scalar's text (a string, or a number or boolean as the mapper takes it), or null for a JSON null. */
    private static @Nullable String scalar(String name, JsonParser parser) throws IOException {
        return hasScalar(name, parser) ? parser.getText() : null;
    }

    /** Whether the parser is at a scalar, false at a JSON null; an object or an array is refused. */
    private static boolean hasScalar(String name, JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (!token.isScalarValue()) {
            throw new RecordFormatException("not a valid " + TYPE + ": " + name + " must be a string, was "
                    + describe(token));
        }
        return true;
    }

    private @Nullable Instant instant(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant written = UtcTimestamps.parse(parser.getText());
            if (written != null) {
                return written;
            }
        }
        return bound(parser.currentName(), () -> instants.readValue(parser));
    }

    private static void relevance(JsonParser parser) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            throw new RecordFormatException("not a valid " + TYPE + ": relevance must be a number, was "
                    + describe(parser.currentToken()));
        }
        double relevance = parser.getDoubleValue();
        if (!(relevance >= 0 && relevance <= 1)) {
            throw new RecordFormatException("not a valid " + TYPE + ": relevance " + relevance + " outside 0..1");
        }
    }

    /** A value bound by the mapper, its failure named by field as a full decode names it. */
    private static <T> T bound(String field, Binding<T> binding) throws IOException {
        try {
            return binding.read();
        } catch (JacksonException e) {
            throw new RecordFormatException("not a valid " + TYPE + ": " + RecordCodec.rootMessage(e) + " (at "
                    + field + ")", e);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("not a valid " + TYPE + ": " + e.getMessage() + " (at " + field + ")", e);
        }
    }

    /** The number as an int if it is a whole one in range (2 and 2.0 alike, as a full decode takes them). */
    private static @Nullable Integer exactInt(BigDecimal number) {
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case START_OBJECT -> "object";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    @FunctionalInterface
    private interface Binding<T> {
        T read() throws IOException;
    }
}
