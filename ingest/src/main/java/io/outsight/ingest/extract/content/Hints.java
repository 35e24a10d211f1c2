package io.outsight.ingest.extract.content;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * What class names, ids and roles say about an element: the naming conventions of web page templates (not of
 * particular sites) that mark boilerplate or content. Stateless and thread-safe.
 */
final class Hints {

    /** Names of blocks that are almost never the article: removed early unless they also look like content. */
    private static final Pattern UNLIKELY = Pattern.compile(
            "-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|"
                    + "legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|"
                    + "supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|"
                    + "signup|sign-up|subscri|outbrain|taboola|recirc|trending|most-?popular|"
                    + "nav(?:bar|igation)?(?:$|[-_ ])|toolbar|share|sharing|byline|author-?bio",
            Pattern.CASE_INSENSITIVE);

    /** Words that rescue an unlikely-looking name: it may still be the content. */
    private static final Pattern MAYBE = Pattern.compile(
            "and|article|body|column|content|main|mathjax|shadow|story|post|entry|text", Pattern.CASE_INSENSITIVE);

    private static final Pattern NEGATIVE = Pattern.compile(
            "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|"
                    + "outbrain|taboola|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|"
                    + "tags|widget|newsletter|subscri|recommend|byline|author|caption|credit|disclaimer|teaser",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern POSITIVE = Pattern.compile(
            "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|rich-?text",
            Pattern.CASE_INSENSITIVE);

    /**
     * Names of the small blocks found around and inside article text: captions, credits, bylines, dates, share
     * bars, tag lists, promotions, links to other stories. Only removed while they are short.
     */
    private static final Pattern SMALL_BOILERPLATE = Pattern.compile(
            "caption|credit|byline|author|dateline|writtenby|timestamp|(?<![a-z])date|publish|posted|"
                    + "(?<![a-z])meta(?:data)?(?![a-z])|share|sharing|social|related|newsletter|subscri|promo|"
                    + "sponsor|advert|(?<![a-z])ads?(?![a-z])|(?<![a-z])tags?(?![a-z])|breadcrumb|comment|"
                    + "(?<![a-z])print|reprint|toolbar|text-?size|font-?size|read-?more|more-?stories|recommend|"
                    + "trending|popular|signup|sign-up|(?<![a-z])cta(?![a-z])|lightbox|gallery|slideshow|"
                    + "outbrain|taboola|follow-?us|callout|pull-?quote",
            Pattern.CASE_INSENSITIVE);

    /** ARIA roles of page furniture. */
    private static final Set<String> UNLIKELY_ROLES = Set.of(
            "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner",
            "contentinfo", "search", "toolbar", "tablist");

    private Hints() {}

    /** The class names and id of an element, the string the patterns are matched against. */
    static String names(Element e) {
        String cls = e.className();
        String id = e.id();
        if (cls.isEmpty()) {
            return id;
        }
        return id.isEmpty() ? cls : cls + " " + id;
    }

    /** Whether the names (see {@link #names}) sound like boilerplate. */
    static boolean namedUnlikely(String names) {
        return !names.isEmpty() && UNLIKELY.matcher(names).find();
    }

    /** Whether the names (see {@link #names}) sound like content. */
    static boolean namedMaybe(String names) {
        return !names.isEmpty() && MAYBE.matcher(names).find();
    }

    /** Whether the element is named like the small boilerplate blocks that surround article text. */
    static boolean smallBoilerplate(Element e) {
        String names = names(e);
        return !names.isEmpty() && SMALL_BOILERPLATE.matcher(names).find();
    }

    /** Whether the element's ARIA role marks page furniture. */
    static boolean unlikelyRole(Element e) {
        String role = e.attr("role");
        return !role.isEmpty() && UNLIKELY_ROLES.contains(role.toLowerCase(java.util.Locale.ROOT));
    }

    /** +25 for each of class and id named like content, -25 for each named like boilerplate. */
    static int classWeight(Element e) {
        int weight = 0;
        String cls = e.className();
        if (!cls.isEmpty()) {
            if (NEGATIVE.matcher(cls).find()) {
                weight -= 25;
            }
            if (POSITIVE.matcher(cls).find()) {
                weight += 25;
            }
        }
        String id = e.id();
        if (!id.isEmpty()) {
            if (NEGATIVE.matcher(id).find()) {
                weight -= 25;
            }
            if (POSITIVE.matcher(id).find()) {
                weight += 25;
            }
        }
        return weight;
    }
}
