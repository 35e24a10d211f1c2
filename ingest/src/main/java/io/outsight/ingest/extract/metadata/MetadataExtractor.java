package io.outsight.ingest.extract.metadata;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads a page's metadata from JSON-LD, OpenGraph, other meta tags, microdata and the visible page, taking each
 * field from the most trusted source (in that order) that has a usable value: a date that does not parse or is
 * implausible falls through to the next source. Thread-safe.
 */
public final class MetadataExtractor {

    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—·•»]\\s+");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("(?i)^([a-z]{2,3})(?:[-_].*)?$");

    private final DateParser dates;

    public MetadataExtractor(Clock clock) {
        this.dates = new DateParser(clock);
    }

    /** Reads the metadata of a parsed page (the document is not modified). */
    public PageMetadata extract(Document doc) {
        Objects.requireNonNull(doc, "doc");
        Found jsonLd = JsonLdReader.read(doc);
        Found openGraph = MetaTagReader.openGraph(doc);
        Found meta = MetaTagReader.otherTags(doc);
        Found microdata = MicrodataReader.read(doc);
        Found visible = VisiblePageReader.read(doc);
        List<Found> byTrust = List.of(jsonLd, openGraph, meta, microdata, visible);

        String siteName = first(byTrust, f -> f.siteName == null || f.siteName.startsWith("@") ? null : f.siteName);
        String title = title(byTrust, siteName, visible.title);
        List<String> authors = List.of();
        for (Found f : byTrust) {
            authors = Authors.clean(f.authors);
            if (!authors.isEmpty()) {
                break;
            }
        }
        Instant published = firstDate(byTrust, true);
        Instant modified = firstDate(byTrust, false);
        if (published != null && modified != null && modified.isBefore(published)) {
            modified = null;
        }
        // The canonical link is the web's own declaration of the canonical URL; og:url and JSON-LD urls are
        // more often the home page or an AMP copy, so they only stand in for it.
        String canonical = first(List.of(meta, openGraph, jsonLd), f -> f.canonicalUrl);
        String description = first(byTrust, f -> f.description);
        return new PageMetadata(title, authors, published, modified, canonical, siteName, description,
                declaredLanguage(doc), jsonLd.articleBody);
    }

    private static @Nullable String first(List<Found> sources, java.util.function.Function<Found, String> field) {
        for (Found f : sources) {
            String v = field.apply(f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private @Nullable Instant firstDate(List<Found> sources, boolean published) {
        for (Found f : sources) {
            for (String raw : published ? f.published : f.modified) {
                Optional<Instant> instant = dates.parse(raw);
                if (instant.isPresent()) {
                    return instant.get();
                }
            }
        }
        return null;
    }

    /**
     * The most trusted title, with a site name suffix removed ("Headline | Site"); when the visible heading is a
     * prefix of a {@code <title>}-like value, the heading is the title.
     */
    private static @Nullable String title(List<Found> sources, @Nullable String siteName, @Nullable String heading) {
        String title = first(sources, f -> f.title);
        if (title == null) {
            return null;
        }
        if (heading != null && title.length() > heading.length() && title.startsWith(heading)
                && TITLE_SEPARATOR.matcher(title.substring(heading.length())).lookingAt()) {
            return heading;
        }
        var m = TITLE_SEPARATOR.matcher(title);
        int lastSeparator = -1;
        int lastEnd = -1;
        while (m.find()) {
            lastSeparator = m.start();
            lastEnd = m.end();
        }
        if (lastSeparator > 0) {
            String tail = title.substring(lastEnd).strip();
            boolean tailIsSite = siteName != null && (tail.equalsIgnoreCase(siteName)
                    || normalise(siteName).contains(normalise(tail)) || normalise(tail).contains(normalise(siteName)));
            if (tailIsSite || tail.split("\\s+").length <= 3 && title.substring(0, lastSeparator).length() > 20) {
                return title.substring(0, lastSeparator).strip();
            }
        }
        return title;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("(?U)[^\\w]", "");
    }

    private static @Nullable String declaredLanguage(Document doc) {
        Element html = doc.selectFirst("html");
        String lang = html == null ? "" : html.attr("lang");
        if (lang.isBlank()) {
            Element meta = doc.selectFirst("meta[http-equiv~=(?i)content-language][content]");
            lang = meta == null ? "" : meta.attr("content");
        }
        var m = LANGUAGE_TAG.matcher(lang.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
