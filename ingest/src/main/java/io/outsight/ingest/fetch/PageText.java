package io.outsight.ingest.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes an HTML body to text, choosing the charset as browsers do: a byte-order mark, else the charset of the
 * Content-Type header, else a {@code <meta>} charset or an XML declaration near the start, else detected from the
 * bytes (valid UTF-8 is UTF-8; otherwise juniversalchardet's guess; otherwise windows-1252, the web's default).
 * Labels follow the WHATWG encoding standard where it differs from Java: ISO-8859-1 and US-ASCII mean
 * windows-1252, and a UTF-16 label found in the bytes themselves means UTF-8. Thread-safe.
 */
public final class PageText {
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9_.:-]+)[\"']", Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** How far into the body a meta charset is looked for (WHATWG pre-scan: 1024 bytes; pages often exceed it). */
    private static final int PRESCAN = 4096;

    /**
     * The charset chosen and why.
     *
     * @param source "bom", "header", "meta", "xml-declaration" or "detected"
     */
    public record Decoded(String text, Charset charset, String source) {}

    private PageText() {}

    /** The body as text. */
    public static Decoded decode(byte[] body, @Nullable String declaredCharset) {
        Objects.requireNonNull(body, "body");
        int bomLength;
        Charset bom;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            bom = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(body, 0xFE, 0xFF)) {
            bom = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else if (startsWith(body, 0xFF, 0xFE)) {
            bom = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else {
            bom = null;
            bomLength = 0;
        }
        if (bom != null) {
            return new Decoded(new String(body, bomLength, body.length - bomLength, bom), bom, "bom");
        }
        Charset header = label(declaredCharset, false);
        if (header != null) {
            return new Decoded(new String(body, header), header, "header");
        }
        String start = new String(body, 0, Math.min(body.length, PRESCAN), StandardCharsets.ISO_8859_1);
        var xml = XML_ENCODING.matcher(start);
        if (xml.find()) {
            Charset c = label(xml.group(1), true);
            if (c != null) {
                return new Decoded(new String(body, c), c, "xml-declaration");
            }
        }
        var meta = META_CHARSET.matcher(start);
        if (meta.find()) {
            Charset c = label(meta.group(1), true);
            if (c != null) {
                return new Decoded(new String(body, c), c, "meta");
            }
        }
        Charset detected = detect(body);
        return new Decoded(new String(body, detected), detected, "detected");
    }

    private static Charset detect(byte[] body) {
        if (isUtf8(body)) {
            return StandardCharsets.UTF_8;
        }
        var detector = new UniversalDetector();
        detector.handleData(body, 0, body.length);
        detector.dataEnd();
        Charset guessed = label(detector.getDetectedCharset(), true);
        return guessed == null ? WINDOWS_1252 : guessed;
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A charset label as the WHATWG encoding standard reads it; null when unknown. */
    private static @Nullable Charset label(@Nullable String name, boolean fromContent) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252" -> {
                return WINDOWS_1252;
            }
            case "utf-16", "utf-16le", "utf-16be" -> {
                // Bytes that hold an ASCII-compatible meta tag cannot be UTF-16; a header may say so truly.
                return fromContent ? StandardCharsets.UTF_8 : Charset.forName(n);
            }
            case "x-user-defined" -> {
                return WINDOWS_1252;
            }
            default -> {
                try {
                    return Charset.forName(n);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return null;
                }
            }
        }
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
