package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Finds the element that holds the article in a cleaned page, in the manner of Mozilla's Readability: paragraphs
 * give points to their parent and grandparent (by length and commas), containers are judged by their points
 * discounted by link density, the best one is widened to a common ancestor when close rivals share it, and sibling
 * blocks that look like content are gathered with it. Not thread-safe: one instance per page and pass; it mutates
 * the tree it works on (divs that are paragraphs become {@code p}, boilerplate is removed).
 */
final class ArticleFinder {

    /** How hard a pass is on the page; later passes relax what the first one removed. */
    record Flags(boolean stripUnlikely, boolean weightClasses) {}

    private static final Set<String> TAGS_TO_SCORE = Set.of("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre");
    private static final Set<String> PHRASING = Set.of(
            "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img", "kbd", "mark", "q",
            "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "big",
            "tt", "strike", "nobr");
    private static final int TOP_CANDIDATES = 5;
    private static final int MIN_SHARED_CANDIDATES = 3;

    private final Flags flags;
    private final Map<Element, Double> scores = new IdentityHashMap<>();
    private final List<Element> candidates = new ArrayList<>();

    ArticleFinder(Flags flags) {
        this.flags = flags;
    }

    /**
     * Returns the article: the best container and its content siblings, as children of a new detached element (in
     * document order), or null when the page has no scorable text.
     */
    @Nullable Element find(Element body) {
        List<Element> toScore = prepare(body);
        scoreParagraphs(toScore);
        TextStats stats = TextStats.measure(body);
        Element top = chooseTop(body, stats);
        if (top == null) {
            return null;
        }
        return gatherSiblings(top, stats);
    }

    /** Removes unlikely blocks, turns divs that are paragraphs into {@code p}, and lists the elements to score. */
    private List<Element> prepare(Element body) {
        var toScore = new ArrayList<Element>();
        // Removed after the walk, all at once: removing them one by one costs jsoup a pass over the parent's children
        // each time, which made a page of 100,000 empty sibling divs take about a minute. Nothing the walk looks at later
        // can see them: it has left their subtrees and only looks at the nodes after them and below those.
        var removed = new ArrayList<Element>();
        TextStats original = TextStats.measure(body);
        // Whether each element holds text or media, as the walk will find it: the walk changes nothing below an
        // element before it reaches the element, except to move phrasing content into new paragraphs.
        Map<Element, Boolean> content = Dom.contentOf(body);
        int bodyLength = original.of(body).chars;
        Element node = body;
        while (node != null) {
            String tag = node.normalName();
            if (node != body && flags.stripUnlikely() && isUnlikely(node, tag, original.of(node).chars, bodyLength)) {
                removed.add(node);
                node = next(node, true);
                continue;
            }
            if (node != body && (tag.equals("div") || tag.equals("section") || tag.equals("header")
                    || Dom.HEADINGS.contains(tag)) && !hasContent(content, node)) {
                removed.add(node);
                node = next(node, true);
                continue;
            }
            if (TAGS_TO_SCORE.contains(tag)) {
                toScore.add(node);
            }
            if (tag.equals("div")) {
                wrapPhrasingRuns(node);
                Element onlyP = singleChild(node, "p");
                if (onlyP != null && Dom.linkDensity(node) < 0.25) {
                    node.replaceWith(onlyP);
                    node = onlyP;
                    toScore.add(node);
                } else if (!Dom.hasBlockDescendant(node)) {
                    node.tagName("p");
                    toScore.add(node);
                }
            }
            node = next(node, false);
        }
        Dom.removeAll(removed);
        return toScore;
    }

