package io.outsight.ingest.extract.content;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Extracts the main article text of a parsed page. Tries a strict pass first (boilerplate-named blocks removed,
 * class names weighed) and relaxes it when that leaves too little text, keeping the longest result, as Readability
 * does. Thread-safe: it keeps no state between calls, and works on a copy of the document it is given.
 */
public final class ContentExtractor {

    /** Text shorter than this after a pass suggests the pass removed the article; the next pass is gentler. */
    static final int ENOUGH_TEXT = 500;
    /** A declared body shorter than this is a summary more often than the article. */
    static final int MIN_DECLARED_BODY = 200;

    private static final List<ArticleFinder.Flags> PASSES = List.of(
            new ArticleFinder.Flags(true, true), new ArticleFinder.Flags(false, true),
            new ArticleFinder.Flags(false, false));

    /**
     * @param document the parsed page; not modified
     * @param title the page's title when known, so that a heading repeating it is not counted as text
     */
    public ArticleText extract(Document document, @Nullable String title) {
        return extract(document, title, null);
    }

    /**
     * Extracts the text, falling back on the article body the page declares in its structured data when the HTML
     * yields far less text than that declaration (pages rendered by scripts, or hidden behind a consent wall).
     *
     * @param document the parsed page; not modified
     * @param title the page's title when known
     * @param declaredBody the JSON-LD {@code articleBody}, plain text or markup
     */
    public ArticleText extract(Document document, @Nullable String title, @Nullable String declaredBody) {
        ArticleText fromHtml = extractFromHtml(document, title);
        if (declaredBody == null || declaredBody.length() < MIN_DECLARED_BODY) {
            return fromHtml;
        }
        ArticleText declared = DeclaredBody.toText(declaredBody);
        return fromHtml.text().length() * 4 < declared.text().length() ? declared : fromHtml;
    }

    private ArticleText extractFromHtml(Document document, @Nullable String title) {
        Objects.requireNonNull(document, "document");
        ArticleText best = extractFromBody(document, title, false);
        if (best.text().length() < ENOUGH_TEXT) {
            // Some pages hide their text until a script shows it; reading hidden blocks is the last resort.
            // It must say much more, and go on from what the visible page says rather than be another text.
            ArticleText withHidden = extractFromBody(document, title, true);
            String visible = best.text();
            boolean continues = visible.length() < 100 || withHidden.text().contains(visible.substring(0, 80));
            if (withHidden.text().length() > 2 * visible.length() + ENOUGH_TEXT / 2 && continues) {
                best = withHidden;
            }
        }
        return best;
    }

    private ArticleText extractFromBody(Document document, @Nullable String title, boolean keepHidden) {
        Element body = document.body().clone();
        DomCleaner.clean(body, keepHidden);
        ArticleText best = ArticleText.EMPTY;
        for (ArticleFinder.Flags flags : PASSES) {
            Element copy = body.clone();
            Element article = new ArticleFinder(flags).find(copy);
            if (article == null) {
                continue;
            }
            ArticleCleaner.clean(article, flags.weightClasses());
            removeTitleHeading(article, title);
            ArticleText text = TextWriter.write(article);
            if (text.text().length() >= ENOUGH_TEXT) {
                return text;
            }
            if (text.text().length() > best.text().length()) {
                best = text;
            }
        }
        return best;
    }

    /** The first h1/h2 that repeats the title is the title, not part of the text. */
    private static void removeTitleHeading(Element article, @Nullable String title) {
        if (title == null || title.isBlank()) {
            return;
        }
        String wanted = normalise(title);
        for (Element h : article.select("h1, h2")) {
            String heading = normalise(h.text());
            if (!heading.isEmpty() && (heading.equals(wanted)
                    || heading.length() > 15 && wanted.contains(heading) && heading.length() * 2 > wanted.length())) {
                h.remove();
                return;
            }
        }
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("(?U)[^\\w]+", " ").strip();
    }
}
