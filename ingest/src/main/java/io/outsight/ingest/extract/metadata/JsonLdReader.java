package io.outsight.ingest.extract.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads schema.org JSON-LD ({@code <script type="application/ld+json">}): the article object (any *Article or
 * *Posting type, else a web page object) gives headline, authors, dates, description and publisher; a WebSite or
 * Organization object gives the site name when the article does not. Tolerates the sloppy JSON pages publish
 * (comments, trailing commas, raw control characters). Thread-safe.
 */
final class JsonLdReader {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLdReader.class);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private static final Set<String> PAGE_TYPES = Set.of(
            "webpage", "itempage", "aboutpage", "faqpage", "qapage", "profilepage", "collectionpage");

    private JsonLdReader() {}

    static Found read(Document doc) {
        var found = new Found();
        var nodes = new ArrayList<JsonNode>();
        for (Element script : doc.select("script[type*=ld+json]")) {
            String json = script.data().strip();
            if (json.isEmpty()) {
                continue;
            }
            try {
                flatten(JSON.readTree(stripCdata(json)), nodes, 0);
            } catch (JsonProcessingException e) {
                LOG.debug("Unreadable JSON-LD block in {}: {}", doc.location(), e.getOriginalMessage());
            }
        }
        if (nodes.isEmpty()) {
            return found;
        }
        var byId = new HashMap<String, JsonNode>();
        for (JsonNode n : nodes) {
            String id = text(n.get("@id"));
            if (id != null) {
                byId.putIfAbsent(id, n);
            }
        }
        JsonNode article = pick(nodes, JsonLdReader::isArticle);
        JsonNode page = pick(nodes, n -> types(n).stream().anyMatch(PAGE_TYPES::contains));
        for (JsonNode main : new JsonNode[] {article, page}) {
            if (main == null) {
                continue;
            }
            found.title(text(main.get("headline")));
            found.title(text(main.get("name")));
            authors(main.get("author"), byId, found, 0);
            authors(main.get("creator"), byId, found, 0);
            found.published(text(main.get("datePublished")));
            found.published(text(main.get("dateCreated")));
            found.modified(text(main.get("dateModified")));
            found.description(text(main.get("description")));
            if (found.articleBody == null) {
                found.articleBody = text(main.get("articleBody"));
            }
            JsonNode publisher = resolve(main.get("publisher"), byId);
            if (publisher != null) {
                found.siteName(text(publisher.get("name")));
            }
            found.canonicalUrl(absoluteUrl(idOrUrl(main.get("mainEntityOfPage"), byId)));
            found.canonicalUrl(absoluteUrl(text(main.get("url"))));
            if (!found.authors.isEmpty()) {
                // Authors of the page object are not better than the article's own.
                break;
            }
        }
        JsonNode site = pick(nodes, n -> types(n).contains("website"));
        if (site != null) {
            found.siteName(text(site.get("name")));
        }
        JsonNode organization = pick(nodes, n -> types(n).contains("organization")
                || types(n).contains("newsmediaorganization"));
        if (organization != null) {
            found.siteName(text(organization.get("name")));
        }
        return found;
    }

    private static String stripCdata(String json) {
        String s = json;
        if (s.startsWith("<!--")) {
            s = s.substring(4);
        }
        if (s.endsWith("-->")) {
            s = s.substring(0, s.length() - 3);
        }
        s = s.strip();
        if (s.startsWith("//<![CDATA[")) {
            s = s.substring("//<![CDATA[".length());
        }
        if (s.endsWith("//]]>")) {
            s = s.substring(0, s.length() - "//]]>".length());
        }
        return s;
    }

    private static void flatten(JsonNode node, List<JsonNode> out, int depth) {
        if (node == null || depth > 3) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out, depth + 1));
        } else if (node.isObject()) {
            out.add(node);
            JsonNode graph = node.get("@graph");
            if (graph != null) {
                flatten(graph, out, depth + 1);
            }
        }
    }

    private static boolean isArticle(JsonNode node) {
        for (String type : types(node)) {
            if (type.endsWith("article") || type.endsWith("posting") || type.equals("report")
                    || type.equals("review")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> types(JsonNode node) {
        JsonNode type = node.get("@type");
        var types = new ArrayList<String>();
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
        } else {
            types.add(type.asText().toLowerCase(Locale.ROOT));
        }
        // "http://schema.org/NewsArticle" and "schema:NewsArticle" name the same type.
        return types.stream().map(t -> t.replaceFirst("^.*[/:]", "")).toList();
    }

    private static @Nullable JsonNode pick(List<JsonNode> nodes, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode n : nodes) {
            if (test.test(n)) {
                return n;
            }
        }
        return null;
    }

    private static void authors(@Nullable JsonNode value, Map<String, JsonNode> byId, Found found, int depth) {
        if (value == null || value.isNull() || depth > 2) {
            return;
        }
        if (value.isArray()) {
            value.forEach(v -> authors(v, byId, found, depth + 1));
            return;
        }
        if (value.isTextual()) {
            String name = value.asText();
            if (!looksLikeUrl(name)) {
                found.author(name);
            }
            return;
        }
        JsonNode person = resolve(value, byId);
        if (person != null) {
            String name = text(person.get("name"));
            if (name != null && !looksLikeUrl(name)) {
                found.author(name);
            }
        }
    }

    private static @Nullable JsonNode resolve(@Nullable JsonNode value, Map<String, JsonNode> byId) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : resolve(value.get(0), byId);
        }
        if (!value.isObject()) {
            return null;
        }
        if (value.get("name") == null) {
            String id = text(value.get("@id"));
            if (id != null && byId.containsKey(id)) {
                return byId.get(id);
            }
        }
        return value;
    }

    private static @Nullable String idOrUrl(@Nullable JsonNode value, Map<String, JsonNode> byId) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject()) {
            String id = text(value.get("@id"));
            return id != null ? id : text(value.get("url"));
        }
        return null;
    }

    private static @Nullable String absoluteUrl(@Nullable String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) ? url.strip() : null;
    }

    private static boolean looksLikeUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("www.");
    }

    /** A scalar's text, the first element of an array, or null. */
    private static @Nullable String text(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : text(value.get(0));
        }
        if (value.isValueNode()) {
            String s = value.asText();
            return s.isBlank() ? null : s;
        }
        return null;
    }
}
