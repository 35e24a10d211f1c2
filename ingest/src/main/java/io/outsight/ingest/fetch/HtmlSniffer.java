package io.outsight.ingest.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether a body without a Content-Type starts like HTML (after a BOM, white space and comments), and whether a body
 * is binary whatever its Content-Type says. Thread-safe.
 */
final class HtmlSniffer {
    // The tags of the WHATWG MIME sniffing algorithm's "text/html" patterns.
    private static final List<String> STARTS = List.of("<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",
            "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<?xml");

    /** How much of the body the binary check reads: the WHATWG sniffing algorithm's resource header. */
    private static final int HEADER = 1445;

    private HtmlSniffer() {}

    /**
     * Whether a body is binary whatever its Content-Type says (an image or archive served as text/html): its first
     * bytes hold several NULs, or many of the control bytes that the WHATWG sniffing algorithm calls binary data
     * bytes (random bytes: one in nine). A stray NUL or control character in a broken page leaves it a page. Bodies
     * in UTF-16 or UTF-32 (by byte-order mark or declared charset) are text with NULs.
     */
    static boolean looksBinary(byte[] body, @Nullable String declaredCharset) {
        if (body.length >= 2 && ((body[0] & 0xff) == 0xFE && (body[1] & 0xff) == 0xFF
                || (body[0] & 0xff) == 0xFF && (body[1] & 0xff) == 0xFE)) {
            return false;
        }
        if (declaredCharset != null) {
            String c = declaredCharset.toLowerCase(Locale.ROOT);
            if (c.contains("16") || c.contains("32") || c.contains("ucs")) {
                return false;
            }
        }
        int length = Math.min(body.length, HEADER);
        int nuls = 0;
        int binary = 0;
        for (int i = 0; i < length; i++) {
            int b = body[i] & 0xff;
            if (b == 0) {
                nuls++;
            }
            if (b <= 0x08 || b == 0x0B || b >= 0x0E && b <= 0x1A || b >= 0x1C && b <= 0x1F) {
                binary++;
            }
        }
        return nuls >= 4 || binary >= 8 && binary * 20 > length;
    }

    static boolean looksLikeHtml(byte[] body) {
        int length = Math.min(body.length, 512);
        String start = new String(body, 0, length, StandardCharsets.ISO_8859_1);
        if (start.startsWith("\u00ef\u00bb\u00bf")) {
            start = start.substring(3);
        }
        start = start.stripLeading().toLowerCase(Locale.ROOT);
        for (String prefix : STARTS) {
            if (start.startsWith(prefix)) {
                int next = prefix.length();
                // "<a" must be a whole tag name ("<a " or "<a>"), not "<abbr"; "<!--" and "<?xml" need no terminator.
                if (prefix.equals("<!--") || prefix.equals("<?xml") || start.length() == next
                        || start.charAt(next) == ' ' || start.charAt(next) == '>' || start.charAt(next) == '\t'
                        || start.charAt(next) == '\n' || start.charAt(next) == '\r') {
                    return true;
                }
            }
        }
        return false;
    }
}
