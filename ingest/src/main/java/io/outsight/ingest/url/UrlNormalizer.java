package io.outsight.ingest.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Normalises URLs so that one page has one spelling: scheme and host lower-cased, IDN hosts in ASCII, default
 * ports, fragments and tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, …) removed, an empty
 * path made "/". Only http and https are accepted. Thread-safe.
 */
public final class UrlNormalizer {
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
        int port;
        try {
            port = hasPort && colon < authority.length() - 1 ? Integer.parseInt(authority.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            throw new InvalidUrlException(url, "bad port in '" + authority + "'");
        }
        if (port > 65535) {
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

    private static String withoutTracking(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        var kept = new ArrayList<String>();
        for (String pair : rawQuery.split("&")) {
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
