package io.outsight.ingest.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
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
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new InvalidUrlException(url, "no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidUrlException(url, "credentials in URLs are not accepted");
        }
        String host;
        try {
            host = IDN.toASCII(uri.getHost(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidUrlException(url, "bad host name: " + e.getMessage());
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = withoutTracking(uri.getRawQuery());
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
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
