package io.outsight.core.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** Article id = hex SHA-256 of the canonical URL (after normalisation). Thread-safe. */
public final class ArticleIds {
    private ArticleIds() {}

    /** The article id of a normalised canonical URL. */
    public static String of(String canonicalUrl) {
        Objects.requireNonNull(canonicalUrl, "canonicalUrl");
        if (canonicalUrl.isBlank()) {
            throw new IllegalArgumentException("canonicalUrl is blank");
        }
        return sha256Hex(canonicalUrl);
    }

    /** Hex SHA-256 of a page's extracted text, so an unchanged text can skip enrichment. */
    public static String contentHash(String text) {
        return sha256Hex(Objects.requireNonNull(text, "text"));
    }

    private static String sha256Hex(String value) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
