package io.outsight.ingest.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Whether a body without a Content-Type starts like HTML (after a BOM, white space and comments). Thread-safe. */
final class HtmlSniffer {
    // The tags of the WHATWG MIME sniffing algorithm's "text/html" patterns.
    private static final List<String> STARTS = List.of("<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",
            "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<?xml");

    private HtmlSniffer() {}

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
