package io.outsight.ingest.intake;

import io.outsight.core.record.UrlRequest;
import io.outsight.ingest.url.InvalidUrlException;
import io.outsight.ingest.url.UrlNormalizer;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Gathers URL requests from the given sources: reads files, sitemaps and feeds, normalises every URL, and drops
 * duplicates (the same page spelled twice, or listed by two sources) and invalid URLs, saying why. Thread-safe.
 */
public final class UrlIntake {
    private final UrlNormalizer normalizer;
    private final Function<String, SitemapReader.Result> sitemaps;
    private final Clock clock;

    /**
     * What the sources gave.
     *
     * @param requests one per distinct normalised URL, in the order first seen
     * @param duplicates how many URLs were dropped as duplicates
     * @param problems invalid URLs, unreadable files and sitemaps, with the reason
     */
    public record Result(List<UrlRequest> requests, int duplicates, List<String> problems) {
        public Result {
            requests = List.copyOf(requests);
            problems = List.copyOf(problems);
        }
    }

    /** @param sitemaps reads a sitemap or feed URL (usually {@link SitemapReader#read(String)}) */
    public UrlIntake(UrlNormalizer normalizer, Function<String, SitemapReader.Result> sitemaps, Clock clock) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.sitemaps = Objects.requireNonNull(sitemaps, "sitemaps");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result collect(List<UrlSource> sources) {
        Objects.requireNonNull(sources, "sources");
        var requests = new ArrayList<UrlRequest>();
        var seen = new HashSet<String>();
        var problems = new ArrayList<String>();
        int duplicates = 0;
        for (UrlSource source : sources) {
            List<String> urls = switch (source) {
                case UrlSource.Given g -> List.of(g.url());
                case UrlSource.ListFile f -> {
                    try {
                        yield UrlListFile.read(f.path());
                    } catch (IOException e) {
                        problems.add(f.path() + ": cannot read (" + e.getMessage() + ")");
                        yield List.of();
                    }
                }
                case UrlSource.Sitemap s -> fromSitemap(s.url(), problems);
                case UrlSource.Feed f -> fromSitemap(f.url(), problems);
            };
            for (String url : urls) {
                String normalised;
                try {
                    normalised = normalizer.normalize(url);
                } catch (InvalidUrlException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                if (!seen.add(normalised)) {
                    duplicates++;
                    continue;
                }
                requests.add(new UrlRequest(normalised, source.name(), clock.instant(), 0));
            }
        }
        return new Result(requests, duplicates, problems);
    }

    private List<String> fromSitemap(String url, List<String> problems) {
        var result = sitemaps.apply(url);
        problems.addAll(result.problems());
        return result.urls().stream().map(DiscoveredUrl::url).toList();
    }
}
