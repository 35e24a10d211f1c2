package io.outsight.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.HexBandKeys;
import io.outsight.core.record.TextFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SummaryScanner}: it reads enrich's records as the streaming parser does, and answers for no record that the
 * parser would read otherwise or refuse.
 */
class SummaryScannerTest {
    private static final RecordCodec CODEC = new RecordCodec();
    private static final EnrichedSummaryReader READER = new EnrichedSummaryReader(CODEC.mapper());
    private static final TextFingerprint FINGERPRINT = TextFingerprint.of("minhash-128x32", "9f86d081884c7d65",
            new int[] {1, -2, Integer.MAX_VALUE, 0, 42}, List.of("0123456789abcdef", "fedcba9876543210",
                    "00000000000000ff"));

    static Stream<byte[]> records() {
        EnrichedArticle article = RecordCodecTest.enriched();
        return Stream.of(CODEC.encode(article), CODEC.encode(article.withFingerprint(FINGERPRINT)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void readsEnrichsRecordsAsTheParserDoes(byte[] json) {
        EnrichedSummary scanned = SummaryScanner.read(json);
        assertNotNull(scanned, "the scanner left one of enrich's records to the parser");
        assertEquals(READER.parsed(json), scanned);
    }

    @Test
    void readsEnrichsBandKeysAsValues() {
        EnrichedSummary scanned = SummaryScanner.read(CODEC.encode(RecordCodecTest.enriched()
                .withFingerprint(FINGERPRINT)));
        assertNotNull(scanned);
        assertInstanceOf(HexBandKeys.class, scanned.fingerprint().bands());
        assertEquals(FINGERPRINT, scanned.fingerprint());
    }

    /** What the scanner leaves to the parser: the reader's answer is then the parser's, error or summary. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\"id\":\"", // an id with an escape, below
            "\"fetched_at\":\"", // an instant in another form
            "\"schema_version\":", // a version written 1.0
            "\"bands\":[\"", // a band key in upper case
            "\"text\":\"", // a required field given as a number
    })
    void leavesOtherFormsToTheParser(String at) {
        String json = new String(CODEC.encode(RecordCodecTest.enriched().withFingerprint(FINGERPRINT)),
                StandardCharsets.UTF_8);
        String changed = switch (at) {
            case "\"id\":\"" -> json.replace(at, at + "\\u0041");
            case "\"fetched_at\":\"" -> json.replaceFirst("\"fetched_at\":\"[^\"]*\"",
                    "\"fetched_at\":\"2026-11-19T01:00:00+01:00\"");
            case "\"schema_version\":" -> json.replaceFirst("\"schema_version\":(\\d+)", "\"schema_version\":$1.0");
            case "\"bands\":[\"" -> json.replace("0123456789abcdef", "0123456789ABCDEF");
            default -> json.replaceFirst("\"text\":\"[^\"]*\"", "\"text\":5");
        };
        byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
        assertNotEquals(json, changed, "the record was not changed at " + at);
        assertNull(SummaryScanner.read(bytes));
        assertEquals(READER.parsed(bytes), READER.read(bytes));
    }

    @Test
    void checksTheSkippedValuesAsTheParserDoes() {
        String json = new String(CODEC.encode(RecordCodecTest.enriched()), StandardCharsets.UTF_8);
        String skipped = json.replace("\"enricher_version\":", "\"extra\":{\"a\":[1,-0.5e+3,true,false,null,"
                + "\"\\n\\u00e9\\\"\",\"é漢😀\",{}],\"b\":[]},\"enricher_version\":");
        assertNotNull(SummaryScanner.read(skipped.getBytes(StandardCharsets.UTF_8)));
        for (String bad : List.of("01", "1.", "-", ".5", "1e", "tru", "nulll", "\"\\x\"", "\"\\u12g4\"", "[1,]",
                "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "'a'", "NaN")) {
            byte[] bytes = json.replace("\"enricher_version\":", "\"extra\":" + bad + ",\"enricher_version\":")
                    .getBytes(StandardCharsets.UTF_8);
            assertNull(SummaryScanner.read(bytes), bad);
            assertRefusedByTheParser(bytes, bad);
        }
    }

    @Test
    void leavesInvalidUtf8AndDeepNestingToTheParser() {
        byte[] json = CODEC.encode(RecordCodecTest.enriched());
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1}, new byte[] {(byte) 0xFF})) {
            byte[] bytes = insertIntoTheText(json, bad);
            assertNull(SummaryScanner.read(bytes));
            assertEquals(READER.parsed(bytes), READER.read(bytes)); // read with replacement characters
        }
        String deep = "[".repeat(SummaryScanner.MAX_DEPTH + 1) + "]".repeat(SummaryScanner.MAX_DEPTH + 1);
        byte[] nested = new String(json, StandardCharsets.UTF_8)
                .replace("\"enricher_version\":", "\"extra\":" + deep + ",\"enricher_version\":")
                .getBytes(StandardCharsets.UTF_8);
        assertNull(SummaryScanner.read(nested));
        assertEquals(READER.parsed(nested), READER.read(nested));
    }

    /**
     * Records changed at random, a byte replaced, inserted or removed, or cut short: whenever the scanner answers, the
     * parser reads the same summary. Changes inside strings keep many of them valid, so the scanner answers for
     * some; the others it must leave to the parser.
     */
    @Test
    void answersForNoChangedRecordThatTheParserReadsOtherwise() {
        byte[] interesting = "\"\\{}[],: \t\n0123456789-+.eEnultrfasx/bu".getBytes(StandardCharsets.US_ASCII);
        byte[] high = {(byte) 0x80, (byte) 0xBF, (byte) 0xC2, (byte) 0xC3, (byte) 0xE0, (byte) 0xED, (byte) 0xF0,
                (byte) 0xF4, (byte) 0xFF, 0x00, 0x1F, 0x7F};
        var random = new Random(19);
        var originals = records().toList();
        int answered = 0;
        int refusedByBoth = 0;
        for (int n = 0; n < 30_000; n++) {
            byte[] original = originals.get(n % originals.size());
            byte[] changed = change(original, random, interesting, high);
            EnrichedSummary scanned = SummaryScanner.read(changed);
            if (scanned == null) {
                refusedByBoth += refusedByTheParser(changed) ? 1 : 0;
                continue;
            }
            answered++;
            try {
                assertEquals(READER.parsed(changed), scanned, () -> new String(changed, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                fail("the parser refused what the scanner read: " + e + "\n" + new String(changed,
                        StandardCharsets.UTF_8));
            }
        }
        assertTrue(answered > 3_000, "the scanner answered for only " + answered + " changed records");
        assertTrue(refusedByBoth > 3_000, "only " + refusedByBoth + " changed records were refused");
    }

    private static byte[] change(byte[] original, Random random, byte[] interesting, byte[] high) {
        int at = random.nextInt(original.length + 1); // at the end too: a byte appended, or nothing cut
        byte b = random.nextInt(4) == 0 ? high[random.nextInt(high.length)]
                : interesting[random.nextInt(interesting.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                if (at == original.length) {
                    yield original;
                }
                byte[] replaced = original.clone();
                replaced[at] = b;
                yield replaced;
            }
            case 1 -> {
                var inserted = new byte[original.length + 1];
                System.arraycopy(original, 0, inserted, 0, at);
                inserted[at] = b;
                System.arraycopy(original, at, inserted, at + 1, original.length - at);
                yield inserted;
            }
            case 2 -> {
                if (at == original.length) {
                    yield original;
                }
                var removed = new byte[original.length - 1];
                System.arraycopy(original, 0, removed, 0, at);
                System.arraycopy(original, at + 1, removed, at, original.length - at - 1);
                yield removed;
            }
            default -> Arrays.copyOf(original, at);
        };
    }

    private static byte[] insertIntoTheText(byte[] json, byte[] bytes) {
        int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"text\":\"") + 8;
        var out = new ArrayList<Byte>();
        for (int i = 0; i < json.length; i++) {
            if (i == at) {
                for (byte b : bytes) {
                    out.add(b);
                }
            }
            out.add(json[i]);
        }
        var result = new byte[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }

    private static boolean refusedByTheParser(byte[] json) {
        try {
            READER.parsed(json);
            return false;
        } catch (RecordFormatException e) {
            return true;
        }
    }

    private static void assertRefusedByTheParser(byte[] json, String what) {
        assertTrue(refusedByTheParser(json), "the parser read " + what);
    }
}
