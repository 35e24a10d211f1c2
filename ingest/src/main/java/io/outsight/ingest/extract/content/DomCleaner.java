package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Removes from a document what is never article text, whatever the page: scripts, styles, embedded objects, form
 * controls, comments, elements hidden from readers, figure captions and dialogs. Stateless and thread-safe; it
 * mutates the document it is given.
 */
final class DomCleaner {

    /** Tags whose content is never readable article text. */
    private static final Set<String> NEVER_CONTENT = Set.of(
            "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "frame", "frameset",
            "object", "embed", "applet", "video", "audio", "source", "track", "map", "area", "link", "meta",
            "input", "select", "option", "optgroup", "textarea", "button", "label", "datalist", "output",
            "progress", "meter", "dialog", "menu", "menuitem", "head", "title", "base", "param",
            "figcaption", "rp", "rt", "marquee");

    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "(?:^|;)\\s*(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden)", Pattern.CASE_INSENSITIVE);

    private DomCleaner() {}

    static void clean(Element root) {
        clean(root, false);
    }

    /**
     * @param keepHidden whether to keep elements hidden by attributes or inline styles: a last resort for pages
     *     that hide their text until a script shows it
     */
    static void clean(Element root, boolean keepHidden) {
        var doomed = new ArrayList<Node>();
        Dom.traverse(root, new org.jsoup.select.NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Comment || node instanceof DataNode) {
                    doomed.add(node);
                } else if (node instanceof Element e && node != root && isNeverContent(e, keepHidden)) {
                    doomed.add(node);
                }
            }

            @Override
            public void tail(Node node, int depth) {}
        });
        // Removing parents first makes removing their descendants a no-op; jsoup tolerates both.
        for (Node node : doomed) {
            if (node.parentNode() != null) {
                node.remove();
            }
        }
        unwrapNoiseTextNodes(root);
    }

    private static boolean isNeverContent(Element e, boolean keepHidden) {
        String tag = e.normalName();
        if (NEVER_CONTENT.contains(tag)) {
            return true;
        }
        if (tag.equals("figure")) {
            // A figure is an illustration with its caption. Some editors (WordPress) wrap tables, code and lists in
            // figures too, and a few templates wrap text: keep those.
            return e.getElementsByTag("p").size() < 2 && e.selectFirst("table, pre, ul, ol, dl") == null;
        }
        return !keepHidden && !isProbablyVisible(e);
    }

    /** Readability's visibility test: hidden attribute, inline display:none, aria-hidden, modal dialogs. */
    static boolean isProbablyVisible(Element e) {
        if (e.hasAttr("hidden")) {
            return false;
        }
        String style = e.attr("style");
        if (!style.isEmpty() && HIDDEN_STYLE.matcher(style).find()) {
            return false;
        }
        if ("true".equalsIgnoreCase(e.attr("aria-hidden"))
                && !e.className().toLowerCase(Locale.ROOT).contains("fallback-image")) {
            return false;
        }
        return !("dialog".equalsIgnoreCase(e.attr("role")) && "true".equalsIgnoreCase(e.attr("aria-modal")));
    }

    /** Drops text nodes that are only whitespace between blocks; keeps the tree small for later passes. */
    private static void unwrapNoiseTextNodes(Element root) {
        var blanks = new ArrayList<TextNode>();
        for (Element e : root.getAllElements()) {
            if (!Dom.BLOCKS.contains(e.normalName()) || e.normalName().equals("pre")) {
                continue;
            }
            for (Node child : e.childNodes()) {
                if (child instanceof TextNode t && t.isBlank() && isBlockish(t.previousSibling())
                        && isBlockish(t.nextSibling())) {
                    blanks.add(t);
                }
            }
        }
        blanks.forEach(Node::remove);
    }

    private static boolean isBlockish(Node node) {
        return node == null || node instanceof Element e && Dom.BLOCKS.contains(e.normalName());
    }
}
