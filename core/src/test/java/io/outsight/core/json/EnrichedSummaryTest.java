package io.outsight.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.HexBandKeys;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.TextFingerprint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RecordCodec#summarize}: the index stage's partial read agrees with a full decode where it reads at all. */
class EnrichedSummaryTest {
    private static final TextFingerprint FINGERPRINT = TextFingerprint.of("minhash-test", "abc123",
            new int[] {1, -2, Integer.MAX_VALUE, 0}, List.of("b0", "b1"));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RecordCodec codec = new RecordCodec();

    static Stream<EnrichedArticle> articles() {
        EnrichedArticle dated = RecordCodecTest.enriched();
        RawArticle raw = dated.article();
        RawArticle undated = new RawArticle(raw.id(), raw.url(), raw.finalUrl(), raw.canonicalUrl(), raw.fetchedAt(),
                raw.httpStatus(), null, null, null, null, List.of(), null, null, null, null, null, "", List.of(),
                raw.contentHash(), raw.source());
        return Stream.of(dated, dated.withFingerprint(FINGERPRINT),
                new EnrichedArticle(undated, Instant.parse("2026-11-20T08:30:00.123456Z"), "0.2.0", null, null, null,
                        0));
    }

    @ParameterizedTest
    @MethodSource("articles")
    void readsWhatTheFullDecodeReads(EnrichedArticle article) {
        byte[] json = codec.encode(article);
        var summary = codec.summarize(json);
        assertEquals(EnrichedSummary.of(codec.decode(json, EnrichedArticle.class)), summary);
        assertEquals(EnrichedSummary.of(article), summary);
    }

