package io.outsight.ingest.intake;

import java.nio.file.Path;
import java.util.Objects;

/** One place URLs come from, as given on the command line. */
public sealed interface UrlSource {
    /** The name recorded as the requests' source ("cli", "file:urls.txt", "sitemap:https://…"). */
    String name();

    /** A URL given directly. */
    record Given(String url) implements UrlSource {
        public Given {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String name() {
            return "cli";
        }
    }

    /** A file with one URL per line. */
    record ListFile(Path path) implements UrlSource {
        public ListFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return "file:" + path;
        }
    }

    /** A sitemap, sitemap index or news sitemap (plain or gzip). */
    record Sitemap(String url) implements UrlSource {
        public Sitemap {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String name() {
            return "sitemap:" + url;
        }
    }

    /** An RSS or Atom feed. */
    record Feed(String url) implements UrlSource {
        public Feed {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String name() {
            return "feed:" + url;
        }
    }
}
