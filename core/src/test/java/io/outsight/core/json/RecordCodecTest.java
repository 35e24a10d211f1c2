package io.outsight.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.DeadLetter;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.Entity;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.core.record.TextFingerprint;
import io.outsight.core.record.UrlRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:30:00Z");
    private final RecordCodec codec = new RecordCodec();

    static RawArticle raw() {
        String text = "India's BPO market will reach USD 343.2 billion by 2025.\n\nSo say analysts in Bengaluru — ünïcode.";
        return new RawArticle("ab12", "https://example.com/a?utm_source=x", "https://example.com/a",
                "https://example.com/a", T0, 200, "text/html; charset=utf-8", "\"e1\"", null, "BPO in India",
                List.of("Jane Doe"), Instant.parse("2026-11-19T00:00:00Z"), null, "Example News", "About BPO",
                "en", text, List.of("Market"), "hash", "cli");
    }

    static EnrichedArticle enriched() {
        var entity = new Entity("outsourcing_type", "BPO", "BPO", 8, 11, 0, 1.0, "dictionary");
        var figure = new MarketFigure("market_size", 3.432e11, "currency", "USD", 2025, null, 2025, 7.4, "BPO", "IN",
                "Acme Research", "USD 343.2 billion by 2025", 30, 55);
        var tags = new Tags(List.of("BPO"), List.of("IN"), List.of(), List.of("Acme Research"), List.of(),
                List.of("offshore"));
        return new EnrichedArticle(raw(), T0.plusSeconds(5), "0.1.0", tags, List.of(entity), List.of(figure), 0.9);
    }

    static Stream<Object> records() {
        return Stream.of(
                new UrlRequest("https://example.com/a", "cli", T0, 0),
                raw(),
                enriched(),
                new FetchStatus("https://example.com/a", "ab12", FetchOutcome.OK, 200, "fetched", T0, "cli"),
                new FetchStatus("https://example.com/b", null, FetchOutcome.ROBOTS_DENIED, null, "robots.txt", T0, "cli"),
                new DeadLetter("ab12", "enrich", "boom", 3, T0, "outsight.articles.raw", 2, 41L, "{not json"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void roundTripsEveryRecord(Object record) {
        String json = codec.toJson(record);
        assertEquals(record, codec.decode(json, record.getClass()));
        assertTrue(json.startsWith("{\"schema_version\":1,"), json);
    }

    @ParameterizedTest
    @MethodSource("records")
    void readsTheBytesItWritesAsItReadsTheText(Object record) {
        assertEquals(record, codec.decode(codec.encode(record), record.getClass()));
    }

    @Test
    void readsMalformedUtf8BytesAsTheTextWithReplacementCharacters() {
        byte[] json = codec.encode(raw());
        String marker = "BPO in India";
        int at = new String(json, StandardCharsets.UTF_8).indexOf(marker);
        assertTrue(at > 0);
        json[at] = (byte) 0xff; // not UTF-8: the byte parser refuses it, a String replaces it
        var fromBytes = codec.decode(json, RawArticle.class);
        assertEquals(codec.decode(new String(json, StandardCharsets.UTF_8), RawArticle.class), fromBytes);
        assertTrue(fromBytes.title().startsWith("\uFFFD"), fromBytes.title());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"schema_version\":1,", "[1,2]", "", "{\"schema_version\":1} trailing"})
    void refusesMalformedJsonBytesClearly(String json) {
        var e = assertThrows(RecordFormatException.class,
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8), RawArticle.class));
        assertTrue(e.getMessage().contains("RawArticle"), e.getMessage());
    }

    @Test
    void writesSnakeCaseIsoDatesAndOmitsAbsentValues() {
        String json = codec.toJson(raw());
        assertTrue(json.contains("\"canonical_url\":\"https://example.com/a\""), json);
        assertTrue(json.contains("\"fetched_at\":\"2026-11-20T08:30:00Z\""), json);
        assertFalse(json.contains("last_modified"), json);
    }

    @Test
    void writesEnrichedArticleAsOneFlatDocument() {
        var tree = codec.toTree(enriched());
        assertEquals("ab12", tree.get("id").asText());
        assertEquals("BPO", tree.get("tags").get("outsourcing_types").get(0).asText());
        assertEquals(7.4, tree.get("market_figures").get(0).get("cagr_percent").asDouble());
        assertFalse(tree.has("article"));
    }

    @Test
    void writesFetchOutcomeByItsWireName() {
        String json = codec.toJson(new FetchStatus("u", null, FetchOutcome.HTTP_4XX, 404, "Not Found", T0, "cli"));
        assertTrue(json.contains("\"outcome\":\"http_4xx\""), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"schema_version\":1,", "[1,2]", "", "{\"schema_version\":1} trailing"})
    void refusesMalformedJsonClearly(String json) {
        var e = assertThrows(RecordFormatException.class, () -> codec.decode(json, RawArticle.class));
        assertTrue(e.getMessage().contains("RawArticle"), e.getMessage());
    }

    @Test
    void refusesNewerSchemaVersionNamingBothVersions() {
        String json = codec.toJson(raw()).replace("\"schema_version\":1", "\"schema_version\":7");
        var e = assertThrows(UnsupportedSchemaVersionException.class, () -> codec.decode(json, RawArticle.class));
        assertEquals(7, e.found());
        assertTrue(e.getMessage().contains("schema_version 7") && e.getMessage().contains("up to 1"), e.getMessage());
    }

    @Test
    void refusesDocumentsWithoutSchemaVersion() {
        String json = codec.toJson(raw()).replace("\"schema_version\":1,", "");
        var e = assertThrows(RecordFormatException.class, () -> codec.decode(json, RawArticle.class));
        assertTrue(e.getMessage().contains("schema_version"), e.getMessage());
    }

    @Test
    void namesTheMissingRequiredField() {
        String json = codec.toJson(raw()).replace("\"fetched_at\":\"2026-11-20T08:30:00Z\",", "");
        var e = assertThrows(RecordFormatException.class, () -> codec.decode(json, RawArticle.class));
        assertTrue(e.getMessage().contains("fetchedAt"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"enricher_version\":\"0.1.0\",", "\"enriched_at\":\"2026-11-20T08:30:05Z\","})
    void refusesAnEnrichedArticleWithoutARequiredEnrichmentField(String field) {
        String json = codec.toJson(enriched()).replace(field, "");
        var e = assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class));
        assertTrue(e.getMessage().contains("is required"), e.getMessage());
    }

    @Test
    void namesTheWronglyTypedNestedField() {
        String json = codec.toJson(enriched()).replace("\"start\":8", "\"start\":\"eight\"");
        var e = assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class));
        assertTrue(e.getMessage().contains("entities[0].start"), e.getMessage());
    }

    @Test
    void roundTripsTheFingerprintUnderSnakeCaseNames() {
        var fingerprint = TextFingerprint.of("minhash-test", "abc123", new int[] {1, -2, Integer.MAX_VALUE, 0},
                List.of("b0", "b1"));
        var article = enriched().withFingerprint(fingerprint);
        var tree = codec.toTree(article);
        var json = tree.get("fingerprint");
        assertEquals("minhash-test", json.get("scheme").asText());
        assertEquals("abc123", json.get("text_hash").asText());
        assertEquals(fingerprint.signature(), json.get("signature").asText());
        assertEquals("b1", json.get("bands").get(1).asText());
        var names = new java.util.HashSet<String>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(java.util.Set.of("scheme", "text_hash", "signature", "bands"), names);
        var decoded = codec.decode(tree.toString(), EnrichedArticle.class);
        assertEquals(article, decoded);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, -2, Integer.MAX_VALUE, 0},
                decoded.fingerprint().components());
    }

    @Test
    void readsEnrichedArticlesWrittenBeforeFingerprintsWithoutOne() {
        String json = codec.toJson(enriched());
        assertFalse(json.contains("fingerprint"), json);
        assertEquals(null, codec.decode(json, EnrichedArticle.class).fingerprint());
    }

    @Test
    void refusesASignatureThatIsNotWholeComponents() {
        String json = codec.toJson(enriched().withFingerprint(
                TextFingerprint.of("s", "h", new int[] {7}, List.of()))).replace("\"AAAABw==\"", "\"AAAB\"");
        assertThrows(RecordFormatException.class, () -> codec.decode(json, EnrichedArticle.class));
    }

    @Test
    void ignoresFieldsAddedWithinTheSameSchemaVersion() {
        String json = codec.toJson(raw()).replace("{\"schema_version\":1,", "{\"schema_version\":1,\"new_field\":3,");
        assertEquals(raw(), codec.decode(json, RawArticle.class));
    }
}
