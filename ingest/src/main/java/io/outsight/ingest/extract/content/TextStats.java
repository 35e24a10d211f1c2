package io.outsight.ingest.extract.content;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Text measurements of every element of a subtree, computed in one pass: the scoring asks for the text length and
 * link density of most elements, and asking jsoup for each element's text would walk the tree once per element.
 * Lengths count whitespace runs as one character, as {@link Element#text()} does (up to the spaces jsoup puts
 * between blocks). {@link #remove} keeps the numbers of the ancestors right when an element is removed. Not
 * thread-safe: one instance per tree.
 */
final class TextStats {

    /** Measurements of one element's subtree. */
    static final class Counts {
        int chars;
        double linkChars;
        int commas;
        int headingChars;
        int paragraphs;
        int images;
        int listItems;
        int inputs;

        double linkDensity() {
            return chars == 0 ? 0 : Math.min(1, linkChars / chars);
        }

        double headingDensity() {
            return chars == 0 ? 0 : (double) headingChars / chars;
        }

        private void add(Counts other, int sign) {
            chars += sign * other.chars;
            linkChars += sign * other.linkChars;
            commas += sign * other.commas;
            headingChars += sign * other.headingChars;
            paragraphs += sign * other.paragraphs;
            images += sign * other.images;
            listItems += sign * other.listItems;
            inputs += sign * other.inputs;
        }
    }

    private static final Counts NONE = new Counts();

    private final Map<Element, Counts> counts = new IdentityHashMap<>();
    private final Element root;

    private TextStats(Element root) {
        this.root = root;
    }

    /** Measures every element of the subtree. */
    static TextStats measure(Element root) {
        var stats = new TextStats(root);
        Dom.traverse(root, new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    stats.counts.put(e, new Counts());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof TextNode t) {
                    Element parent = t.parent();
                    if (parent != null && stats.counts.containsKey(parent)) {
                        Counts c = stats.counts.get(parent);
                        String text = t.getWholeText();
                        c.chars += collapsedLength(text);
                        c.commas += Dom.commas(text);
                    }
                } else if (node instanceof Element e) {
                    Counts c = stats.counts.get(e);
                    switch (e.normalName()) {
                        case "a" -> {
                            String href = e.attr("href");
                            c.linkChars = c.chars * (href.length() > 1 && href.charAt(0) == '#' ? 0.3 : 1);
                        }
                        case "h1", "h2", "h3", "h4", "h5", "h6" -> c.headingChars = c.chars;
                        case "p" -> c.paragraphs++;
                        case "img" -> c.images++;
                        case "li" -> c.listItems++;
                        case "input" -> c.inputs++;
                        default -> {}
                    }
                    Element parent = e.parent();
                    if (e != stats.root && parent != null && stats.counts.containsKey(parent)) {
                        stats.counts.get(parent).add(c, 1);
                    }
                }
            }
        });
        return stats;
    }

    /** The measurements of an element of the subtree (all zero for an element not in it). */
    Counts of(Element e) {
        return counts.getOrDefault(e, NONE);
    }

    /** Removes an element from the tree and its counts from its ancestors'. */
    void remove(Element e) {
        Counts c = counts.get(e);
        if (c != null && e != root) {
            for (Element p = e.parent(); p != null; p = p.parent()) {
                Counts pc = counts.get(p);
                if (pc == null) {
                    break;
                }
                pc.add(c, -1);
                if (p == root) {
                    break;
                }
            }
        }
        e.remove();
    }

    private static int collapsedLength(String text) {
        int n = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch) || ch == '\u00A0') {
                space = true;
            } else {
                if (space && n > 0) {
                    n++;
                }
                space = false;
                n++;
            }
        }
        return n;
    }
}
