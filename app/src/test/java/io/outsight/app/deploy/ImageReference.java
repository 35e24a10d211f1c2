package io.outsight.app.deploy;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A container image reference, {@code [registry/]repository[:tag][@digest]}, as written in a compose file or a
 * Dockerfile {@code FROM} line.
 *
 * @param repository the name without tag and digest ({@code docker.elastic.co/elasticsearch/elasticsearch})
 * @param tag the tag, absent when the reference has none (Docker then pulls {@code latest})
 * @param digest the content digest ({@code sha256:...}), absent when the reference has none
 */
record ImageReference(String repository, @Nullable String tag, @Nullable String digest) {

    ImageReference {
        Objects.requireNonNull(repository, "repository");
    }

    static ImageReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        String rest = reference.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        // A colon before the last slash belongs to a registry port (localhost:5000/app), not to a tag.
        int colon = rest.lastIndexOf(':');
        String tag = null;
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(rest, tag, digest);
    }

    /**
     * Why this reference does not pin a version, if it does not: no tag and no digest, or the moving tag
     * {@code latest}.
     */
    Optional<String> whyNotPinned() {
        if (digest != null) {
            return Optional.empty();
        }
        if (tag == null || tag.isEmpty()) {
            return Optional.of("has no tag, so it means whatever 'latest' is on the day of the pull; pin a version");
        }
        if (tag.equals("latest")) {
            return Optional.of("uses the moving tag 'latest'; pin a version");
        }
        return Optional.empty();
    }
}
