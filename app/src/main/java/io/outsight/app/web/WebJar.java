package io.outsight.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A WebJar on the class path, found by its Maven coordinates: its version (read from the Maven metadata every WebJar
 * carries), so pages can link one stable path while the build picks the version. Immutable, thread-safe.
 *
 * @param artifactId the WebJar's artifact id, which is also its folder under {@code /webjars}
 * @param version the version found on the class path
 */
public record WebJar(String artifactId, String version) {
    public WebJar {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(version, "version");
    }

    /** The WebJar {@code groupId:artifactId} as the class loader sees it, or empty when it is not on the class path. */
    public static Optional<WebJar> find(ClassLoader loader, String groupId, String artifactId) {
        Objects.requireNonNull(loader, "loader");
        String metadata = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(metadata)) {
            if (in == null) {
                return Optional.empty();
            }
            var properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            if (version.isEmpty() || !version.matches("[0-9A-Za-z._-]+")) {
                return Optional.empty();
            }
            return Optional.of(new WebJar(artifactId, version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metadata, e);
        }
    }

    /** The URL path Javalin's WebJar support serves {@code file} of this WebJar at. */
    public String path(String file) {
        Objects.requireNonNull(file, "file");
        return "/webjars/" + artifactId + "/" + version + "/" + (file.startsWith("/") ? file.substring(1) : file);
    }

    /** The class path resource behind {@link #path(String)}. */
    public String resource(String file) {
        return "META-INF/resources" + path(file);
    }
}
