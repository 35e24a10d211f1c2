package io.outsight.ingest.fetch;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * How one HTTP fetch is done.
 *
 * @param userAgent the User-Agent header; its product token (before the first '/') names us in robots.txt
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout longest wait for the next bytes of a response
 * @param totalTimeout time allowed for a whole fetch, redirects included
 * @param maxBodySize largest (decompressed) page body read, in bytes
 * @param maxRedirects redirects followed per fetch
 * @param allowPrivateAddresses whether loopback, private and link-local addresses may be fetched
 */
public record FetchSettings(String userAgent, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
        long maxBodySize, int maxRedirects, boolean allowPrivateAddresses) {

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        if (maxBodySize <= 0) {
            throw new IllegalArgumentException("maxBodySize must be positive: " + maxBodySize);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
    }

    public static FetchSettings from(Config config) {
        Objects.requireNonNull(config, "config");
        return new FetchSettings(config.get(ConfigKeys.INGEST_FETCH_USER_AGENT),
                config.get(ConfigKeys.INGEST_FETCH_CONNECT_TIMEOUT), config.get(ConfigKeys.INGEST_FETCH_READ_TIMEOUT),
                config.get(ConfigKeys.INGEST_FETCH_TIMEOUT), config.get(ConfigKeys.INGEST_FETCH_MAX_BODY_SIZE),
                config.get(ConfigKeys.INGEST_FETCH_MAX_REDIRECTS),
                config.get(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES));
    }

    /** The defaults of every key, with private addresses allowed or not. */
    public static FetchSettings defaults(boolean allowPrivateAddresses) {
        var d = from(Config.defaults());
        return new FetchSettings(d.userAgent, d.connectTimeout, d.readTimeout, d.totalTimeout, d.maxBodySize,
                d.maxRedirects, allowPrivateAddresses);
    }

    public FetchSettings withTimeouts(Duration connect, Duration read, Duration total) {
        return new FetchSettings(userAgent, connect, read, total, maxBodySize, maxRedirects, allowPrivateAddresses);
    }

    public FetchSettings withMaxBodySize(long bytes) {
        return new FetchSettings(userAgent, connectTimeout, readTimeout, totalTimeout, bytes, maxRedirects,
                allowPrivateAddresses);
    }

    public FetchSettings withUserAgent(String agent) {
        return new FetchSettings(agent, connectTimeout, readTimeout, totalTimeout, maxBodySize, maxRedirects,
                allowPrivateAddresses);
    }

    /** The robots.txt product token: the User-Agent up to the first '/' or space, lower-cased ("outsightbot"). */
    public String robotsName() {
        String token = userAgent.strip().split("[/\\s]", 2)[0];
        return token.toLowerCase(java.util.Locale.ROOT);
    }
}
