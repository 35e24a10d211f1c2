package io.outsight.ingest.extract.metadata;

import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads what a reader sees: the main heading, the byline, and the article's own {@code <time>} stamp. Only looks
 * where these belong: inside the article (or main area) when the page marks one, never in navigation, sidebars,
 * footers, comments or lists of related stories, whose dates and names are those of other articles. The least
 * trusted source. Thread-safe.
 */
final class VisiblePageReader {

    private static final Pattern UNRELATED = Pattern.compile(
            "comment|related|sidebar|widget|recommend|trending|popular|footer|promo|newsletter|outbrain|taboola|"
                    + "carousel|(?<![a-z])(?:more|teaser|card|rail|next|prev)(?:s|ious)?(?![a-z])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MODIFIED = Pattern.compile("updated|modified|edited", Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBLISHED = Pattern.compile(
            "publish|pub-?date|(?<![a-z])posted|(?<![a-z])created|(?<![a-z])date(?![a-z])|dateline|timestamp",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BYLINE = Pattern.compile(
            "byline|author|writer|contributor|reporter", Pattern.CASE_INSENSITIVE);

    private VisiblePageReader() {}

    static Found read(Document doc) {
        var found = new Found();
        Element scope = mainArea(doc);
        for (Element h1 : scope.getElementsByTag("h1")) {
            if (!inUnrelatedPart(h1) && !h1.text().isBlank()) {
                found.title(h1.text());
                break;
            }
        }
        for (Element a : doc.select("a[rel~=(?i)^author$], [class~=(?i)byline], [rel~=(?i)^author$]")) {
            if (inUnrelatedPart(a)) {
                continue;
            }
            String name = a.text().strip();
            if (!name.isEmpty() && name.length() <= 80) {
                found.author(name);
                break;
            }
        }
        if (found.authors.isEmpty()) {
            for (Element e : scope.getAllElements()) {
                String names = e.className() + " " + e.id();
                if (BYLINE.matcher(names).find() && !inUnrelatedPart(e)) {
                    String text = e.ownText().isBlank() && e.childrenSize() > 3 ? "" : e.text().strip();
                    if (!text.isEmpty() && text.length() <= 80) {
                        found.author(text);
                        break;
                    }
                }
            }
        }
        readDates(scope, found);
        return found;
    }

    /**
     * Where the article is: the {@code <article>} with the most text (pages also mark teasers of other stories as
     * articles), else the main area, else the body.
     */
    private static Element mainArea(Document doc) {
        Element best = null;
        int bestLength = 0;
        for (Element article : doc.getElementsByTag("article")) {
            int length = article.text().length();
            if (length > bestLength) {
                best = article;
                bestLength = length;
            }
        }
        if (best != null) {
            return best;
        }
        Element main = doc.selectFirst("[role=main], main");
        return main != null ? main : doc.body();
    }

    /**
     * Dates the page shows for this article: {@code <time datetime>} stamps (an "updated" one is the modification
     * date), elements named like publication dates that carry a machine-readable value, then the text of short
     * elements named like dates.
     */
    private static void readDates(Element scope, Found found) {
        for (Element time : scope.select("time[datetime], time[pubdate]")) {
            if (inUnrelatedPart(time)) {
                continue;
            }
            String value = time.hasAttr("datetime") ? time.attr("datetime") : time.text();
            String names = time.className() + " " + time.attr("itemprop") + " " + parentNames(time);
            // WordPress marks the first stamp "published updated": publication wins over modification.
            if (MODIFIED.matcher(names).find() && !names.toLowerCase(java.util.Locale.ROOT).contains("publish")) {
                found.modified(value);
            } else {
                found.published(value);
            }
        }
        for (Element e : scope.getAllElements()) {
            String names = e.className() + " " + e.id();
            if (names.isBlank() || e.normalName().equals("time") || !PUBLISHED.matcher(names).find()
                    || MODIFIED.matcher(names).find() || inUnrelatedPart(e)) {
                continue;
            }
            for (String attr : new String[] {"datetime", "content", "value", "data-timestamp", "title"}) {
                if (e.hasAttr(attr)) {
                    found.published(e.attr(attr));
                }
            }
            String text = e.text().strip();
            if (!text.isEmpty() && text.length() <= 80) {
                found.published(text);
            }
        }
    }

    private static String parentNames(Element e) {
        Element parent = e.parent();
        return parent == null ? "" : parent.className() + " " + parent.id();
    }

    /** Whether the element sits in navigation, a sidebar, a footer, comments or a list of other stories. */
    static boolean inUnrelatedPart(Element e) {
        for (Element p = e; p != null && !p.normalName().equals("body"); p = p.parent()) {
            String tag = p.normalName();
            if (tag.equals("nav") || tag.equals("aside") || tag.equals("footer")) {
                return true;
            }
            String names = p.className() + " " + p.id();
            if (names.length() > 1 && UNRELATED.matcher(names).find()) {
                return true;
            }
        }
        return false;
    }
}
