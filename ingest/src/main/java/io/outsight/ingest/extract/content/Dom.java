package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Measurements of DOM subtrees used by the scoring. Stateless and thread-safe. */
final class Dom {

    /** Elements that make a div more than a paragraph (Readability's "DIV_TO_P_ELEMS"). */
    static final Set<String> BLOCK_CHILDREN = Set.of(
            "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article", "header",
            "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "address", "form", "hr", "main", "nav");

    /** Elements laid out as blocks: each starts a new paragraph of text. */
    static final Set<String> BLOCKS = Set.of(
            "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
            "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4",
            "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "br", "legend",
            "option", "output", "noscript");

    static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private Dom() {}

    /** Normalised visible text of a subtree (whitespace collapsed), as jsoup renders it. */
    static String text(Element e) {
        return e.text();
    }

    /** The share of an element's text that sits inside links; in-page (#) links count for 0.3 of their length. */
    static double linkDensity(Element e) {
        int textLength = e.text().length();
        if (textLength == 0) {
            return 0;
        }
        double linkLength = 0;
        for (Element a : e.getElementsByTag("a")) {
            String href = a.attr("href");
            double coefficient = href.length() > 1 && href.charAt(0) == '#' ? 0.3 : 1;
            linkLength += a.text().length() * coefficient;
        }
        return Math.min(1, linkLength / textLength);
    }

    /** Number of occurrences of commas (any script's) in the element's text. */
    static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '\u060C' || c == '\uFE50' || c == '\uFE10' || c == '\uFE11' || c == '\u2E41'
                    || c == '\u2E34' || c == '\u2E32' || c == '\uFF0C' || c == '\u3001') {
                n++;
            }
        }
        return n;
    }

    /** Whether any descendant is a block-level element. */
    static boolean hasBlockDescendant(Element e) {
        return anyDescendant(e, d -> BLOCK_CHILDREN.contains(d.normalName()));
    }

    /** Whether the element has no text and no media: a layout shell. */
    static boolean withoutContent(Element e) {
        var found = new boolean[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t && !t.isBlank()) {
                    found[0] = true;
                    return FilterResult.STOP;
                }
                if (node instanceof Element d && MEDIA.contains(d.normalName())) {
                    found[0] = true;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        return !found[0];
    }

    /**
     * For every element of the subtree, whether it holds text or media (the opposite of {@link #withoutContent}),
     * found in one pass: asking {@code withoutContent} of each element of a deep or wide page walks the same nodes
     * again for every ancestor.
     */
    static Map<Element, Boolean> contentOf(Element root) {
        Map<Element, Boolean> content = new IdentityHashMap<>();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    content.put(e, MEDIA.contains(e.normalName()));
                }
            }

            @Override
            public void tail(Node node, int depth) {
                boolean has = node instanceof TextNode t ? !t.isBlank()
                        : node instanceof Element e && content.get(e);
                if (has && node != root && node.parentNode() instanceof Element parent) {
                    content.put(parent, true);
                }
            }
        }, root);
        return content;
    }

    /** Whether the subtree holds any non-blank text; stops at the first. */
    static boolean hasText(Element e) {
        var found = new boolean[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t && !t.isBlank()) {
                    found[0] = true;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        return found[0];
    }

    /**
     * The length of the subtree's text (whitespace runs counted once), counting no further than {@code limit}: a
     * cheap way to ask whether a possibly large element is short.
     */
    static int textLengthUpTo(Element e, int limit) {
        var n = new int[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    n[0] += t.text().strip().length() + 1;
                    if (n[0] >= limit) {
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        return Math.min(n[0], limit);
    }

    private static final Set<String> MEDIA = Set.of("img", "video", "iframe", "picture");

    /** Whether some element below {@code e} (not {@code e} itself) passes the test; stops at the first. */
    static boolean anyDescendant(Element e, java.util.function.Predicate<Element> test) {
        var found = new boolean[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node != e && node instanceof Element d && test.test(d)) {
                    found[0] = true;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        return found[0];
    }

    /**
     * Removes elements from the tree, none inside another. The children of a parent that loses many are rebuilt in
     * one pass: jsoup re-indexes a parent's children after each removal, so removing them one by one is quadratic.
     */
    static void removeAll(List<Element> elements) {
        Map<Element, Set<Node>> byParent = new IdentityHashMap<>();
        for (Element e : elements) {
            Element parent = e.parent();
            if (parent != null) {
                byParent.computeIfAbsent(parent, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(e);
            }
        }
        for (var entry : byParent.entrySet()) {
            Element parent = entry.getKey();
            Set<Node> gone = entry.getValue();
            if (gone.size() <= 8) {
                gone.forEach(Node::remove);
                continue;
            }
            var kept = new ArrayList<Node>(parent.childNodeSize() - gone.size());
            for (Node child : parent.childNodes()) {
                if (!gone.contains(child)) {
                    kept.add(child);
                }
            }
            parent.empty();
            parent.appendChildren(kept);
        }
    }

    /** Whether an ancestor (not the element itself) has the given tag name. */
    static boolean hasAncestor(Element e, String tag) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.normalName().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Length of the text directly inside the element (not in child elements), whitespace trimmed. */
    static int ownTextLength(Element e) {
        int n = 0;
        for (Node child : e.childNodes()) {
            if (child instanceof TextNode t) {
                n += t.text().strip().length();
            }
        }
        return n;
    }

    /** The text of an element that is not inside a link, whitespace as in the source. */
    static String textOutsideLinks(Element e) {
        var sb = new StringBuilder();
        traverse(e, new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t && !insideLink(t, e)) {
                    sb.append(t.text());
                }
            }
        });
        return sb.toString();
    }

    private static boolean insideLink(Node node, Element root) {
        for (Node p = node.parentNode(); p != null && p != root; p = p.parentNode()) {
            if (p instanceof Element el && el.normalName().equals("a")) {
                return true;
            }
        }
        return false;
    }

    /** Visits every node of a subtree in document order. */
    static void traverse(Node root, NodeVisitor visitor) {
        NodeTraversor.traverse(visitor, root);
    }
}
