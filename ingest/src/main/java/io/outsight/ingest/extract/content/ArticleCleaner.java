package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Removes the boilerplate left inside a chosen article container: the article's header (title, byline, dates),
 * small blocks named like captions, share bars or promotions, containers that are mostly links, images or inputs
 * (Readability's "clean conditionally"), paragraphs that are only a link to another story or a byline, and the
 * labels ("Related articles", "Don't miss") of what was removed. Stateless and thread-safe; it mutates the tree it
 * is given.
 */
final class ArticleCleaner {

    /** Short blocks longer than this are never taken for small boilerplate. */
    private static final int SMALL_BLOCK = 300;
    private static final int SMALL_CAPTION = 500;

    private ArticleCleaner() {}

    static void clean(Element article, boolean weightClasses) {
        removeAll(article, "footer", "aside", "nav", "object", "embed", "iframe", "form");
        removeHeaders(article);
        removeSmallBoilerplate(article);
        Captions.remove(article);
        if (weightClasses) {
            for (Element h : article.select("h1, h2")) {
                if (Hints.classWeight(h) < 0) {
                    h.remove();
                }
            }
        }
        TextStats stats = TextStats.measure(article);
        for (String tag : new String[] {"table", "ul", "ol", "div", "section"}) {
            cleanConditionally(article, tag, weightClasses, stats);
        }
        BoilerplateBlocks.remove(article);
        for (Element p : article.getElementsByTag("p")) {
            if (p.text().isBlank() && p.getElementsByTag("img").isEmpty()) {
                p.remove();
            }
        }
        removeTrailingHeadings(article);
    }

    private static void removeAll(Element root, String... tags) {
        for (String tag : tags) {
            root.getElementsByTag(tag).forEach(e -> {
                if (e != root) {
                    e.remove();
                }
            });
        }
    }

    /** A {@code <header>} inside the article holds its title, standfirst, byline and dates, not its text. */
    private static void removeHeaders(Element article) {
        int total = article.text().length();
        for (Element header : article.getElementsByTag("header")) {
            if (header.parent() != null && header.text().length() * 2 < total) {
                header.remove();
            }
        }
    }

    /** Short blocks named like captions, credits, bylines, dates, share bars, tags or promotions. */
    private static void removeSmallBoilerplate(Element article) {
        for (Element e : new ArrayList<>(article.getAllElements())) {
            if (e == article || e.parent() == null || !Hints.smallBoilerplate(e)) {
                continue;
            }
            String names = Hints.names(e).toLowerCase(java.util.Locale.ROOT);
            int limit = names.contains("caption") || names.contains("credit") ? SMALL_CAPTION : SMALL_BLOCK;
            if (Dom.textLengthUpTo(e, limit) < limit && !holdsParagraphs(e)) {
                e.remove();
            }
        }
    }

    /** Whether the element holds two or more real paragraphs: then it is content, whatever its name. */
    static boolean holdsParagraphs(Element e) {
        int n = 0;
        for (Element p : e.getElementsByTag("p")) {
            if (p.text().length() > 80 && ++n >= 2) {
                return true;
            }
        }
        return false;
    }

    private static void cleanConditionally(Element root, String tag, boolean weightClasses, TextStats stats) {
        List<Element> nodes = new ArrayList<>(root.getElementsByTag(tag));
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Element node = nodes.get(i);
            if (node == root || node.parent() == null) {
                continue;
            }
            if (shouldRemove(node, tag, weightClasses, stats.of(node))) {
                Element label = Labels.before(node);
                stats.remove(node);
                if (label != null) {
                    stats.remove(label);
                }
            }
        }
    }

    private static boolean shouldRemove(Element node, String tag, boolean weightClasses, TextStats.Counts counts) {
        boolean isList = tag.equals("ul") || tag.equals("ol");
        if (tag.equals("table") && DataTables.isDataTable(node)) {
            return false;
        }
        for (Element p = node.parent(); p != null; p = p.parent()) {
            if (p.normalName().equals("table") && DataTables.isDataTable(p) || p.normalName().equals("code")) {
                return false;
            }
        }
        if (Dom.anyDescendant(node, t -> t.normalName().equals("table") && DataTables.isDataTable(t))) {
            return false;
        }
        int weight = weightClasses ? Hints.classWeight(node) : 0;
        if (weight < 0) {
            return true;
        }
        if (counts.commas >= 10) {
            return false;
        }
        int length = counts.chars;
        if (length < 40) {
            String text = node.text().strip();
            if (BoilerplateBlocks.isMarker(text)) {
                return true;
            }
        }
        int p = counts.paragraphs;
        int img = counts.images;
        int li = counts.listItems - 100;
        int input = counts.inputs;
        double headingDensity = counts.headingDensity();
        double linkDensity = counts.linkDensity();
        boolean remove = img > 1 && (double) p / img < 0.5
                || !isList && li > p
                || input > p / 3
                || !isList && headingDensity < 0.9 && length < 25 && (img == 0 || img > 2) && linkDensity > 0
                || !isList && weight < 25 && linkDensity > 0.2
                || weight >= 25 && linkDensity > 0.5
                || isList && linkDensity > 0.5 && length < 1000;
        if (isList && remove && !(linkDensity > 0.5)) {
            // A plain list of images may stay.
            for (Element child : node.children()) {
                if (child.childrenSize() > 1) {
                    return true;
                }
            }
            return img != counts.listItems;
        }
        return remove;
    }

    /** Headings with nothing after them introduced something that was removed. */
    private static void removeTrailingHeadings(Element article) {
        while (true) {
            Element last = lastTextElement(article);
            if (last == null) {
                return;
            }
            Element heading = last;
            while (heading != null && heading != article && !Dom.HEADINGS.contains(heading.normalName())) {
                heading = heading.parent();
            }
            if (heading == null || heading == article) {
                return;
            }
            heading.remove();
        }
    }

    private static @Nullable Element lastTextElement(Element root) {
        List<Element> all = root.getAllElements();
        for (int i = all.size() - 1; i > 0; i--) {
            Element e = all.get(i);
            if (!e.ownText().isBlank()) {
                return e;
            }
        }
        return null;
    }

}
