package io.outsight.ingest.stream;

import io.outsight.core.id.ArticleIds;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.extract.ExtractedPage;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.fetch.FetchResult;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.url.InvalidUrlException;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/**
 * Turns one URL request into a fetch status and, when the page was fetched and has text, a raw article.
 * Thread-safe when its collaborators are (they are).
 */
public final class PageIngestor {
    private final UrlNormalizer normalizer;
    private final PageFetcher fetcher;
    private final MainContentExtractor extractor;
    private final Clock clock;

    public PageIngestor(UrlNormalizer normalizer, PageFetcher fetcher, MainContentExtractor extractor, Clock clock) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The outcome of one request.
     *
     * @param key the normalised URL (or the URL as given when it could not be normalised)
     */
    public record Ingested(String key, FetchStatus status, Optional<RawArticle> article) {}

    public Ingested ingest(UrlRequest request) {
        Objects.requireNonNull(request, "request");
        String url;
        try {
            url = normalizer.normalize(request.url());
        } catch (InvalidUrlException e) {
            return failed(request.url(), request, FetchOutcome.FAILED, null, e.getMessage());
        }
        return switch (fetcher.fetch(url)) {
            case FetchResult.Failed f -> failed(url, request, f.outcome(), f.httpStatus(), f.reason());
            case FetchResult.Fetched page -> fromPage(url, request, page);
        };
    }

    private Ingested fromPage(String url, UrlRequest request, FetchResult.Fetched page) {
        String html = decode(page);
        ExtractedPage extracted = extractor.extract(html, page.finalUrl());
        if (extracted.text().isBlank()) {
            return failed(url, request, FetchOutcome.EXTRACTION_EMPTY, page.status(), "no article text found");
        }
        String canonical = canonicalUrl(extracted.canonicalUrl(), page.finalUrl());
        String id = ArticleIds.of(canonical);
        var article = new RawArticle(id, url, page.finalUrl(), canonical, clock.instant(), page.status(),
                page.contentType(), page.etag(), page.lastModified(), extracted.title(), extracted.authors(),
                extracted.publishedAt(), extracted.modifiedAt(), extracted.siteName(), extracted.description(),
                extracted.language(), extracted.text(), extracted.headings(), ArticleIds.contentHash(extracted.text()),
                request.source());
        var status = new FetchStatus(url, id, FetchOutcome.OK, page.status(), "fetched", clock.instant(),
                request.source());
        return new Ingested(url, status, Optional.of(article));
    }

    /** The page's declared canonical URL when it is a valid http(s) URL, else the URL it was fetched from. */
    private String canonicalUrl(@Nullable String declared, String finalUrl) {
        if (declared != null) {
            try {
                return normalizer.normalize(declared);
            } catch (InvalidUrlException e) {
                // A broken canonical link is common; the fetched URL identifies the page just as well.
            }
        }
        return normalizer.normalize(finalUrl);
    }

    private Ingested failed(String key, UrlRequest request, FetchOutcome outcome, @Nullable Integer status,
            String reason) {
        return new Ingested(key, new FetchStatus(key, null, outcome, status, reason, clock.instant(), request.source()),
                Optional.empty());
    }

    /** The page as text: the declared charset, else what the BOM or a meta tag says (Jsoup's detection), else UTF-8. */
    private static String decode(FetchResult.Fetched page) {
        Charset charset = charset(page.charset());
        if (charset == null) {
            try {
                var detected = Jsoup.parse(new ByteArrayInputStream(page.body()), null, page.finalUrl()).charset();
                charset = detected == null ? StandardCharsets.UTF_8 : detected;
            } catch (IOException e) {
                charset = StandardCharsets.UTF_8;
            }
        }
        return new String(page.body(), charset);
    }

    private static @Nullable Charset charset(@Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
