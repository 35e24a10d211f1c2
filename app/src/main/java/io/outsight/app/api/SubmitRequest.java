package io.outsight.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.outsight.ingest.intake.UrlSource;
import io.outsight.ingest.url.InvalidUrlException;
import io.outsight.ingest.url.UrlNormalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /jobs}: a JSON array of URLs, or an object {@code {"urls": [...], "sitemaps": [...],
 * "feeds": [...]}}. Every URL must be a valid http(s) URL; the URLs listed directly count against the limit here,
 * those read from sitemaps and feeds once they are read. Stateless.
 */
final class SubmitRequest {
    private static final Set<String> FIELDS = Set.of("urls", "sitemaps", "feeds");

    private SubmitRequest() {}

    /** @throws IllegalArgumentException with a message for the client */
    static List<UrlSource> parse(JsonNode body, int maxUrls, UrlNormalizer normalizer) {
        List<String> urls = new ArrayList<>();
        List<String> sitemaps = new ArrayList<>();
        List<String> feeds = new ArrayList<>();
        if (body.isArray()) {
            urls = strings(body, "the body");
        } else if (body.isObject()) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException("unknown field '" + name + "'; known: urls, sitemaps, feeds");
                }
            }
            urls = body.has("urls") ? strings(body.get("urls"), "'urls'") : urls;
            sitemaps = body.has("sitemaps") ? strings(body.get("sitemaps"), "'sitemaps'") : sitemaps;
            feeds = body.has("feeds") ? strings(body.get("feeds"), "'feeds'") : feeds;
        } else {
            throw new IllegalArgumentException("the body must be a JSON array of URLs or an object with urls, "
                    + "sitemaps and feeds");
        }
        if (urls.isEmpty() && sitemaps.isEmpty() && feeds.isEmpty()) {
            throw new IllegalArgumentException("no URLs: give at least one URL, sitemap or feed");
        }
        if (urls.size() > maxUrls) {
            throw new IllegalArgumentException("too many URLs: " + urls.size() + " in one request, at most " + maxUrls);
        }
        var invalid = new ArrayList<String>();
        var sources = new ArrayList<UrlSource>();
        for (String url : urls) {
            check(normalizer, url, invalid);
            sources.add(new UrlSource.Given(url));
        }
        for (String url : sitemaps) {
            check(normalizer, url, invalid);
            sources.add(new UrlSource.Sitemap(url));
        }
        for (String url : feeds) {
            check(normalizer, url, invalid);
            sources.add(new UrlSource.Feed(url));
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("invalid URL(s): " + String.join("; ", invalid));
        }
        return sources;
    }

    private static void check(UrlNormalizer normalizer, String url, List<String> invalid) {
        try {
            normalizer.normalize(url);
        } catch (InvalidUrlException e) {
            invalid.add("'" + url + "': " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array, String what) {
        if (!array.isArray()) {
            throw new IllegalArgumentException(what + " must be a JSON array of strings");
        }
        var out = new ArrayList<String>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(what + " must hold strings only, found " + item);
            }
            out.add(item.asText());
        }
        return out;
    }
}
