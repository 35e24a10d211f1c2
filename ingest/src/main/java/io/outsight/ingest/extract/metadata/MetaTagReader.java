package io.outsight.ingest.extract.metadata;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code <meta>} and {@code <link>} tags: OpenGraph ({@code og:*}, {@code article:*}) as one source, and the
 * other conventions (plain HTML, Dublin Core, Twitter cards, Parse.ly, Sailthru, the canonical link, the
 * {@code <title>} element) as a second, less trusted one. Thread-safe.
 */
final class MetaTagReader {

    private static final List<String> TITLE = List.of(
            "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title", "title");
    private static final List<String> AUTHOR = List.of(
            "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
            "byl", "citation_author", "article.author", "cxenseparse:author");
    private static final List<String> PUBLISHED = List.of(
            "article:published_time", "article:published", "pubdate", "publishdate", "publish-date",
            "publish_date", "published-date", "published_time", "article.published", "parsely-pub-date",
            "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
            "date", "citation_publication_date", "citation_date", "cxenseparse:recs:publishtime",
            "original-publish-date");
    private static final List<String> MODIFIED = List.of(
            "article:modified_time", "article:modified", "og:updated_time", "dcterms.modified", "dc.date.modified",
            "last-modified", "lastmod", "article.updated", "revised");
    private static final List<String> DESCRIPTION = List.of(
            "description", "twitter:description", "dc.description", "dcterms.description");
    private static final List<String> SITE = List.of("application-name", "apple-mobile-web-app-title");

    private MetaTagReader() {}

    static Found openGraph(Document doc) {
        Map<String, String> meta = metaValues(doc);
        var found = new Found();
        found.title(meta.get("og:title"));
        found.siteName(meta.get("og:site_name"));
        found.description(meta.get("og:description"));
        found.canonicalUrl(absolute(meta.get("og:url")));
        found.published(meta.get("article:published_time"));
        found.published(meta.get("og:article:published_time"));
        found.modified(meta.get("article:modified_time"));
        found.modified(meta.get("og:article:modified_time"));
        found.modified(meta.get("og:updated_time"));
        String author = meta.get("article:author");
        if (author != null && !isUrl(author)) {
            found.author(author);
        }
        return found;
    }

    static Found otherTags(Document doc) {
        Map<String, String> meta = metaValues(doc);
        var found = new Found();
        Element canonical = doc.selectFirst("link[rel~=(?i)^canonical$][href]");
        if (canonical != null) {
            found.canonicalUrl(absolute(canonical.absUrl("href")));
        }
        TITLE.forEach(k -> found.title(meta.get(k)));
        for (String k : AUTHOR) {
            String v = meta.get(k);
            if (v != null && !isUrl(v) && !v.startsWith("@")) {
                found.author(v);
                break;
            }
        }
        PUBLISHED.forEach(k -> found.published(meta.get(k)));
        MODIFIED.forEach(k -> found.modified(meta.get(k)));
        DESCRIPTION.forEach(k -> found.description(meta.get(k)));
        SITE.forEach(k -> found.siteName(meta.get(k)));
        Element title = doc.selectFirst("head title");
        if (title == null) {
            title = doc.selectFirst("title");
        }
        if (title != null) {
            found.title(title.text());
        }
        return found;
    }

    /** The first content of each meta name/property (lower-cased), over the whole document. */
    private static Map<String, String> metaValues(Document doc) {
        var values = new HashMap<String, String>();
        for (Element m : doc.getElementsByTag("meta")) {
            String content = m.attr("content");
            if (content.isBlank()) {
                continue;
            }
            // itemprop values are microdata: MicrodataReader reads them in the scope of their item.
            for (String attr : new String[] {"property", "name", "http-equiv"}) {
                String key = m.attr(attr);
                if (!key.isEmpty()) {
                    values.putIfAbsent(key.strip().toLowerCase(Locale.ROOT), content);
                }
            }
        }
        return values;
    }

    private static @Nullable String absolute(@Nullable String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        return s.startsWith("http://") || s.startsWith("https://") ? s : null;
    }

    private static boolean isUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("www.");
    }
}
