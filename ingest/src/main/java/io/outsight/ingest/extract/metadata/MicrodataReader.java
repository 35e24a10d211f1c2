package io.outsight.ingest.extract.metadata;

import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Reads schema.org microdata: the properties of the item typed as an article or blog posting that holds the most
 * text (never those of nested items such as comments or related articles, except the author's and publisher's
 * names).
 * Thread-safe.
 */
final class MicrodataReader {

    private MicrodataReader() {}

    static Found read(Document doc) {
        var found = new Found();
        // Pages also mark up teasers of other stories as articles: the article is the one with the most text.
        Element item = null;
        int itemLength = -1;
        for (Element scope : doc.select("[itemscope][itemtype]")) {
            String type = scope.attr("itemtype").toLowerCase(Locale.ROOT);
            if (type.endsWith("article") || type.endsWith("posting") || type.endsWith("report")) {
                int length = scope.text().length();
                if (length > itemLength) {
                    item = scope;
                    itemLength = length;
                }
            }
        }
        if (item == null) {
            return found;
        }
        for (Element prop : item.select("[itemprop]")) {
            Element owner = owningItem(prop, item);
            String name = prop.attr("itemprop").toLowerCase(Locale.ROOT);
            if (owner == item) {
                switch (name) {
                    case "headline", "name" -> found.title(value(prop));
                    case "datepublished", "datecreated" -> found.published(value(prop));
                    case "datemodified" -> found.modified(value(prop));
                    case "description" -> found.description(value(prop));
                    case "author", "creator" -> {
                        if (!prop.hasAttr("itemscope")) {
                            found.author(value(prop));
                        }
                    }
                    default -> {}
                }
            } else if (owner != null && name.equals("name")) {
                Element ownerProp = owner;
                String role = ownerProp.attr("itemprop").toLowerCase(Locale.ROOT);
                if ((role.equals("author") || role.equals("creator")) && owningItem(owner, item) == item) {
                    found.author(value(prop));
                } else if (role.equals("publisher") && owningItem(owner, item) == item) {
                    found.siteName(value(prop));
                }
            }
        }
        return found;
    }

    /** The nearest item scope above a property (the item it belongs to). */
    private static @Nullable Element owningItem(Element prop, Element root) {
        for (Element p = prop.parent(); p != null; p = p.parent()) {
            if (p.hasAttr("itemscope")) {
                return p;
            }
            if (p == root) {
                return root;
            }
        }
        return null;
    }

    private static @Nullable String value(Element prop) {
        for (String attr : new String[] {"content", "datetime"}) {
            if (prop.hasAttr(attr)) {
                return prop.attr(attr);
            }
        }
        String tag = prop.normalName();
        if ((tag.equals("a") || tag.equals("link")) && prop.text().isBlank()) {
            return null;
        }
        if (tag.equals("meta")) {
            return null;
        }
        return prop.text();
    }
}
