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
import io.outsight.ingest.fetch.PageText;
import io.outsight.ingest.fetch.Validators;
import io.outsight.ingest.politeness.PoliteFetcher;
import io.outsight.ingest.politeness.PolitenessSettings;
import io.outsight.ingest.politeness.Sleeper;
import io.outsight.ingest.url.InvalidUrlException;
import io.outsight.ingest.url.UrlNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one URL request into a fetch status and, when the page was fetched and has new text, a raw article.
 *
 * <p>A URL fetched successfully within the de-duplication window is a {@code duplicate}; otherwise a URL fetched
 * before is fetched conditionally (ETag, Last-Modified), and a 304 or an unchanged text hash gives
 * {@code not_modified} without an article, so the unchanged page is not enriched again. The request id tells a
 * redelivered request (same id) from a new one: a redelivery is always fetched and produced in full.
 *
 * <p>Never throws for a bad page: every failure is a status with a reason. Thread-safe when its collaborators are
 * (they are).
 */
public final class PageIngestor {
    private static final Logger log = LoggerFactory.getLogger(PageIngestor.class);

    private final UrlNormalizer normalizer;
    private final PoliteFetcher fetcher;
    private final MainContentExtractor extractor;
    private final UrlMemory memory;
    private final Duration dedupWindow;
    private final Clock clock;

    /** What one request gave. */
    public sealed interface Ingested {
        /** @return the normalised URL (or the URL as given when it could not be normalised) */
        String key();

        /** A final answer: a status, and an article when the page was fetched and is new or changed. */
        record Done(String key, FetchStatus status, Optional<RawArticle> article) implements Ingested {}

        /** Not fetched now: the request goes back on the topic to be handled in a later batch. */
        record Deferred(String key, String reason) implements Ingested {}
    }

    public PageIngestor(UrlNormalizer normalizer, PoliteFetcher fetcher, MainContentExtractor extractor,
            UrlMemory memory, Duration dedupWindow, Clock clock) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.dedupWindow = Objects.requireNonNull(dedupWindow, "dedupWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Ingests a request that has no identity of its own (a new request each call), with a day to get its host. */
    public Ingested ingest(UrlRequest request) {
        return ingest(request, "once-" + UUID.randomUUID(), clock.instant().plus(Duration.ofDays(1)));
    }

    /**
     * @param requestId identifies the request (for Kafka: topic-partition@offset), to recognise a redelivery
     * @param deadline the latest time the fetch may start; after it the request is {@link Ingested.Deferred}
     */
    public Ingested ingest(UrlRequest request, String requestId, Instant deadline) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(deadline, "deadline");
        String url;
        try {
            url = normalizer.normalize(request.url());
        } catch (InvalidUrlException e) {
            return done(request.url(), request, null, FetchOutcome.FAILED, null, e.getMessage());
        }
        if (!memory.start(url, requestId)) {
            return done(url, request, null, FetchOutcome.DUPLICATE, null,
                    "requested again while a fetch of the same URL is running");
        }
        try {
            return fetchAndExtract(url, request, requestId, deadline);
        } catch (RuntimeException e) {
            // A bug or a page that breaks a library must not stop the stage: report it, go on.
            log.warn("ingesting {} failed unexpectedly", url, e);
            return done(url, request, null, FetchOutcome.FAILED, null, "internal error: " + e);
        } finally {
            memory.finish(url, requestId);
        }
    }

    private Ingested fetchAndExtract(String url, UrlRequest request, String requestId, Instant deadline) {
        Instant now = clock.instant();
        var previous = memory.lastFetch(url).filter(seen -> !seen.requestId().equals(requestId));
        if (previous.isPresent() && dedupWindow.isPositive()
                && previous.get().fetchedAt().plus(dedupWindow).isAfter(now)) {
            return done(url, request, previous.get().articleId(), FetchOutcome.DUPLICATE, null,
                    "already fetched at " + previous.get().fetchedAt() + " (within ingest.dedup-window)");
        }
        var validators = previous.map(UrlMemory.Seen::validators).orElse(Validators.NONE);
        return switch (fetcher.fetch(url, validators, deadline)) {
            case FetchResult.Failed f -> done(url, request, null, f.outcome(), f.httpStatus(), f.reason());
            case FetchResult.Deferred d -> new Ingested.Deferred(url, d.reason());
            case FetchResult.NotModified n when previous.isEmpty() -> done(url, request, null, FetchOutcome.FAILED, 304,
                    "HTTP 304 Not Modified to a request that had no validators");
            case FetchResult.NotModified n -> {
                var seen = previous.get();
                memory.remember(url, new UrlMemory.Seen(requestId, clock.instant(), seen.validators(),
                        seen.contentHash(), seen.articleId()));
                yield done(url, request, seen.articleId(), FetchOutcome.NOT_MODIFIED, 304,
                        "not modified since " + seen.fetchedAt() + " (HTTP 304)");
            }
            case FetchResult.Fetched page -> fromPage(url, request, requestId, page, previous);
        };
    }

    private Ingested fromPage(String url, UrlRequest request, String requestId, FetchResult.Fetched page,
            Optional<UrlMemory.Seen> previous) {
        String html = PageText.decode(page.body(), page.charset()).text();
        ExtractedPage extracted = extractor.extract(html, page.finalUrl());
        if (extracted.text().isBlank()) {
            return done(url, request, null, FetchOutcome.EXTRACTION_EMPTY, page.status(),
                    page.body().length == 0 ? "empty page" : "no article text found");
        }
        String contentHash = ArticleIds.contentHash(extracted.text());
        String canonical = canonicalUrl(extracted.canonicalUrl(), page.finalUrl());
        String id = ArticleIds.of(canonical);
        Instant fetchedAt = clock.instant();
        memory.remember(url, new UrlMemory.Seen(requestId, fetchedAt, page.validators(), contentHash, id));
        if (previous.isPresent() && contentHash.equals(previous.get().contentHash())
                && id.equals(previous.get().articleId())) {
            return done(url, request, id, FetchOutcome.NOT_MODIFIED, page.status(),
                    "text unchanged since " + previous.get().fetchedAt() + " (same content hash)");
        }
        var article = new RawArticle(id, url, page.finalUrl(), canonical, fetchedAt, page.status(),
                page.contentType().isEmpty() ? null : page.contentType(), page.etag(), page.lastModified(),
                extracted.title(), extracted.authors(), extracted.publishedAt(), extracted.modifiedAt(),
                extracted.siteName(), extracted.description(), extracted.language(), extracted.text(),
                extracted.headings(), contentHash, request.source());
        var status = new FetchStatus(url, id, FetchOutcome.OK, page.status(), "fetched", fetchedAt, request.source());
        return new Ingested.Done(url, status, Optional.of(article));
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

    private Ingested done(String key, UrlRequest request, @Nullable String articleId, FetchOutcome outcome,
            @Nullable Integer status, String reason) {
        return new Ingested.Done(key, new FetchStatus(key, articleId, outcome, status, reason, clock.instant(),
                request.source()), Optional.empty());
    }
}
