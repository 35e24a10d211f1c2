package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Finds the captions of pictures that pages do not mark up as {@code <figcaption>}: a short text sharing a small
 * block with one picture, or a line set all in italics or small print right after a picture. Stateless and
 * thread-safe; it mutates the tree it is given.
 */
final class Captions {

    /** Captions are short; a longer text beside a picture is article text. */
    private static final int MAX_CAPTION = 200;

    private Captions() {}

    /**
     * Captions not marked up as such: a short text in the same small block as a picture, or a short line all in
     * italics or small print right after a block that is only a picture.
     */
    static void remove(Element article) {
        for (Element img : new ArrayList<>(article.getElementsByTag("img"))) {
            if (img.parent() == null || !isPicture(img)) {
                continue;
            }
            // Climb from the picture to the first block with text: the picture's own block when it is captioned.
            Element pictureBlock = img;
            Element block = enclosingBlock(img, article);
            while (block != null && !Dom.hasText(block)) {
                pictureBlock = block;
                block = enclosingBlock(block, article);
            }
            if (block == null) {
                continue;
            }
            if (Dom.textLengthUpTo(block, MAX_CAPTION + 1) <= MAX_CAPTION
                    && block.getElementsByTag("img").size() == 1 && !ArticleCleaner.holdsParagraphs(block)
                    && !block.text().strip().matches("(?s).*[.!?]\\s*$")) {
                block.remove();
                continue;
            }
            Element next = pictureBlock.nextElementSibling();
            while (next != null && next.normalName().equals("br")) {
                next = next.nextElementSibling();
            }
            // Inline emphasis right after a picture may be running text; only a line of its own is a caption.
            if (next != null && (pictureBlock != img || Dom.BLOCKS.contains(next.normalName()))
                    && isEmphasisedLine(next)) {
                next.remove();
            }
        }
    }

    /** An illustration rather than an icon, emoji or tracking pixel. */
    private static boolean isPicture(Element img) {
        String names = (img.className() + " " + img.attr("src")).toLowerCase(Locale.ROOT);
        if (names.contains("emoji") || names.contains("smiley") || names.contains("icon")) {
            return false;
        }
        for (String size : new String[] {img.attr("width"), img.attr("height")}) {
            String digits = size.replaceAll("[^0-9].*$", "");
            if (!digits.isEmpty() && digits.length() < 5 && Integer.parseInt(digits) < 100) {
                return false;
            }
        }
        return true;
    }

    /** The nearest block-level ancestor of an element, below the article root. */
    private static @Nullable Element enclosingBlock(Element e, Element root) {
        for (Element p = e.parent(); p != null && p != root; p = p.parent()) {
            if (Dom.BLOCKS.contains(p.normalName())) {
                return p;
            }
        }
        return null;
    }

    /** A short line whose text is all in italics or small print: how captions are set when not marked up. */
    private static boolean isEmphasisedLine(Element e) {
        String text = e.text().strip();
        if (text.isEmpty() || text.length() > MAX_CAPTION || !e.getElementsByTag("img").isEmpty()) {
            return false;
        }
        int emphasised = 0;
        for (Element d : e.getAllElements()) {
            String tag = d.normalName();
            if (d != e && (tag.equals("em") || tag.equals("i") || tag.equals("small") || tag.equals("cite"))) {
                emphasised += d.text().strip().length();
            }
        }
        return emphasised >= text.length();
    }

}