    /**
     * Whether a block is page furniture: navigation, an aside, a role such as menu or dialog, or a name such as
     * "sidebar" or "comments". A name that also sounds like content ("related-articles", "article-footer") marks
     * a small box about the article as often as a wrapper of the article, so such blocks go only when they hold
     * little of the page's text.
     */
    private static boolean isUnlikely(Element node, String tag, int length, int bodyLength) {
        if (tag.equals("a") || tag.equals("body") || tag.equals("article") || tag.equals("main")) {
            return false;
        }
        if (tag.equals("nav") || tag.equals("aside") || Hints.unlikelyRole(node)) {
            return true;
        }
        String names = Hints.names(node);
        if (!Hints.namedUnlikely(names) || Dom.hasAncestor(node, "table") || Dom.hasAncestor(node, "code")) {
            return false;
        }
        return !Hints.namedMaybe(names) || length * 4 < bodyLength;
    }

    /** Puts runs of inline content directly inside a div into paragraphs, so they are scored like paragraphs. */
    private static void wrapPhrasingRuns(Element div) {
        if (!Dom.hasBlockDescendant(div)) {
            return;
        }
        Element p = null;
        for (Node child : new ArrayList<>(div.childNodes())) {
            // A picture between runs of text separates paragraphs, and keeps its caption next to it.
            if (isPhrasing(child) && !(child instanceof Element img && img.normalName().equals("img"))) {
                if (p != null) {
                    p.appendChild(child);
                } else if (!(child instanceof TextNode t && t.isBlank())) {
                    p = new Element("p");
                    child.before(p);
                    p.appendChild(child);
                }
            } else {
                p = null;
            }
        }
    }

