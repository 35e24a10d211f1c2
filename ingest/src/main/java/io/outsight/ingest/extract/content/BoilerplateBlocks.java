package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Judges the paragraph-like blocks of an article one by one and removes those that are not text: an ad or loading
 * marker, a link to another story (a teaser), a list of links, or a byline or time stamp line; the label before a
 * removed block goes with it. Stateless and thread-safe; it mutates the tree it is given.
 */
final class BoilerplateBlocks {

    private static final Pattern AD_WORDS = Pattern.compile(
            "^(ad(vertising|vertisement)?|pub(licit[ée]|blicità)?|publicidad|werbung|anzeige|annonce|annons|"
                    + "advertentie|reclame|reklam[ae]?|mainos|iklan|sponsored|广告|広告|광고|Реклама|Anuncio)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern LOADING_WORDS = Pattern.compile(
            "^((loading|正在加载|Загрузка|chargement|cargando)( content| more)?\\s*(…|\\.\\.\\.)?)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Lines that introduce a byline or a time stamp rather than text. */
    private static final Pattern BYLINE_OR_STAMP = Pattern.compile(
            "^(?:By\\s+\\p{Lu}|BY\\s+\\p{Lu}|(?i:(?:first |last )?(?:published|updated|posted|modified)(?: on)?)\\b)");
    /** A time stamp in any language: a year and a clock time ("sexta-feira, 22 de outubro de 2010 às 20:13"). */
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(?:19|20)\\d\\d(?!\\d)");
    private static final Pattern CLOCK = Pattern.compile("(?<!\\d)[0-2]?\\d[:h][0-5]\\d(?!\\d)");
    /** Paragraph-like blocks judged one by one. */
    private static final Set<String> TEXT_BLOCKS = Set.of(
            "p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "section", "td",
            "center");

    private BoilerplateBlocks() {}

    /** Whether a whole text is only an ad or loading marker ("Advertisement", "Loading…"). */
    static boolean isMarker(String text) {
        String t = text.strip();
        return AD_WORDS.matcher(t).matches() || LOADING_WORDS.matcher(t).matches();
    }

    /**
     * Paragraph-level boilerplate: a block that is only an ad or loading marker, mostly a link (a teaser for
     * another story), or a byline or time stamp line.
     */
    static void remove(Element article) {
        for (Element e : new ArrayList<>(article.getAllElements())) {
            if (e == article || e.parent() == null || !isTextBlock(e)) {
                continue;
            }
            String text = e.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (isMarker(text) || isLinkTeaser(e, text) || isBylineOrStamp(text)) {
                removeWithLabel(e);
            }
        }
    }

    /** A leaf-ish block: a paragraph-like element with no block-level element inside. */
    private static boolean isTextBlock(Element e) {
        String tag = e.normalName();
        if (!TEXT_BLOCKS.contains(tag)) {
            return false;
        }
        return !Dom.anyDescendant(e, d -> Dom.BLOCK_CHILDREN.contains(d.normalName())
                && !d.normalName().equals("img"));
    }

    /**
     * A block that is a link to another page rather than text: all link, or a link with only a label around it
     * ("READ MORE: …", "… [VIDEO]"). A sentence with a long link inside it ends in its own punctuation and keeps
     * more words outside the link. Bare URLs are kept: they cite sources.
     */
    private static boolean isLinkTeaser(Element e, String text) {
        var links = e.getElementsByTag("a");
        if (links.isEmpty()) {
            return false;
        }
        double density = Dom.linkDensity(e);
        if (density < 0.3) {
            return false;
        }
        for (Element a : links) {
            String t = a.text().strip();
            if (t.startsWith("http://") || t.startsWith("https://") || t.startsWith("www.")) {
                return false;
            }
        }
        String outside = Dom.textOutsideLinks(e).strip();
        String words = outside.replaceAll("[\\p{P}\\p{S}\\s]+", " ").strip();
        int wordCount = words.isEmpty() ? 0 : words.split(" ").length;
        if (density >= 0.9 || density >= 0.5 && links.size() >= 2 && wordCount * 2 <= links.size()) {
            // All link, or a list of links with at most a label ("Tags:", "Sponsors").
            return true;
        }
        // Below that, only links that read like headlines make a teaser; a name or handle after a label does not.
        int linkWords = 0;
        for (Element a : links) {
            linkWords = Math.max(linkWords, a.text().strip().split("\\s+").length);
        }
        if (linkWords < 3) {
            return false;
        }
        if (density < 0.5) {
            // "Related: <link>", "See also: <link>": a short label ending in a colon before the link.
            return links.size() == 1 && outside.endsWith(":") && outside.split("\\s+").length <= 3
                    && text.startsWith(outside);
        }
        boolean sentenceEnd = text.matches("(?s).*[.!?。\"”’»)]$") && !outside.endsWith("]");
        return wordCount <= Math.max(3, 2 * links.size()) && (!sentenceEnd || outside.contains(":") || words.equals(words.toUpperCase(Locale.ROOT)));
    }

    private static boolean isBylineOrStamp(String text) {
        if (text.length() >= 100 || text.matches("(?s).*[.!?]$")) {
            return false;
        }
        if (BYLINE_OR_STAMP.matcher(text).find()) {
            return true;
        }
        return text.length() < 60 && text.split("\\s+").length <= 8 && YEAR.matcher(text).find()
                && CLOCK.matcher(text).find();
    }

    /**
     * Removes a block and, when the block before it is a heading or a short label ("Related", "Don't miss"), that
     * label too: it introduced what was removed.
     */
    private static void removeWithLabel(Element node) {
        Element label = Labels.before(node);
        node.remove();
        if (label != null) {
            label.remove();
        }
    }

}
