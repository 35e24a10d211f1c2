package io.outsight.ingest.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises URLs so that one page has one spelling: scheme and host lower-cased, IDN hosts in ASCII, default
 * ports, fragments and tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, …, also percent-encoded)
 * removed, an empty path made "/". Only http and https are accepted, with a port from 1 to 65535 and a host made of
 * the characters RFC 3986 allows. Normalising a normalised URL changes nothing. Thread-safe.
 */
public final class UrlNormalizer {
    /** The characters of an RFC 3986 reg-name, lower-cased: unreserved, percent-escapes and sub-delims. */
    private static final Pattern REG_NAME = Pattern.compile("(?:[a-z0-9._~!$&'()*+,;=-]|%[0-9a-f]{2})+");
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
            "igshid", "yclid", "_hsenc", "_hsmi", "ref_src");

    /**
     * @throws InvalidUrlException with the reason when the text is not an absolute http(s) URL
     */
    public String normalize(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidUrlException(url, "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidUrlException(url, "only http and https URLs are fetched");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new InvalidUrlException(url, "no host");
        }
        if (authority.contains("@")) {
            throw new InvalidUrlException(url, "credentials in URLs are not accepted");
        }
        // java.net.URI leaves getHost() null for internationalised names, so the authority is split here.
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']');
        String rawHost = hasPort ? authority.substring(0, colon) : authority;
        String portText = hasPort ? authority.substring(colon + 1) : "";
        // Digits only: Integer.parseInt would also take "+80" and "-5".
        if (!portText.chars().allMatch(c -> c >= '0' && c <= '9') || portText.length() > 5) {
            throw new InvalidUrlException(url, "bad port in '" + authority + "'");
        }
        int port = portText.isEmpty() ? -1 : Integer.parseInt(portText);
        if (port == 0 || port > 65535) {
            throw new InvalidUrlException(url, "bad port " + port);
        }
        String host;
        try {
            host = rawHost.startsWith("[") ? rawHost.toLowerCase(Locale.ROOT)
                    : IDN.toASCII(rawHost, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException(url, "bad host name: " + e.getMessage());
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new InvalidUrlException(url, "no host");
        }
        // IDNA maps some characters to URL delimiters ("℀" to "a/c", "﹖" to "?"): such a host would move text into
        // the path or query. Only the characters of an RFC 3986 host may remain.
        if (!rawHost.startsWith("[") && !REG_NAME.matcher(host).matches()) {
            throw new InvalidUrlException(url, "bad host name '" + host + "'");
        }
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : percentEncodeNonAscii(uri.getRawPath());
        String query = percentEncodeNonAscii(withoutTracking(uri.getRawQuery()));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** Percent-encodes (as UTF-8) the characters outside US-ASCII, as browsers send them. */
    private static String percentEncodeNonAscii(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 0x80) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Percent-decodes as UTF-8; a malformed escape is kept as it is. */
    private static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        var bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = c == '%' && i + 2 < text.length() ? hexDigit(text.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hexDigit(text.charAt(i + 2)) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        var kept = new ArrayList<String>();
        for (String pair : rawQuery.split("&")) {
            // Servers decode the name, so "%75tm_source" is utm_source too.
            String name = percentDecode(pair.split("=", 2)[0]).toLowerCase(Locale.ROOT);
            if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
