package io.outsight.ingest.extract;

import io.outsight.ingest.extract.content.ArticleText;
import io.outsight.ingest.extract.content.ContentExtractor;
import io.outsight.ingest.extract.language.LanguageIdentifier;
import io.outsight.ingest.extract.metadata.MetadataExtractor;
import io.outsight.ingest.extract.metadata.PageMetadata;
import java.time.Clock;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;

/**
 * Extracts the article of an HTML page: its main text without boilerplate, and its metadata (title, authors,
 * dates, canonical URL, site name, description, language).
 *
 * <p>Thread-safe: build one (loading the language model takes about a second) and share it between threads.
 */
public final class MainContentExtractor {

    private final MetadataExtractor metadata;
    private final ContentExtractor content;
    private final LanguageIdentifier languages;

    /**
     * @param clock the clock that decides which dates lie in the future
     * @param languages the language identifier
     */
    public MainContentExtractor(Clock clock, LanguageIdentifier languages) {
        this.metadata = new MetadataExtractor(Objects.requireNonNull(clock, "clock"));
        this.content = new ContentExtractor();
        this.languages = Objects.requireNonNull(languages, "languages");
    }

    /** An extractor with the system clock and the language model from the classpath. */
    public static MainContentExtractor create() {
        return new MainContentExtractor(Clock.systemUTC(), LanguageIdentifier.fromClasspath());
    }

    /**
     * Extracts a page.
     *
     * @param html the page's HTML
     * @param pageUrl the URL the page was fetched from, against which relative links resolve
     */
    public ExtractedPage extract(String html, String pageUrl) {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(pageUrl, "pageUrl");
        Document doc = Jsoup.parse(html, pageUrl);
        PageMetadata meta = metadata.extract(doc);
        ArticleText article = content.extract(doc, meta.title(), meta.declaredBody());
        // The text says best what language it is in; without enough text, what the page declares beats a guess
        // from a title.
        String language = languages.identify(article.text(), meta.declaredLanguage())
                .or(() -> java.util.Optional.ofNullable(meta.declaredLanguage()))
                .or(() -> languages.identify(String.join(" ", nonNull(meta.title()), nonNull(meta.description()))))
                .orElse(null);
        return new ExtractedPage(
                nonNull(meta.title()),
                meta.authors(),
                meta.publishedAt(),
                meta.modifiedAt(),
                meta.canonicalUrl(),
                meta.siteName(),
                meta.description(),
                language,
                article.text(),
                article.headings());
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }
}