    @Test
    void ordersByPublicationAndFallsBackToTheFetchTime() {
        var dated = EnrichedSummary.of(RecordCodecTest.enriched());
        assertEquals(Instant.parse("2026-11-19T00:00:00Z"), dated.firstSeen());
        var undated = new EnrichedSummary("x", Instant.EPOCH, Instant.parse("2026-01-02T00:00:00Z"), null, null);
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), undated.firstSeen());
    }

    @Test
    void takesFieldsInAnyOrderAndIgnoresUnknownOnes() {
        String json = "{\"fingerprint\":null,\"extra\":{\"deep\":[1,{\"x\":\"y\"}]},\"enriched_at\":\"2026-11-20T08:30:05Z\","
                + "\"id\":\"i1\",\"url\":\"u\",\"final_url\":\"u\",\"canonical_url\":\"u\",\"text\":\"t\","
                + "\"content_hash\":\"h\",\"source\":\"s\",\"enricher_version\":\"v\",\"schema_version\":1.0,"
                + "\"fetched_at\":\"2026-11-20T08:30:00Z\",\"relevance\":1}";
        assertEquals(new EnrichedSummary("i1", Instant.parse("2026-11-20T08:30:05Z"),
                Instant.parse("2026-11-20T08:30:00Z"), null, null), codec.summarize(bytes(json)));
    }

    /** Fingerprint objects a full decode takes, written as the codec would not write them. */
    static Stream<String> unusualFingerprints() {
        return Stream.of(
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[\"b0\",\"b1\"]}",
                "{\"bands\":[\"b0\"],\"signature\":\"AAAABw==\",\"text_hash\":\"h\",\"scheme\":\"s\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":null}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[]}",
                "{\"scheme\":7,\"text_hash\":12.5,\"signature\":\"\",\"bands\":[1,true],\"new\":{\"a\":[1]}}",
                "{\"scheme\":\"s\",\"scheme\":\"t\",\"text_hash\":\"h\",\"signature\":\"AAAABw\"}",
                // Enrich's keys (16 lowercase hex digits), then others after them: read as values, then as strings.
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[\"0123456789abcdef\","
                        + "\"ffffffffffffffff\"]}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[\"0123456789abcdef\","
                        + "\"0123456789ABCDEF\",\"0000000000000000\",\"0123456789abcde\",12]}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[\"\\u0030123456789abcdef\"]}");
    }

    @Test
    void readsEnrichsBandKeysAsValuesWithoutChangingThem() {
        var keys = List.of("0123456789abcdef", "fedcba9876543210", "0000000000000000");
        var fingerprint = TextFingerprint.of("s", "h", new int[] {7}, keys);
        var read = codec.summarize(codec.encode(RecordCodecTest.enriched().withFingerprint(fingerprint))).fingerprint();
        assertInstanceOf(HexBandKeys.class, read.bands());
        assertEquals(keys, read.bands());
        assertEquals(fingerprint, read);
    }

    @Test
    void readsOtherBandKeysAsTheStringsTheyAre() {
        var keys = List.of("0123456789abcdef", "0123456789ABCDEF", "b2");
        var fingerprint = TextFingerprint.of("s", "h", new int[] {7}, keys);
        var read = codec.summarize(codec.encode(RecordCodecTest.enriched().withFingerprint(fingerprint))).fingerprint();
        assertFalse(read.bands() instanceof HexBandKeys);
        assertEquals(keys, read.bands());
    }

    @ParameterizedTest
    @MethodSource("unusualFingerprints")
    void readsAFingerprintAsTheFullDecodeReadsIt(String fingerprint) {
        byte[] json = withFingerprint(fingerprint);
        var decoded = codec.decode(json, EnrichedArticle.class);
        assertEquals(EnrichedSummary.of(decoded), codec.summarize(json));
        assertTrue(decoded.fingerprint() != null);
    }

    /** Fingerprint objects a full decode refuses. */
    static Stream<String> refusedFingerprints() {
        return Stream.of(
                "{\"text_hash\":\"h\",\"signature\":\"AAAABw==\"}",
                "{\"scheme\":\"s\",\"signature\":\"AAAABw==\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAB\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"**==\"}",
                "{\"scheme\":{},\"text_hash\":\"h\",\"signature\":\"AAAABw==\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":\"b0\"}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[\"b0\",null]}",
                "{\"scheme\":\"s\",\"text_hash\":\"h\",\"signature\":\"AAAABw==\",\"bands\":[[\"b0\"]]}",
                "[\"s\",\"h\"]",
                "\"s\"");
    }

    @ParameterizedTest
    @MethodSource("refusedFingerprints")
    void refusesAFingerprintTheFullDecodeRefuses(String fingerprint) {
        byte[] json = withFingerprint(fingerprint);
        assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class));
        var e = assertThrows(RecordFormatException.class, () -> codec.summarize(json));
        assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "url", "final_url", "canonical_url", "text", "content_hash", "source", "fetched_at",
            "enriched_at", "enricher_version"})
    void refusesARecordWithoutARequiredFieldOrWithItNull(String field) throws Exception {
        var tree = (ObjectNode) MAPPER.readTree(codec.toJson(RecordCodecTest.enriched()));
        assertTrue(tree.has(field), field);
        for (var edited : List.of(tree.deepCopy().without(field), tree.deepCopy().putNull(field))) {
            byte[] json = MAPPER.writeValueAsBytes(edited);
            var e = assertThrows(RecordFormatException.class, () -> codec.summarize(json));
            assertEquals("not a valid EnrichedArticle: " + field + " is required", e.getMessage());
            assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class),
                    "the full decode refuses it too");
        }
    }

    @Test
    void namesTheFirstOfSeveralMissingFieldsInAFixedOrder() throws Exception {
        var tree = (ObjectNode) MAPPER.readTree(codec.toJson(RecordCodecTest.enriched()));
        byte[] json = MAPPER.writeValueAsBytes(tree.without(List.of("text", "url", "enriched_at")));
        var e = assertThrows(RecordFormatException.class, () -> codec.summarize(json));
        assertEquals("not a valid EnrichedArticle: url is required", e.getMessage());
    }

    /** Each edit of a valid record, and what the refusal must name. */
    static Stream<Arguments> refusedRecords() {
        return Stream.of(
                Arguments.of("\"schema_version\":1", "\"schema_version\":7", "schema_version 7"),
                Arguments.of("\"schema_version\":1,", "", "schema_version"),
                Arguments.of("\"schema_version\":1", "\"schema_version\":\"1\"", "schema_version"),
                Arguments.of("\"id\":\"ab12\",", "", "id is required"),
                Arguments.of("\"id\":\"ab12\"", "\"id\":null", "id is required"),
                Arguments.of("\"text\":\"", "\"text\":{},\"x\":\"", "text must be a string"),
                Arguments.of("\"content_hash\":\"hash\",", "", "content_hash is required"),
                Arguments.of("\"fetched_at\":\"2026-11-20T08:30:00Z\",", "", "fetched_at is required"),
                Arguments.of("\"enriched_at\":\"2026-11-20T08:30:05Z\"", "\"enriched_at\":\"yesterday\"", "enriched_at"),
                Arguments.of("\"enricher_version\":\"0.1.0\",", "", "enricher_version is required"),
                Arguments.of("\"relevance\":0.9", "\"relevance\":1.5", "relevance 1.5"),
                Arguments.of("\"relevance\":0.9", "\"relevance\":\"high\"", "relevance must be a number"),
                Arguments.of("\"AAAABw==\"", "\"AAAB\"", "fingerprint"),
                Arguments.of("\"tags\":{", "\"tags\":{]", "malformed JSON"),
                Arguments.of("\"bands\":[]}}", "\"bands\":[]}} {}", "trailing"));
    }

    @ParameterizedTest
    @MethodSource("refusedRecords")
    void refusesWhatTheFullDecodeRefusesForTheFieldsItReads(String from, String to, String named) {
        String valid = codec.toJson(RecordCodecTest.enriched().withFingerprint(
                TextFingerprint.of("s", "h", new int[] {7}, List.of())));
        assertTrue(valid.contains(from), valid);
        byte[] json = bytes(valid.replace(from, to));
        var e = assertThrows(RecordFormatException.class, () -> codec.summarize(json));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class),
                "the full decode refuses it too");
    }

    @Test
    void refusesAnythingButAnObject() {
        for (String json : List.of("[1,2]", "", "\"text\"", "{\"schema_version\":1,")) {
            var e = assertThrows(RecordFormatException.class, () -> codec.summarize(bytes(json)), json);
            assertTrue(e.getMessage().contains("EnrichedArticle"), e.getMessage());
        }
    }

    @Test
    void leavesTheContentOfSkippedFieldsToElasticsearchsMapping() {
        // A full decode refuses an entity offset that is not a number; the summary does not read entities, and the
        // index refuses the document for the same reason (a dead letter with Elasticsearch's reason).
        byte[] json = bytes(codec.toJson(RecordCodecTest.enriched()).replace("\"start\":8", "\"start\":\"eight\""));
        assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class));
        assertEquals("ab12", codec.summarize(json).id());
    }

    @Test
    void readsMalformedUtf8AsTheTextWithReplacementCharacters() {
        byte[] json = codec.encode(RecordCodecTest.enriched());
        int at = new String(json, StandardCharsets.UTF_8).indexOf("BPO in India");
        json[at] = (byte) 0xff;
        assertEquals(EnrichedSummary.of(codec.decode(new String(json, StandardCharsets.UTF_8), EnrichedArticle.class)),
                codec.summarize(json));
    }

    /** A valid record whose fingerprint field is this JSON, written first. */
    private byte[] withFingerprint(String fingerprint) {
        String record = codec.toJson(RecordCodecTest.enriched());
        assertTrue(record.startsWith("{") && !record.contains("\"fingerprint\":{"), record);
        return bytes("{\"fingerprint\":" + fingerprint + "," + record.substring(1));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
