package io.outsight.ingest.politeness;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.FetchRequest;
import io.outsight.ingest.fetch.FetchResult;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.Validators;
import io.outsight.ingest.robots.HostRobots;
import io.outsight.ingest.robots.RobotsCache;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches a page the polite way: robots.txt is asked first (and again for each redirect target), the host's
 * Crawl-delay and our minimum delay space the requests, at most {@code hostConcurrency} run per host, and transient
 * failures are retried after a backoff that honours Retry-After (the host is held back meanwhile, for everyone).
 * A page whose host cannot be had before the deadline is {@link FetchResult.Deferred}.
 *
 * <p>Thread-safe: call it from many threads; a slow host only holds up the callers that want that host.
 */
public final class PoliteFetcher {
    private final PageFetcher fetcher;
    private final RobotsCache robots;
    private final HostThrottle throttle;
    private final RetryPolicy retries;
    private final PolitenessSettings settings;
    private final Clock clock;
    private final String robotsName;

    public PoliteFetcher(PageFetcher fetcher, RobotsCache robots, HostThrottle throttle, PolitenessSettings settings,
            Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.robots = Objects.requireNonNull(robots, "robots");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retries = new RetryPolicy(settings.retries(), settings.retryBackoff(), settings.maxRetryWait());
        this.robotsName = fetcher.settings().robotsName();
    }

    /** Everything built from settings: robots cache, throttle and retries around the fetcher. */
    public static PoliteFetcher create(PageFetcher fetcher, PolitenessSettings settings, Clock clock, Sleeper sleeper) {
        var robots = new RobotsCache(fetcher, fetcher.settings().robotsName(), clock, settings.robotsCacheTtl(), 50_000);
        var throttle = new HostThrottle(clock, sleeper, settings.hostConcurrency());
        return new PoliteFetcher(fetcher, robots, throttle, settings, clock);
    }

    /**
     * Fetches a normalised HTML page.
     *
     * @param validators of the version fetched before, for a conditional GET ({@link Validators#NONE} if none)
     * @param deadline the latest time the request may start (retries included)
     */
    public FetchResult fetch(String url, Validators validators, Instant deadline) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(deadline, "deadline");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "not a URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "no host in " + url);
        }
        var request = FetchRequest.page(url, fetcher.settings().maxBodySize())
                .withValidators(validators)
                .withRedirectCheck(this::redirectAllowed);
        String host = hostKey(uri);
        try {
            for (int retriesDone = 0; ; retriesDone++) {
                FetchResult.Failed failed;
                var verdict = robots.forUrl(uri);
                if (verdict instanceof HostRobots.Unavailable unavailable) {
                    failed = unavailable.failure();
                } else {
                    var rules = (HostRobots.Rules) verdict;
                    var denied = denial(rules, uri);
                    if (denied.isPresent()) {
                        return denied.get();
                    }
                    var permit = throttle.acquire(host, delayOf(rules), deadline);
                    if (permit.isEmpty()) {
                        return deferred(host);
                    }
                    FetchResult result;
                    try (var p = permit.get()) {
                        result = fetcher.fetch(request);
                    }
                    if (!(result instanceof FetchResult.Failed f)) {
                        return result;
                    }
                    failed = f;
                }
                Instant now = clock.instant();
                switch (retries.decide(failed, retriesDone, now)) {
                    case RetryPolicy.Decision.GiveUp giveUp -> {
                        return giveUp.why().isEmpty() ? failed : failed.withReason(failed.reason() + giveUp.why());
                    }
                    case RetryPolicy.Decision.Retry retry -> {
                        throttle.deferHost(host, now.plus(retry.delay()));
                        if (verdict instanceof HostRobots.Unavailable) {
                            // Read robots.txt again on the retry. It is read outside the throttle, so the wait for
                            // the host happens here.
                            robots.forget(uri);
                            var wait = throttle.acquire(host, Duration.ZERO, deadline);
                            if (wait.isEmpty()) {
                                return deferred(host);
                            }
                            wait.get().close();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "interrupted while waiting for " + host);
        }
    }

    private Duration delayOf(HostRobots.Rules rules) {
        var crawlDelay = rules.crawlDelay();
        return crawlDelay.isPresent() && crawlDelay.get().compareTo(settings.hostDelay()) > 0 ? crawlDelay.get()
                : settings.hostDelay();
    }

    private static FetchResult.Deferred deferred(String host) {
        return new FetchResult.Deferred(host + " is busy until after this batch's time budget");
    }

    private Optional<FetchResult.Failed> redirectAllowed(URI target) {
        if (target.getHost() == null) {
            return Optional.empty(); // the fetcher refuses it with its own reason
        }
        var verdict = robots.forUrl(target);
        if (verdict instanceof HostRobots.Unavailable unavailable) {
            return Optional.of(unavailable.failure());
        }
        return denial((HostRobots.Rules) verdict, target);
    }

    private Optional<FetchResult.Failed> denial(HostRobots.Rules rules, URI uri) {
        if (!rules.allows(uri.toString())) {
            return Optional.of(new FetchResult.Failed(FetchOutcome.ROBOTS_DENIED, null, "robots.txt of "
                    + RobotsCache.siteOf(uri) + " disallows " + pathOf(uri) + " for " + robotsName));
        }
        var crawlDelay = rules.crawlDelay();
        if (crawlDelay.isPresent() && crawlDelay.get().compareTo(settings.maxCrawlDelay()) > 0) {
            return Optional.of(new FetchResult.Failed(FetchOutcome.ROBOTS_DENIED, null, "robots.txt of "
                    + RobotsCache.siteOf(uri) + " asks for a Crawl-delay of " + crawlDelay.get().toMillis()
                    + " ms, longer than ingest.fetch.max-crawl-delay (" + settings.maxCrawlDelay().toMillis() + " ms)"));
        }
        return Optional.empty();
    }

    private static String pathOf(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The politeness unit: host and port ("example.com:443"). */
    public static String hostKey(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
