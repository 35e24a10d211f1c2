package io.outsight.ingest.robots;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.FetchRequest;
import io.outsight.ingest.fetch.FetchResult;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.Validators;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The robots.txt of each host (scheme, host and port), fetched once and kept for a time to live, parsed by
 * crawler-commons' {@link SimpleRobotRulesParser} for our product token. Following RFC 9309: a missing file (4xx)
 * allows everything; a server error (5xx, 429) or an unreachable server means the host is not fetched until a later
 * try succeeds, so such an answer is kept only a few minutes; only the first 500 KiB are parsed.
 *
 * <p>Thread-safe: concurrent requests for one host wait for a single fetch of its robots.txt.
 */
public final class RobotsCache {
    /** RFC 9309 §2.5: crawlers must parse at least 500 KiB. */
    static final int MAX_ROBOTS_BYTES = 500 * 1024;
    /** How long a failure to read robots.txt is remembered, at most. */
    static final Duration FAILURE_TTL = Duration.ofMinutes(5);

    private final PageFetcher fetcher;
    private final String robotsName;
    private final Clock clock;
    private final Duration ttl;
    private final int maxHosts;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        final CompletableFuture<HostRobots> robots = new CompletableFuture<>();
        volatile Instant expires = Instant.MAX;
    }

    /**
     * @param robotsName our product token in robots.txt ({@code outsightbot}); see {@code FetchSettings.robotsName()}
     * @param ttl how long a file read is kept
     * @param maxHosts how many hosts are remembered; beyond it expired ones, then any, are forgotten
     */
    public RobotsCache(PageFetcher fetcher, String robotsName, Clock clock, Duration ttl, int maxHosts) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.robotsName = Objects.requireNonNull(robotsName, "robotsName").toLowerCase(Locale.ROOT);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxHosts = maxHosts;
    }

    /** The robots.txt verdict for the host of an http(s) URL. Never throws for a bad server. */
    public HostRobots forUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String key = siteOf(url);
        while (true) {
            Instant now = clock.instant();
            Entry existing = entries.get(key);
            if (existing != null && (!existing.robots.isDone() || now.isBefore(existing.expires))) {
                return existing.robots.join();
            }
            var mine = new Entry();
            boolean won = existing == null ? entries.putIfAbsent(key, mine) == null
                    : entries.replace(key, existing, mine);
            if (!won) {
                continue;
            }
            HostRobots robots;
            try {
                robots = load(key);
            } catch (RuntimeException e) {
                // A parser bug must not stop the stage; treat it like an unreadable file, briefly.
                robots = new HostRobots.Unavailable(new FetchResult.Failed(FetchOutcome.FAILED, null,
                        "robots.txt of " + key + " could not be parsed: " + e));
            } catch (Error e) {
                entries.remove(key, mine);
                mine.robots.completeExceptionally(e); // never leave the callers waiting on it hanging
                throw e;
            }
            mine.expires = now.plus(robots instanceof HostRobots.Rules ? ttl : min(ttl, FAILURE_TTL));
            mine.robots.complete(robots);
            evictIfNeeded(now);
            return robots;
        }
    }

    /** Forgets the host's robots.txt, so that the next request reads it again (after a transient failure). */
    public void forget(URI url) {
        String key = siteOf(Objects.requireNonNull(url, "url"));
        entries.computeIfPresent(key, (k, entry) -> entry.robots.isDone() ? null : entry);
    }

    private HostRobots load(String site) {
        String robotsUrl = site + "/robots.txt";
        var parser = new SimpleRobotRulesParser();
        // Our own limit (ingest.fetch.max-crawl-delay) decides, with a reason, what a long Crawl-delay means.
        parser.setMaxCrawlDelay(Long.MAX_VALUE);
        var result = fetcher.fetch(new FetchRequest(robotsUrl, FetchRequest.Accept.ANY, MAX_ROBOTS_BYTES, true,
                Validators.NONE, FetchRequest.RedirectCheck.NONE));
        return switch (result) {
            case FetchResult.Fetched f -> new HostRobots.Rules(
                    parser.parseContent(robotsUrl, f.body(), f.contentType(), List.of(robotsName)));
            case FetchResult.NotModified n -> new HostRobots.Rules(parser.failedFetch(404));
            case FetchResult.Deferred d -> new HostRobots.Unavailable(new FetchResult.Failed(FetchOutcome.FAILED, null,
                    "robots.txt of " + site + " not fetched: " + d.reason()));
            case FetchResult.Failed f -> fromFailure(site, f, parser);
        };
    }

    private static HostRobots fromFailure(String site, FetchResult.Failed failure, SimpleRobotRulesParser parser) {
        Integer status = failure.httpStatus();
        if (failure.outcome() == FetchOutcome.BLOCKED_ADDRESS) {
            return new HostRobots.Unavailable(failure); // the page's own address is the problem: say just that
        }
        if (status == null) {
            // Unreachable: RFC 9309 §2.3.1.4 says assume complete disallow. The outcome stays what it was.
            return new HostRobots.Unavailable(failure.withReason("robots.txt of " + site + " unavailable: "
                    + failure.reason()));
        }
        if (status >= 300 && status < 400) {
            return new HostRobots.Rules(parser.failedFetch(404)); // too many redirects: treated as unavailable (4xx)
        }
        BaseRobotRules rules = parser.failedFetch(status);
        if (rules.isDeferVisits() || rules.isAllowNone()) {
            return new HostRobots.Unavailable(failure.withReason("robots.txt of " + site + " answered HTTP " + status
                    + "; the host is not fetched until it can be read"));
        }
        return new HostRobots.Rules(rules);
    }

    private void evictIfNeeded(Instant now) {
        if (entries.size() <= maxHosts) {
            return;
        }
        entries.entrySet().removeIf(e -> e.getValue().robots.isDone() && !now.isBefore(e.getValue().expires));
        var it = entries.entrySet().iterator();
        while (entries.size() > maxHosts && it.hasNext()) {
            if (it.next().getValue().robots.isDone()) {
                it.remove();
            }
        }
    }

    /** {@code scheme://host[:port]} of a URL: robots.txt applies per scheme, host and port. */
    public static String siteOf(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
