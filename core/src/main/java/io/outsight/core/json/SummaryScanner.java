package io.outsight.core.json;

import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.EnrichedSummary;
import io.outsight.core.record.HexBandKeys;
import io.outsight.core.record.TextFingerprint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link EnrichedSummary} of a record in the form enrich writes, straight from its bytes, or answers that
 * it is not sure. The streaming parser of {@link EnrichedSummaryReader} tokenised every field it skipped (entities,
 * figures, tags), and reading records was two fifths of the index stage thread's work (JFR of {@code
 * PlacementBenchmark}). This scanner checks the same JSON grammar byte by byte without tokens (plain runs of a
 * string eight bytes at a time), and reads only the common forms of the few values the summary holds. It reads
 * enrich's records of 4.1 KB in about two thirds of the parser's time (4.4–5.0 µs against 6.5–7.7 µs per record, a
 * loop over 3,000 of the sink benchmark's); a record holds about 160 strings, whose number, not length, is most of
 * what is left.
 *
 * <p>It answers only when the parser would give the same summary: the whole document is well-formed JSON (strictly:
 * valid UTF-8, no leading zeros, at most {@value #MAX_DEPTH} levels), every required field has a string, the read
 * strings are ASCII without escapes, the instants are in Outsight's form ({@link UtcTimestamps}), the schema version
 * a supported integer, the relevance a number within 0..1, and the band keys enrich's 16 hex digits. For anything
 * else, errors included, it returns null and the parser decides, with its messages: the scanner accepts no record the
 * parser refuses, since everything it accepts lies within what the parser accepts.
 *
 * <p>Thread-safe: an instance per record.
 */
final class SummaryScanner {
    private static final String TYPE = EnrichedArticle.class.getSimpleName();
    /** Nesting deeper than this is left to the parser (whose own limit is 1,000). */
    static final int MAX_DEPTH = 200;
    /** A longer number is left to the parser (whose own limit is 1,000 characters). */
    private static final int MAX_NUMBER_LENGTH = 100;
    /** A longer name is left to the parser (whose own limit is 50,000 characters). */
    private static final int MAX_NAME_LENGTH = 10_000;
    /** A longer record is left to the parser, whose strings may not exceed 20,000,000 characters. */
    static final int MAX_LENGTH = 10_000_000;
    /**
     * The top-level names the scanner reads ({@link #field}) or checks (the required ones, bit i for the i-th of
     * {@link EnrichedSummaryReader#REQUIRED}); any other field is skipped.
     */
    private static final String[] NAMES = Stream.concat(Stream.of(RecordCodec.SCHEMA_VERSION_FIELD, "published_at",
            "fingerprint", "relevance"), EnrichedSummaryReader.REQUIRED.stream()).toArray(String[]::new);
    private static final byte[][] NAME_BYTES = Stream.of(NAMES).map(SummaryScanner::ascii).toArray(byte[][]::new);
    /** Each name's bit among the required fields, 0 for the others. */
    private static final int[] REQUIRED_BIT = Stream.of(NAMES)
            .mapToInt(name -> EnrichedSummaryReader.REQUIRED.contains(name)
                    ? 1 << EnrichedSummaryReader.REQUIRED.indexOf(name) : 0)
            .toArray();
    private static final int ALL_REQUIRED = (1 << EnrichedSummaryReader.REQUIRED.size()) - 1;
    /**
     * The names' indices by length: comparing each field's name with every one was a fifth of the scanner's time.
     */
    private static final int[][] BY_LENGTH = IntStream.rangeClosed(0, Stream.of(NAMES).mapToInt(String::length).max()
            .orElse(0)).mapToObj(length -> IntStream.range(0, NAMES.length)
                    .filter(i -> NAMES[i].length() == length).toArray())
            .toArray(int[][]::new);
    private static final byte[] SCHEME = ascii("scheme");
    private static final byte[] TEXT_HASH = ascii("text_hash");
    private static final byte[] SIGNATURE = ascii("signature");
    private static final byte[] BANDS = ascii("bands");
    /** Bytes that end the plain run of a string: the quote, the backslash, control characters and non-ASCII. */
    private static final boolean[] STRING_STOP = stringStops();
    /** Eight bytes of the record read as one long, the first in the lowest bits. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = LOW_BITS * '"';
    private static final long BACKSLASHES = LOW_BITS * '\\';

    /** Thrown, without a stack trace, wherever the scanner is not sure; caught in {@link #read}. */
    private static final class NotSure extends RuntimeException {
        NotSure() {
            super(null, null, false, false);
        }
    }

    private static final NotSure NOT_SURE = new NotSure();

    private final byte[] json;
    private int at;
    private @Nullable Integer schemaVersion;
    private @Nullable String id;
    private @Nullable Instant enrichedAt;
    private @Nullable Instant fetchedAt;
    private @Nullable Instant publishedAt;
    private @Nullable TextFingerprint fingerprint;
    private int present;
    /** Where the name {@link #memberName} read last ends (its closing quote). */
    private int nameEnd;

    private SummaryScanner(byte[] json) {
        this.json = json;
    }

    /** The record's summary, or null when the parser must decide (see the class comment). */
    static @Nullable EnrichedSummary read(byte[] json) {
        if (json.length > MAX_LENGTH) {
            return null;
        }
        try {
            return new SummaryScanner(json).record();
        } catch (RuntimeException e) {
            // Not sure (NOT_SURE), or the end of the bytes reached mid-value, a schema too new, a fingerprint refused:
            // the parser reads the record again and names what is wrong with it.
            return null;
        }
    }

    private EnrichedSummary record() {
        whitespace();
        if (!opens('{', '}')) {
            do {
                int nameStart = memberName();
                field(nameStart, nameEnd);
                whitespace();
            } while (more('}'));
        }
        whitespace();
        if (at != json.length || schemaVersion == null || present != ALL_REQUIRED) {
            throw NOT_SURE; // trailing bytes, or a field missing: the parser names it
        }
        return new EnrichedSummary(id, enrichedAt, fetchedAt, publishedAt, fingerprint);
    }

    /** The value of a top-level field whose name lies between the two offsets. */
    private void field(int nameStart, int nameEnd) {
        int known = known(nameStart, nameEnd);
        int bit = known < 0 ? 0 : REQUIRED_BIT[known];
        switch (known < 0 ? "" : NAMES[known]) {
            case RecordCodec.SCHEMA_VERSION_FIELD -> {
                schemaVersion = smallInteger();
                RecordCodec.checkSchemaVersion(schemaVersion, TYPE);
            }
            case "enriched_at" -> {
                enrichedAt = instant();
                present |= enrichedAt != null ? bit : 0;
            }
            case "fetched_at" -> {
                fetchedAt = instant();
                present |= fetchedAt != null ? bit : 0;
            }
            case "published_at" -> publishedAt = instant();
            case "id" -> {
                id = asciiString();
                present |= bit;
            }
            case "fingerprint" -> fingerprint = fingerprint();
            case "relevance" -> {
                double relevance = number();
                if (!(relevance >= 0 && relevance <= 1)) {
                    throw NOT_SURE;
                }
            }
            default -> {
                if (bit == 0) {
                    skipValue(0);
                } else if (json[at] == '"') {
                    at++;
                    skipString();
                    present |= bit;
                } else {
                    throw NOT_SURE; // a null, a number or a boolean: the parser's rules
                }
            }
        }
    }

    /** Which of {@link #NAMES} the name between the offsets is, or -1. */
    private int known(int start, int end) {
        int length = end - start;
        if (length >= BY_LENGTH.length) {
            return -1;
        }
        for (int candidate : BY_LENGTH[length]) {
            if (is(NAME_BYTES[candidate], start, end)) {
                return candidate;
            }
        }
        return -1;
    }

    /** An instant in Outsight's form, or null for a JSON null. */
    private @Nullable Instant instant() {
        if (json[at] == 'n') {
            literal("null");
            return null;
        }
        Instant instant = UtcTimestamps.parse(asciiString());
        if (instant == null) {
            throw NOT_SURE;
        }
        return instant;
    }

    /** The fingerprint object, or null for a JSON null. */
    private @Nullable TextFingerprint fingerprint() {
        if (json[at] == 'n') {
            literal("null");
            return null;
        }
        String scheme = null;
        String textHash = null;
        String signature = null;
        List<String> bands = null;
        if (!opens('{', '}')) {
            do {
                int nameStart = memberName();
                if (is(SCHEME, nameStart, nameEnd)) {
                    scheme = asciiStringOrNull();
                } else if (is(TEXT_HASH, nameStart, nameEnd)) {
                    textHash = asciiStringOrNull();
                } else if (is(SIGNATURE, nameStart, nameEnd)) {
                    signature = asciiStringOrNull();
                } else if (is(BANDS, nameStart, nameEnd)) {
                    bands = bands();
                } else {
                    skipValue(1);
                }
                whitespace();
            } while (more('}'));
        }
        return new TextFingerprint(scheme, textHash, signature, bands);
    }

    /** Enrich's band keys as values, or null for a JSON null; any other key is left to the parser. */
    private @Nullable HexBandKeys bands() {
        if (json[at] == 'n') {
            literal("null");
            return null;
        }
        var values = new long[32];
        int count = 0;
        if (opens('[', ']')) {
            return HexBandKeys.ofValues(values, 0);
        }
        do {
            expect('"');
            long value = 0;
            for (int i = 0; i < HexBandKeys.KEY_LENGTH; i++) {
                int digit = HexBandKeys.digit((char) (json[at++] & 0xFF));
                if (digit < 0) {
                    throw NOT_SURE;
                }
                value = value << 4 | digit;
            }
            expect('"');
            if (count == values.length) {
                values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = value;
            whitespace();
        } while (more(']'));
        return HexBandKeys.ofValues(values, count);
    }

    private @Nullable String asciiStringOrNull() {
        if (json[at] == 'n') {
            literal("null");
            return null;
        }
        return asciiString();
    }

    /** A string of ASCII characters without escapes; any other is left to the parser. */
    private String asciiString() {
        expect('"');
        int start = at;
        at = plainRun(json, at);
        if (json[at] != '"') {
            throw NOT_SURE;
        }
        at++;
        return new String(json, start, at - 1 - start, StandardCharsets.ISO_8859_1);
    }

    /** A whole number of at most nine digits, as a schema version is written. */
    private int smallInteger() {
        int start = at;
        boolean negative = json[at] == '-';
        if (negative) {
            at++;
        }
        int value = 0;
        int digits = 0;
        while (json[at] >= '0' && json[at] <= '9') {
            value = value * 10 + (json[at++] - '0');
            digits++;
        }
        if (digits == 0 || digits > 9 || (json[negative ? start + 1 : start] == '0' && digits > 1)) {
            throw NOT_SURE;
        }
        if (json[at] == '.' || json[at] == 'e' || json[at] == 'E') {
            throw NOT_SURE; // 2.0 is a version too, for the parser
        }
        return negative ? -value : value;
    }

    /** A JSON number's value. */
    private double number() {
        int start = at;
        skipNumber();
        return Double.parseDouble(new String(json, start, at - start, StandardCharsets.ISO_8859_1));
    }

    /** Moves past a JSON value of any kind, checking it. */
    private void skipValue(int depth) {
        switch (json[at]) {
            case '"' -> {
                at++;
                skipString();
            }
            case '{' -> skipObject(depth + 1);
            case '[' -> skipArray(depth + 1);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> skipNumber();
        }
    }

    private void skipObject(int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_SURE;
        }
        if (opens('{', '}')) {
            return;
        }
        do {
            expect('"');
            int nameStart = at;
            skipString();
            if (at - nameStart > MAX_NAME_LENGTH) {
                throw NOT_SURE;
            }
            whitespace();
            expect(':');
            whitespace();
            skipValue(depth);
            whitespace();
        } while (more('}'));
    }

    private void skipArray(int depth) {
        if (depth > MAX_DEPTH) {
            throw NOT_SURE;
        }
        if (opens('[', ']')) {
            return;
        }
        do {
            skipValue(depth);
            whitespace();
        } while (more(']'));
    }

    /** Moves past the rest of a string whose opening quote was read: escapes checked, UTF-8 strictly. */
    private void skipString() {
        byte[] bytes = json;
        while (true) {
            at = plainRun(bytes, at);
            int c = bytes[at++] & 0xFF;
            if (c == '"') {
                return;
            } else if (c == '\\') {
                escape();
            } else if (c < 0x20) {
                throw NOT_SURE;
            } else {
                utf8(c);
            }
        }
    }

    private void escape() {
        switch (json[at++]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {}
            case 'u' -> {
                for (int i = 0; i < 4; i++) {
                    byte b = json[at++];
                    boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
                    if (!hex) {
                        throw NOT_SURE;
                    }
                }
            }
            default -> throw NOT_SURE;
        }
    }

    /** The continuation bytes of a character of UTF-8 whose first byte {@code first} (0x80 or above) was read. */
    private void utf8(int first) {
        int following;
        int low = 0x80;
        int high = 0xBF; // the second byte's range, narrower after E0, ED, F0 and F4 (no overlong or surrogate forms)
        if (first >= 0xC2 && first <= 0xDF) {
            following = 1;
        } else if (first >= 0xE0 && first <= 0xEF) {
            following = 2;
            if (first == 0xE0) {
                low = 0xA0;
            } else if (first == 0xED) {
                high = 0x9F;
            }
        } else if (first >= 0xF0 && first <= 0xF4) {
            following = 3;
            if (first == 0xF0) {
                low = 0x90;
            } else if (first == 0xF4) {
                high = 0x8F;
            }
        } else {
            throw NOT_SURE;
        }
        int second = json[at++] & 0xFF;
        if (second < low || second > high) {
            throw NOT_SURE;
        }
        for (int i = 1; i < following; i++) {
            if ((json[at++] & 0xC0) != 0x80) {
                throw NOT_SURE;
            }
        }
    }

    /** A number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. */
    private void skipNumber() {
        int start = at;
        if (json[at] == '-') {
            at++;
        }
        if (json[at] == '0') {
            at++;
        } else {
            digits();
        }
        if (json[at] == '.') {
            at++;
            digits();
        }
        if (json[at] == 'e' || json[at] == 'E') {
            at++;
            if (json[at] == '+' || json[at] == '-') {
                at++;
            }
            digits();
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw NOT_SURE;
        }
    }

    /** One digit or more. */
    private void digits() {
        if (json[at] < '0' || json[at] > '9') {
            throw NOT_SURE;
        }
        while (json[at] >= '0' && json[at] <= '9') {
            at++;
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (json[at++] != word.charAt(i)) {
                throw NOT_SURE;
            }
        }
    }

    /**
     * Reads a member's name, ASCII without escapes, and the colon after it; returns where the name starts, and sets
     * {@link #nameEnd}.
     */
    private int memberName() {
        expect('"');
        int start = at;
        at = plainRun(json, at);
        nameEnd = at;
        expect('"');
        whitespace();
        expect(':');
        whitespace();
        return start;
    }

    /**
     * Reads a container's opening bracket and the whitespace after it; true when it is empty (its closing bracket then
     * read too).
     */
    private boolean opens(char open, char close) {
        expect(open);
        whitespace();
        if (json[at] == close) {
            at++;
            return true;
        }
        return false;
    }

    /**
     * After a member of a container and its whitespace: true when a comma and another member follow (the whitespace
     * before it read), false at the closing bracket.
     */
    private boolean more(char close) {
        byte separator = json[at++];
        if (separator == ',') {
            whitespace();
            return true;
        }
        if (separator != close) {
            throw NOT_SURE;
        }
        return false;
    }

    /**
     * Where the run of plain string characters from {@code from} ends: at a quote, a backslash, a control character or
     * a byte of UTF-8. A static method over locals, so that the loop keeps its index in a register.
     */
    private static int plainRun(byte[] bytes, int from) {
        int i = from;
        // Eight bytes at a time while they are plain: a loop of one byte at a time was two fifths of the scanner's time.
        while (i + Long.BYTES <= bytes.length) {
            long word = (long) LONGS.get(bytes, i);
            long stops = (word & HIGH_BITS) | below(word, 0x20) | zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
            if (stops != 0) {
                return i + Long.numberOfTrailingZeros(stops) / Byte.SIZE;
            }
            i += Long.BYTES;
        }
        while (!STRING_STOP[bytes[i] & 0xFF]) {
            i++;
        }
        return i;
    }

    /**
     * The high bit of each byte that is zero, and perhaps of bytes above the first such byte (a borrow carries), which
     * is exact for the lowest.
     */
    private static long zeroBytes(long word) {
        return (word - LOW_BITS) & ~word & HIGH_BITS;
    }

    /** The high bit of each byte below {@code limit} (at most 0x80), exact for the lowest, among bytes below 0x80. */
    private static long below(long word, int limit) {
        return (word - LOW_BITS * limit) & ~word & HIGH_BITS;
    }

    private boolean is(byte[] name, int start, int end) {
        // Length and first byte first: most names compared are not this one, and comparing ranges costs a call.
        return end - start == name.length && json[start] == name[0]
                && Arrays.equals(json, start, end, name, 0, name.length);
    }

    /**
     * Whitespace as JSON has it. At the end of the bytes it stops there; reading on past it throws, which {@link
     * #read} takes as not sure.
     */
    private void whitespace() {
        while (at < json.length) {
            byte b = json[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private void expect(char c) {
        if (json[at++] != c) {
            throw NOT_SURE;
        }
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean[] stringStops() {
        var stops = new boolean[256];
        for (int b = 0; b < 256; b++) {
            stops[b] = b == '"' || b == '\\' || b < 0x20 || b >= 0x80;
        }
        return stops;
    }
}
