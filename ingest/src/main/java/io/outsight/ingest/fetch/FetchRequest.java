package io.outsight.ingest.fetch;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing to fetch and how.
 *
 * @param url an absolute http(s) URL
 * @param accept which content types are wanted
 * @param maxBytes the largest (decompressed) body read
 * @param truncateAtLimit keep the first {@code maxBytes} of a larger body instead of failing with too_large
 *     (robots.txt: the RFC lets a crawler parse the first 500 KiB)
 * @param validators sent as If-None-Match / If-Modified-Since; a 304 answer gives {@link FetchResult.NotModified}
 * @param redirectCheck asked before each redirect is followed; a failure stops the fetch with it
 */
public record FetchRequest(String url, Accept accept, long maxBytes, boolean truncateAtLimit, Validators validators,
        RedirectCheck redirectCheck) {

    /** The content a request accepts. */
    public enum Accept {
        /** HTML and XHTML only; a response without Content-Type is accepted when its body starts like HTML. */
        HTML,
        /** Any content type (robots.txt, sitemaps, feeds). */
        ANY
    }

    /** Decides whether a redirect target may be fetched (for example robots.txt of the target). */
    @FunctionalInterface
    public interface RedirectCheck {
        RedirectCheck NONE = target -> Optional.empty();

        /** Empty to follow the redirect; otherwise why not. */
        Optional<FetchResult.Failed> check(URI target);
    }

    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(redirectCheck, "redirectCheck");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    /** An HTML page, unconditionally, with the given size limit. */
    public static FetchRequest page(String url, long maxBytes) {
        return new FetchRequest(url, Accept.HTML, maxBytes, false, Validators.NONE, RedirectCheck.NONE);
    }

    public FetchRequest withValidators(Validators newValidators) {
        return new FetchRequest(url, accept, maxBytes, truncateAtLimit, newValidators, redirectCheck);
    }

    public FetchRequest withRedirectCheck(RedirectCheck check) {
        return new FetchRequest(url, accept, maxBytes, truncateAtLimit, validators, check);
    }
}
