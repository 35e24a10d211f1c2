package io.outsight.index;

import io.outsight.core.id.ArticleIds;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.index.dedup.Fingerprints;
import java.time.Instant;
import java.util.List;

/** Enriched articles for tests, with consistent ids, offsets and tags. */
public final class TestArticles {
    private TestArticles() {}

    /** An article about a country's outsourcing market, with one entity per tag and one market figure. */
    public static EnrichedArticle article(String url, String title, String type, String country, String segment,
            int year, double marketSize, Instant publishedAt, Instant enrichedAt) {
        String lead = "The " + country + " " + type + " market";
        String text = lead + " will reach USD " + marketSize + " by " + year + ", says Acme Research.\n\n"
                + "Providers such as Globex hired staff. Jane Doe of Globex expects more " + segment + " work.";
        String id = ArticleIds.of(url);
        var raw = new RawArticle(id, url, url, url, enrichedAt.minusSeconds(60), 200, "text/html", null, null, title,
                List.of("Jane Doe"), publishedAt, null, "Test Site", "About " + type + " in " + country, "en", text,
                List.of(title), ArticleIds.contentHash(text), "test");
        int typeStart = text.indexOf(type);
        int countryStart = text.indexOf(country);
        int orgStart = text.indexOf("Globex");
        int personStart = text.indexOf("Jane Doe");
        var entities = List.of(
                new Entity("outsourcing_type", type, type, typeStart, typeStart + type.length(), 0, 1.0, "dictionary"),
                new Entity("country", country, country, countryStart, countryStart + country.length(), 0, 1.0,
                        "dictionary"),
                new Entity("organization", "Globex", "Globex", orgStart, orgStart + 6, 1, 0.9, "model"),
                new Entity("person", "Jane Doe", "Jane Doe", personStart, personStart + 8, 2, 0.8, "model"));
        int figureStart = text.indexOf("USD");
        var figure = new MarketFigure("market_size", marketSize, "currency", "USD", year, null, null, null, segment,
                country, "Acme Research", text.substring(0, text.indexOf('.', figureStart + 8) + 1), figureStart,
                figureStart + 8);
        var tags = new Tags(List.of(type), List.of(country), List.of("APAC"), List.of("Globex", "Acme Research"),
                List.of("Jane Doe"), List.of("offshore"));
        return new EnrichedArticle(raw, enrichedAt, "test", tags, entities, List.of(figure), 0.9);
    }

    /** Article number {@code n} of a generated series, about 1.5 KB of JSON each. */
    public static EnrichedArticle numbered(int n, Instant enrichedAt) {
        String[] types = {"BPO", "KPO", "ITO"};
        String[] countries = {"IN", "PH", "PL"};
        var a = article("https://news.example/articles/" + n, "Outsourcing story " + n, types[n % 3],
                countries[n % 3], types[(n + 1) % 3], 2020 + n % 7, 1_000_000.0 * (n + 1),
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * (n % 300)), enrichedAt);
        String padding = " Analysts discussed delivery centres, pricing, attrition and automation at length.".repeat(12);
        var raw = a.article();
        var longer = new RawArticle(raw.id(), raw.url(), raw.finalUrl(), raw.canonicalUrl(), raw.fetchedAt(),
                raw.httpStatus(), raw.contentType(), raw.etag(), raw.lastModified(), raw.title(), raw.authors(),
                raw.publishedAt(), raw.modifiedAt(), raw.siteName(), raw.description(), raw.language(),
                raw.text() + padding, raw.headings(), raw.contentHash(), raw.source());
        return new EnrichedArticle(longer, a.enrichedAt(), a.enricherVersion(), a.tags(), a.entities(),
                a.marketFigures(), a.relevance());
    }

    /**
     * {@link #numbered Article number n} with a fingerprint shaped like enrich's (128 components, 32 bands of 4): a
     * story of its own, except every {@code copyEvery}-th article (none when {@code copyEvery} is 0), which is a
     * syndicated copy of the story of article {@code n / 2} with 6 of 128 components changed (estimated similarity
     * 0.95, above the clustering's threshold), so it lands in that story's cluster.
     */
    public static EnrichedArticle fingerprinted(int n, Instant enrichedAt, int copyEvery) {
        if (copyEvery < 0) {
            throw new IllegalArgumentException("copyEvery must be >= 0, was " + copyEvery);
        }
        var article = numbered(n, enrichedAt);
        return article.withFingerprint(isCopy(n, copyEvery) ? Fingerprints.copy(storyOf(n, copyEvery), 6, n)
                : Fingerprints.story(n));
    }

    /** Whether article {@code n} of a {@link #fingerprinted} series is a syndicated copy. */
    public static boolean isCopy(int n, int copyEvery) {
        return copyEvery > 0 && n > 0 && n % copyEvery == copyEvery - 1;
    }

    /** The story of article {@code n} of a {@link #fingerprinted} series (its own number unless it is a copy). */
    private static int storyOf(int n, int copyEvery) {
        int story = n;
        while (isCopy(story, copyEvery)) {
            story /= 2;
        }
        return story;
    }
}
