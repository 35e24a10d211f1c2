package io.outsight.ingest.extract.content;

import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the label of a block: the heading or short emphasised line ("Related articles", "DON'T MISS") just
 * before it, which goes when the block it introduces goes. Stateless and thread-safe.
 */
final class Labels {

    private Labels() {}

    /** The label of a block, or null when the element before it is text of its own. */
    static @Nullable Element before(Element node) {
        Element before = node.previousElementSibling();
        if (before == null) {
            return null;
        }
        String text = before.text().strip();
        if (text.isEmpty() || text.length() > 40 || before.getElementsByTag("img").size() > 0) {
            return null;
        }
        if (Dom.HEADINGS.contains(before.normalName())) {
            return before;
        }
        boolean sentence = text.matches("(?s).*[.!?。:;,]$");
        return !sentence && text.split("\\s+").length <= 5 && isEmphasisOnly(before) ? before : null;
    }

    /** A block whose text is all bold, strong or in a heading-like span: a label. */
    private static boolean isEmphasisOnly(Element e) {
        String text = e.text().strip();
        int emphasised = 0;
        for (Element d : e.getAllElements()) {
            String tag = d.normalName();
            if (d != e && (tag.equals("strong") || tag.equals("b") || Dom.HEADINGS.contains(tag))) {
                emphasised += d.text().strip().length();
            }
        }
        return emphasised >= text.length() || text.equals(text.toUpperCase(Locale.ROOT))
                && text.chars().anyMatch(Character::isLetter);
    }

}
