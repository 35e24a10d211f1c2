package io.outsight.ingest.intake;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import io.outsight.ingest.fetch.FetchRequest;
import io.outsight.ingest.fetch.FetchResult;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the URLs of a sitemap or feed with crawler-commons' {@link SiteMapParser}, which understands XML sitemaps,
 * sitemap indexes, gzip, text sitemaps, RSS 2.0 and Atom, and here also the Google News extension. Indexes are
 * followed (each child once, at most {@code maxSitemaps} files). Files are fetched with the {@link PageFetcher}, so
 * the address guard, timeouts and redirect rules apply to them too; gzipped files are inflated here, to at most the
 * parser's own size limit. The parser refuses document type declarations, so no external entity is resolved and
 * no entity expansion bomb goes off. Thread-safe.
 */
public final class SitemapReader {
    private final PageFetcher fetcher;
    private final int maxSitemaps;
    private final int maxUrls;

    /** What a sitemap gave: its URLs, and what went wrong on the way (a child that failed, a limit reached). */
    public record Result(List<DiscoveredUrl> urls, List<String> problems) {
        public Result {
            urls = List.copyOf(urls);
            problems = List.copyOf(problems);
        }
    }

    public SitemapReader(PageFetcher fetcher, int maxSitemaps, int maxUrls) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.maxSitemaps = maxSitemaps;
        this.maxUrls = maxUrls;
    }

    /** Reads a sitemap, sitemap index or feed and every sitemap it lists. */
    public Result read(String sitemapUrl) {
        Objects.requireNonNull(sitemapUrl, "sitemapUrl");
        // strict = false: sitemaps of news sites often list URLs on other hosts (a CDN, a www. variant).
        var parser = new SiteMapParser(false);
        parser.enableExtension(Extension.NEWS);
        var urls = new ArrayList<DiscoveredUrl>();
        var problems = new ArrayList<String>();
        var queue = new ArrayDeque<String>();
        var seen = new HashSet<String>();
        queue.add(sitemapUrl);
        seen.add(sitemapUrl);
        int read = 0;
        while (!queue.isEmpty()) {
            String url = queue.poll();
            if (read++ >= maxSitemaps) {
                problems.add("stopped after " + maxSitemaps + " sitemaps; " + (queue.size() + 1) + " not read");
                break;
            }
            var parsed = fetchAndParse(parser, url, problems);
            if (parsed instanceof SiteMapIndex index) {
                for (AbstractSiteMap child : index.getSitemaps()) {
                    String childUrl = child.getUrl().toString();
                    if (seen.add(childUrl)) {
                        queue.add(childUrl);
                    }
                }
            } else if (parsed instanceof SiteMap map) {
                for (SiteMapURL entry : map.getSiteMapUrls()) {
                    if (urls.size() >= maxUrls) {
                        problems.add("stopped after " + maxUrls + " URLs");
                        return new Result(urls, problems);
                    }
                    urls.add(discovered(entry));
                }
            }
        }
        return new Result(urls, problems);
    }

    private @Nullable AbstractSiteMap fetchAndParse(SiteMapParser parser, String url, List<String> problems) {
        URL location;
        try {
            location = URI.create(url).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            problems.add(url + ": not a URL");
            return null;
        }
        var result = fetcher.fetch(new FetchRequest(url, FetchRequest.Accept.ANY, SiteMapParser.MAX_BYTES_ALLOWED,
                false, Validators.NONE, FetchRequest.RedirectCheck.NONE));
        return switch (result) {
            case FetchResult.Fetched f -> {
                try {
                    String contentType = f.contentType().isEmpty() ? "application/xml" : f.contentType();
                    byte[] body = f.body();
                    if (isGzip(body)) {
                        // The parser would inflate it as it reads, without a limit: a small file that inflates to
                        // gigabytes of one <loc> or one text line would fill the memory.
                        body = gunzip(body, SiteMapParser.MAX_BYTES_ALLOWED);
                        if (body == null) {
                            problems.add(url + ": too_large, larger than " + SiteMapParser.MAX_BYTES_ALLOWED
                                    + " bytes once decompressed");
                            yield null;
                        }
                        contentType = "application/octet-stream"; // what is inside is told by its first bytes
                    }
                    yield parser.parseSiteMap(contentType, body, location);
                } catch (UnknownFormatException | IOException | RuntimeException e) {
                    problems.add(url + ": not a sitemap or feed (" + describe(e) + ")");
                    yield null;
                }
            }
            case FetchResult.Failed f -> {
                problems.add(url + ": " + f.outcome().wireName() + ", " + f.reason());
                yield null;
            }
            case FetchResult.NotModified n -> null;
            case FetchResult.Deferred d -> {
                problems.add(url + ": " + d.reason());
                yield null;
            }
        };
    }

    private static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    /** The inflated bytes, or null when there are more than {@code limit}. */
    private static byte @Nullable [] gunzip(byte[] body, int limit) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(limit + 1);
            return out.length > limit ? null : out;
        }
    }

    /** The message of an exception and of its cause: the parser says "Failed to parse", its cause says why. */
    private static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage()) ? message
                : message + ": " + cause.getMessage();
    }

    private static DiscoveredUrl discovered(SiteMapURL entry) {
        Instant lastModified = entry.getLastModified() == null ? null : entry.getLastModified().toInstant();
        String title = null;
        ExtensionMetadata[] news = entry.getAttributesForExtension(Extension.NEWS);
        if (news != null && news.length > 0 && news[0] instanceof NewsAttributes n) {
            title = n.getTitle();
            if (n.getPublicationDateTime() != null) {
                lastModified = n.getPublicationDateTime().toInstant();
            }
        }
        return new DiscoveredUrl(entry.getUrl().toString(), lastModified, title);
    }
}
