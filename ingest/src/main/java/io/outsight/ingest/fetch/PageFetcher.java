package io.outsight.ingest.fetch;

import io.outsight.core.record.FetchOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one page over HTTP(S): redirects followed by hand (at most {@value #MAX_REDIRECTS}, loops detected,
 * every hop checked by the {@link AddressGuard}), a total timeout, a maximum body size, HTML and XHTML only.
 * Thread-safe; share one.
 */
public final class PageFetcher {
    static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final AddressGuard guard;
    private final String userAgent;
    private final Duration timeout;
    private final long maxBodySize;

    public PageFetcher(AddressGuard guard, String userAgent, Duration timeout, long maxBodySize) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxBodySize = maxBodySize;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** Fetches a normalised http(s) URL. Never throws for a bad page or server: the result says what happened. */
    public FetchResult fetch(String url) {
        Objects.requireNonNull(url, "url");
        var seen = new HashSet<String>();
        URI current = URI.create(url);
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                if (!seen.add(current.toString())) {
                    return new FetchResult.Failed(FetchOutcome.FAILED, null, "redirect loop at " + current);
                }
                var blocked = guard.check(current.getHost());
                if (blocked.isPresent()) {
                    return new FetchResult.Failed(FetchOutcome.BLOCKED_ADDRESS, null, blocked.get());
                }
                var request = HttpRequest.newBuilder(current)
                        .timeout(timeout)
                        .header("User-Agent", userAgent)
                        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
                        .GET()
                        .build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status >= 300 && status < 400 && status != 304) {
                    var location = response.headers().firstValue("Location");
                    response.body().close();
                    if (location.isEmpty()) {
                        return new FetchResult.Failed(FetchOutcome.FAILED, status, "redirect without Location");
                    }
                    current = current.resolve(location.get());
                    String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https")) {
                        return new FetchResult.Failed(FetchOutcome.FAILED, status, "redirect to non-http URL " + current);
                    }
                    continue;
                }
                return toResult(current, response);
            }
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "more than " + MAX_REDIRECTS + " redirects");
        } catch (HttpTimeoutException e) {
            return new FetchResult.Failed(FetchOutcome.TIMEOUT, null, "no complete response within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "cannot connect to " + current.getHost()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IOException | IllegalArgumentException e) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "interrupted");
        }
    }

    private FetchResult toResult(URI finalUri, HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 304) {
                return new FetchResult.Failed(FetchOutcome.NOT_MODIFIED, status, "not modified since last fetch");
            }
            if (status >= 400) {
                return new FetchResult.Failed(status >= 500 ? FetchOutcome.HTTP_5XX : FetchOutcome.HTTP_4XX, status,
                        "HTTP " + status);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mediaType.equals("text/html") && !mediaType.equals("application/xhtml+xml")) {
                return new FetchResult.Failed(FetchOutcome.NOT_HTML, status,
                        "content type '" + (contentType.isEmpty() ? "none" : contentType) + "' is not HTML");
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            if (bytes.length > maxBodySize) {
                return new FetchResult.Failed(FetchOutcome.TOO_LARGE, status, "body larger than " + maxBodySize + " bytes");
            }
            return new FetchResult.Fetched(finalUri.toString(), status, contentType, charsetOf(contentType),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), bytes);
        }
    }

    private static @Nullable String charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return p.substring("charset=".length()).replace("\"", "").strip();
            }
        }
        return null;
    }
}
