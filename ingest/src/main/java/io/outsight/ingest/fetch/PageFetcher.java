package io.outsight.ingest.fetch;

import io.outsight.core.record.FetchOutcome;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.StandardCookieSpec;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.net.InetAddressUtils;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one URL over HTTP(S) and never throws for a bad page or server: the {@link FetchResult} says what happened.
 *
 * <ul>
 *   <li>Redirects are followed by hand, up to {@link FetchSettings#maxRedirects()}, loops detected, only to http(s),
 *       each target checked by the request's {@link FetchRequest.RedirectCheck}.
 *   <li>Every address connected to is checked by the {@link AddressGuard}, after each redirect too, on the very
 *       address the connection uses ({@link GuardedDnsResolver}).
 *   <li>Connect, read and total timeouts; the total one cancels the request wherever it is.
 *   <li>gzip and deflate are asked for and decoded; the size limit applies to the decoded body. A body that is too
 *       large or not wanted (redirect, error) is not read to its end: past a few kilobytes the connection is dropped.
 *   <li>A page whose body is binary (an image or archive sent as text/html) is {@code not_html}.
 *   <li>Conditional GET with the request's {@link Validators}; 304 gives {@link FetchResult.NotModified}.
 *   <li>429, 503 and connection errors are marked transient (with Retry-After); retrying is the caller's choice
 *       ({@code politeness.PoliteFetcher}).
 * </ul>
 *
 * <p>Thread-safe; build one, share it, close it (it owns a connection pool and a timer thread).
 */
public final class PageFetcher implements Closeable {
    private static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
    /** How much of an unwanted body is read to keep the connection; past it the connection is dropped. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final FetchSettings settings;
    private final AddressGuard guard;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService timer;

    public PageFetcher(FetchSettings settings) {
        this(settings, new AddressGuard(settings.allowPrivateAddresses()), SystemDefaultDnsResolver.INSTANCE);
    }

    /** A fetcher with its own guard and name resolution: tests use a fake DNS and exempt their loopback server. */
    PageFetcher(FetchSettings settings, AddressGuard guard, DnsResolver dns) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard, dns))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .setMaxConnTotal(512)
                .setMaxConnPerRoute(16)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.totalTimeout()))
                        .setCookieSpec(StandardCookieSpec.IGNORE)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(settings.userAgent())
                .build();
        var scheduler = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("outsight-fetch-timer")
                .factory());
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(scheduler);
    }

    public FetchSettings settings() {
        return settings;
    }

    /** Fetches an HTML page unconditionally. */
    public FetchResult fetch(String url) {
        return fetch(FetchRequest.page(url, settings.maxBodySize()));
    }

    /** Fetches a normalised http(s) URL. */
    public FetchResult fetch(FetchRequest request) {
        Objects.requireNonNull(request, "request");
        URI current;
        try {
            current = new URI(request.url());
        } catch (URISyntaxException e) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "not a URL: " + e.getReason());
        }
        var seen = new HashSet<String>();
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        for (int hop = 0; ; hop++) {
            var refusal = refuse(current);
            if (refusal != null) {
                return refusal;
            }
            seen.add(current.toString());
            var hopResult = exchange(current, request, deadline);
            if (!(hopResult instanceof Hop.Redirect redirect)) {
                return ((Hop.Done) hopResult).result();
            }
            if (hop >= settings.maxRedirects()) {
                return new FetchResult.Failed(FetchOutcome.FAILED, redirect.status(),
                        "more than " + settings.maxRedirects() + " redirects (last to " + redirect.target() + ")");
            }
            if (seen.contains(redirect.target().toString())) {
                return new FetchResult.Failed(FetchOutcome.FAILED, redirect.status(),
                        "redirect loop at " + redirect.target());
            }
            var denied = request.redirectCheck().check(redirect.target());
            if (denied.isPresent()) {
                return denied.get();
            }
            current = redirect.target();
        }
    }

    /** Why a URL may not be requested at all, before any connection: scheme, host, an IP literal that is blocked. */
    private FetchResult.@Nullable Failed refuse(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "only http and https URLs are fetched: " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "no host in " + uri);
        }
        // IP literals are checked here, without any lookup: whether the client asks the resolver for them or not,
        // an address written in the URL is the address connected to.
        if (host.startsWith("[") || InetAddressUtils.isIPv4Address(host)) {
            var blocked = guard.check(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            if (blocked.isPresent()) {
                return new FetchResult.Failed(FetchOutcome.BLOCKED_ADDRESS, null, blocked.get());
            }
        }
        return null;
    }

    private sealed interface Hop {
        record Done(FetchResult result) implements Hop {}

        record Redirect(int status, URI target) implements Hop {}
    }

    private Hop exchange(URI uri, FetchRequest request, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return new Hop.Done(timeout());
        }
        var get = new HttpGet(uri);
        get.setHeader("Accept", request.accept() == FetchRequest.Accept.HTML ? ACCEPT_HTML : "*/*");
        if (request.validators().etag() != null) {
            get.setHeader("If-None-Match", request.validators().etag());
        }
        if (request.validators().lastModified() != null) {
            get.setHeader("If-Modified-Since", request.validators().lastModified());
        }
        var timedOut = new AtomicBoolean();
        var cancel = timer.schedule(() -> {
            timedOut.set(true);
            get.cancel();
        }, left, TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, get, null);
            return respond(uri, request, get, response);
        } catch (IOException | RuntimeException e) {
            get.cancel();
            if (timedOut.get()) {
                return new Hop.Done(timeout());
            }
            return new Hop.Done(failure(uri, e));
        } finally {
            cancel.cancel(false);
            closeQuietly(response);
        }
    }

    /**
     * Gives up the rest of a body that will not be used. HttpClient's close reads an unread body to its end to keep
     * the connection, which for a 50 MB page or a gzip bomb means reading it all; so a short rest is read (the
     * connection is kept for the next request to the host) and a longer one drops the connection.
     */
    private static void discardBody(HttpGet get, ClassicHttpResponse response) {
        var entity = response.getEntity();
        if (entity == null) {
            return;
        }
        if (entity.getContentLength() > DRAIN_LIMIT) {
            get.cancel();
            return;
        }
        try {
            InputStream in = entity.getContent();
            byte[] buffer = new byte[8 * 1024];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= n;
            }
            if (left > 0) {
                return; // read to its end: the connection goes back to the pool
            }
        } catch (IOException | RuntimeException e) {
            // the connection is unusable; it is dropped below
        }
        get.cancel();
    }

    private static void closeQuietly(@Nullable ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // the exchange is over (or was aborted): nothing left to save
        }
    }

    private Hop respond(URI uri, FetchRequest request, HttpGet get, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        Hop hop = respondWithoutBody(uri, request, status, response);
        if (hop != null) {
            discardBody(get, response);
            return hop;
        }
        String contentType = headerValue(response, "Content-Type");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        var entity = response.getEntity();
        byte[] body;
        if (entity == null) {
            body = new byte[0];
        } else {
            InputStream in = entity.getContent();
            body = readUpTo(in, request.maxBytes() + 1);
            if (body.length > request.maxBytes()) {
                get.cancel(); // the rest is not read: drop the connection (see discardBody)
                if (!request.truncateAtLimit()) {
                    return new Hop.Done(tooLarge(status, request.maxBytes()));
                }
                body = java.util.Arrays.copyOf(body, (int) request.maxBytes());
            }
        }
        if (request.accept() == FetchRequest.Accept.HTML && mediaType.isEmpty() && !HtmlSniffer.looksLikeHtml(body)) {
            return new Hop.Done(new FetchResult.Failed(FetchOutcome.NOT_HTML, status,
                    "no content type, and the body does not look like HTML"));
        }
        if (request.accept() == FetchRequest.Accept.HTML && HtmlSniffer.looksBinary(body, charsetOf(contentType))) {
            return new Hop.Done(new FetchResult.Failed(FetchOutcome.NOT_HTML, status,
                    "content type '" + contentType + "', but the body is binary (NUL or control bytes), not HTML"));
        }
        return new Hop.Done(new FetchResult.Fetched(uri.toString(), status, contentType, charsetOf(contentType),
                nullIfEmpty(headerValue(response, "ETag")), nullIfEmpty(headerValue(response, "Last-Modified")), body));
    }

    /** The answer to a response whose body is not wanted (redirect, error, wrong type, too long); null to read it. */
    private @Nullable Hop respondWithoutBody(URI uri, FetchRequest request, int status, ClassicHttpResponse response) {
        String phrase = response.getReasonPhrase() == null ? "" : " " + response.getReasonPhrase();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Header location = response.getFirstHeader("Location");
            if (location == null || location.getValue().isBlank()) {
                return new Hop.Done(new FetchResult.Failed(FetchOutcome.FAILED, status, "redirect without Location"));
            }
            try {
                return new Hop.Redirect(status, withoutFragment(uri.resolve(lenientUri(location.getValue()))));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return new Hop.Done(new FetchResult.Failed(FetchOutcome.FAILED, status,
                        "redirect to an unreadable Location '" + location.getValue() + "'"));
            }
        }
        if (status == 304) {
            return new Hop.Done(new FetchResult.NotModified(uri.toString()));
        }
        if (status >= 400) {
            boolean transientStatus = status == 429 || status == 503;
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Hop.Done(new FetchResult.Failed(status >= 500 ? FetchOutcome.HTTP_5XX : FetchOutcome.HTTP_4XX,
                    status, "HTTP " + status + phrase, transientStatus, retryAfter == null ? null : retryAfter.getValue()));
        }
        if (status < 200 || status >= 300) {
            return new Hop.Done(new FetchResult.Failed(FetchOutcome.FAILED, status, "unexpected HTTP " + status + phrase));
        }
        String contentType = headerValue(response, "Content-Type");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean html = mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml");
        if (request.accept() == FetchRequest.Accept.HTML && !html && !mediaType.isEmpty()) {
            return new Hop.Done(new FetchResult.Failed(FetchOutcome.NOT_HTML, status,
                    "content type '" + contentType + "' is not HTML"));
        }
        var entity = response.getEntity();
        if (entity != null && !request.truncateAtLimit() && entity.getContentEncoding() == null
                && entity.getContentLength() > request.maxBytes()) {
            return new Hop.Done(tooLarge(status, request.maxBytes()));
        }
        return null;
    }

    /** A Location value as a URI; spaces and non-ASCII characters, which servers do send, are percent-encoded. */
    static URI lenientUri(String text) throws URISyntaxException {
        var out = new StringBuilder();
        for (byte b : text.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
                    || c == '{' || c == '|' || c == '}') {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return new URI(out.toString());
    }

    private static URI withoutFragment(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? uri : URI.create(s.substring(0, hash));
    }

    private static byte[] readUpTo(InputStream in, long limit) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) != -1) {
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private static FetchResult.Failed tooLarge(int status, long max) {
        return new FetchResult.Failed(FetchOutcome.TOO_LARGE, status, "body larger than " + max + " bytes");
    }

    private FetchResult.Failed timeout() {
        return new FetchResult.Failed(FetchOutcome.TIMEOUT, null,
                "no complete response within " + settings.totalTimeout().toMillis() + " ms");
    }

    /** Classifies a failure by its type; connection problems are transient. */
    private FetchResult.Failed failure(URI uri, Exception e) {
        String host = uri.getHost();
        Throwable cause = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlockedAddressException) {
                return new FetchResult.Failed(FetchOutcome.BLOCKED_ADDRESS, null, t.getMessage());
            }
        }
        if (cause instanceof ConnectTimeoutException) {
            return new FetchResult.Failed(FetchOutcome.TIMEOUT, null, "no connection to " + host + " within "
                    + settings.connectTimeout().toMillis() + " ms", true, null);
        }
        if (cause instanceof SocketTimeoutException) {
            return new FetchResult.Failed(FetchOutcome.TIMEOUT, null,
                    "no data from " + host + " for " + settings.readTimeout().toMillis() + " ms");
        }
        if (cause instanceof UnknownHostException) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "unknown host " + host);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "cannot connect to " + host + describe(cause),
                    true, null);
        }
        if (cause instanceof SSLException) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "TLS failure with " + host + describe(cause));
        }
        if (cause instanceof NoHttpResponseException || cause instanceof ConnectionClosedException
                || cause instanceof SocketException) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "connection to " + host + " lost"
                    + describe(cause), true, null);
        }
        if (cause instanceof InterruptedIOException) {
            return new FetchResult.Failed(FetchOutcome.FAILED, null, "interrupted" + describe(cause));
        }
        return new FetchResult.Failed(FetchOutcome.FAILED, null, cause.getClass().getSimpleName() + describe(cause));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? "" : ": " + t.getMessage();
    }

    private static String headerValue(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null || header.getValue() == null ? "" : header.getValue().strip();
    }

    private static @Nullable String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    static @Nullable String charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").replace("'", "").strip();
                return name.isEmpty() ? null : name;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        client.close();
    }
}
