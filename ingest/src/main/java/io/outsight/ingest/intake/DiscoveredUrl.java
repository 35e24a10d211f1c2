package io.outsight.ingest.intake;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A URL listed by a sitemap or feed.
 *
 * @param lastModified the sitemap's {@code lastmod}, or the news publication date, when given
 * @param newsTitle the Google News extension's title, when given
 */
public record DiscoveredUrl(String url, @Nullable Instant lastModified, @Nullable String newsTitle) {
    public DiscoveredUrl {
        Objects.requireNonNull(url, "url");
    }
}