    private static boolean isPhrasing(Node node) {
        if (node instanceof TextNode) {
            return true;
        }
        if (!(node instanceof Element e)) {
            return false;
        }
        String tag = e.normalName();
        if (PHRASING.contains(tag)) {
            return true;
        }
        if (tag.equals("a") || tag.equals("del") || tag.equals("ins")) {
            for (Node c : e.childNodes()) {
                if (!isPhrasing(c)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static @Nullable Element singleChild(Element e, String tag) {
        if (e.childrenSize() != 1 || !e.child(0).normalName().equals(tag)) {
            return null;
        }
        for (Node c : e.childNodes()) {
            if (c instanceof TextNode t && !t.isBlank()) {
                return null;
            }
        }
        return e.child(0);
    }

    private void scoreParagraphs(List<Element> toScore) {
        for (Element e : toScore) {
            if (e.parent() == null) {
                continue;
            }
            String text = e.text();
            if (text.length() < 25) {
                continue;
            }
            double points = 1 + Dom.commas(text) + 1 + Math.min(text.length() / 100, 3);
            int level = 0;
            for (Element ancestor = e.parent(); ancestor != null && level < 5; ancestor = ancestor.parent(), level++) {
                if (ancestor.parent() == null) {
                    break;
                }
                if (!scores.containsKey(ancestor)) {
                    scores.put(ancestor, initialScore(ancestor));
                    candidates.add(ancestor);
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(ancestor, points / divider, Double::sum);
            }
        }
    }

    private double initialScore(Element e) {
        double score = switch (e.normalName()) {
            case "div", "article", "main" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        return score + (flags.weightClasses() ? Hints.classWeight(e) : 0);
    }

    private double score(Element e) {
        return scores.getOrDefault(e, 0.0);
    }

    private @Nullable Element chooseTop(Element body, TextStats stats) {
        var top = new ArrayList<Element>();
        var finalScores = new IdentityHashMap<Element, Double>();
        for (Element candidate : candidates) {
            double s = score(candidate) * (1 - stats.of(candidate).linkDensity());
            finalScores.put(candidate, s);
            scores.put(candidate, s);
            int i = 0;
            while (i < top.size() && finalScores.get(top.get(i)) >= s) {
                i++;
            }
            if (i < TOP_CANDIDATES) {
                top.add(i, candidate);
                if (top.size() > TOP_CANDIDATES) {
                    top.remove(TOP_CANDIDATES);
                }
            }
        }
        if (top.isEmpty()) {
            return null;
        }
        Element best = top.getFirst();
        if (best == body) {
            return body;
        }
        best = sharedAncestorOfRivals(best, top, body);
        best = climbWhileScoreRises(best, body);
        // An only child says nothing its parent does not; the parent's siblings may be content too.
        while (best.parent() != null && best.parent() != body && best.parent().childrenSize() == 1) {
            best = best.parent();
        }
        return best;
    }

    /** When three or more close rivals share an ancestor with the best candidate, the content spans them all. */
    private Element sharedAncestorOfRivals(Element best, List<Element> top, Element body) {
        double bestScore = score(best);
        var rivals = new ArrayList<List<Element>>();
        for (int i = 1; i < top.size(); i++) {
            if (bestScore > 0 && score(top.get(i)) / bestScore >= 0.75) {
                rivals.add(top.get(i).parents());
            }
        }
        if (rivals.size() < MIN_SHARED_CANDIDATES) {
            return best;
        }
        for (Element parent = best.parent(); parent != null && parent != body; parent = parent.parent()) {
            int sharing = 0;
            for (List<Element> ancestors : rivals) {
                for (Element a : ancestors) {
                    if (a == parent) {
                        sharing++;
                        break;
                    }
                }
            }
            if (sharing >= MIN_SHARED_CANDIDATES) {
                return parent;
            }
        }
        return best;
    }

    /**
     * A parent that scores higher than the candidate collects points from paragraphs beside it: the content spans
     * them. Unlike Readability this compares with the candidate's own score, not the last parent's, so that a dip
     * and a small rise far up the tree (a page wrapper) does not win.
     */
    private Element climbWhileScoreRises(Element best, Element body) {
        double bestScore = score(best);
        double threshold = bestScore / 3;
        for (Element parent = best.parent(); parent != null && parent != body; parent = parent.parent()) {
            if (!scores.containsKey(parent)) {
                continue;
            }
            double parentScore = score(parent);
            if (parentScore < threshold) {
                break;
            }
            if (parentScore > bestScore) {
                return parent;
            }
        }
        return best;
    }

    /** The best candidate plus the siblings that score well or read like paragraphs. */
    private Element gatherSiblings(Element top, TextStats stats) {
        var article = new Element("div");
        Element parent = top.parent();
        if (parent == null || top.normalName().equals("body")) {
            for (Node child : new ArrayList<>(top.childNodes())) {
                article.appendChild(child);
            }
            return article;
        }
        double threshold = Math.max(10, score(top) * 0.2);
        for (Element sibling : new ArrayList<>(parent.children())) {
            boolean append = sibling == top;
            if (!append) {
                double bonus = !top.className().isEmpty() && sibling.className().equals(top.className())
                        ? score(top) * 0.2 : 0;
                if (scores.containsKey(sibling) && score(sibling) + bonus >= threshold) {
                    append = true;
                } else if (sibling.normalName().equals("p")) {
                    TextStats.Counts counts = stats.of(sibling);
                    double density = counts.linkDensity();
                    append = counts.chars > 80 && density < 0.25
                            || counts.chars > 0 && counts.chars <= 80 && density == 0 && endsSentence(sibling.text());
                }
            }
            if (append) {
                article.appendChild(sibling);
            }
        }
        return article;
    }

    private static boolean endsSentence(String text) {
        return text.matches("(?s).*[.!?。！？](\\s.*|[\"”’»)]?)$");
    }


    private static boolean hasContent(Map<Element, Boolean> known, Element node) {
        Boolean has = known.get(node);
        return has != null ? has : !Dom.withoutContent(node); // an element made during the walk
    }

    /** The next element in document order; skips the element's subtree when asked. */
    static @Nullable Element next(Element node, boolean skipChildren) {
        if (!skipChildren && node.childrenSize() > 0) {
            return node.child(0);
        }
        for (Element e = node; e != null; e = e.parent()) {
            Element sibling = e.nextElementSibling();
            if (sibling != null) {
                return sibling;
            }
        }
        return null;
    }
}
