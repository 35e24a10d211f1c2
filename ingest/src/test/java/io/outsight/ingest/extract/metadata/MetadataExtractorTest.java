package io.outsight.ingest.extract.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.outsight.ingest.extract.TestExtractors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class MetadataExtractorTest {

    private final MetadataExtractor extractor =
            new MetadataExtractor(Clock.fixed(TestExtractors.NOW, ZoneOffset.UTC));

    private PageMetadata extract(String html) {
        return extractor.extract(Jsoup.parse(html, "https://site.example.com/articles/1"));
    }

    private static String page(String head, String body) {
        return "<html><head>" + head + "</head><body>" + body + "</body></html>";
    }

    @Test
    void readsANewsPage() {
        PageMetadata meta = extract(TestExtractors.fixture("news-article.html"));
        assertEquals("Nearshore centres gain ground in Mexico", meta.title());
        assertEquals(List.of("Ana Torres", "Mark Hill"), meta.authors());
        assertEquals(Instant.parse("2024-03-05T15:30:00Z"), meta.publishedAt());
        assertEquals(Instant.parse("2024-03-06T08:00:00Z"), meta.modifiedAt());
        assertEquals("https://news.example.com/2024/03/nearshore-mexico", meta.canonicalUrl());
        assertEquals("The Sourcing Times", meta.siteName());
        assertEquals("Contact centre operators add seats in Guadalajara and Monterrey.", meta.description());
        assertEquals("en", meta.declaredLanguage());
    }

    @Test
    void trustsJsonLdOverOpenGraphOverMetaTagsOverTheVisiblePage() {
        String body = "<article><h1>Visible title</h1><time datetime='2020-04-04T00:00:00Z'>April 4</time></article>";
        String meta = "<meta name='twitter:title' content='Meta title'><meta name='date' content='2020-03-03'>";
        String og = "<meta property='og:title' content='OpenGraph title'>"
                + "<meta property='article:published_time' content='2020-02-02T00:00:00Z'>";
        String jsonLd = "<script type='application/ld+json'>{\"@type\":\"Article\",\"headline\":\"JSON-LD title\","
                + "\"datePublished\":\"2020-01-01T00:00:00Z\"}</script>";

        assertEquals("JSON-LD title", extract(page(jsonLd + og + meta, body)).title());
        assertEquals("OpenGraph title", extract(page(og + meta, body)).title());
        assertEquals("Meta title", extract(page(meta, body)).title());
        assertEquals("Visible title", extract(page("", body)).title());

        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), extract(page(jsonLd + og + meta, body)).publishedAt());
        assertEquals(Instant.parse("2020-02-02T00:00:00Z"), extract(page(og + meta, body)).publishedAt());
        assertEquals(Instant.parse("2020-03-03T00:00:00Z"), extract(page(meta, body)).publishedAt());
        assertEquals(Instant.parse("2020-04-04T00:00:00Z"), extract(page("", body)).publishedAt());
    }

    @Test
    void aFutureDateFallsThroughToTheNextSource() {
        String html = page("<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
                + "\"datePublished\":\"2099-01-01T00:00:00Z\"}</script>"
                + "<meta property='article:published_time' content='2024-06-01T10:00:00+02:00'>", "");
        assertEquals(Instant.parse("2024-06-01T08:00:00Z"), extract(html).publishedAt());
    }

    @Test
    void resolvesAuthorsAndPublisherThroughTheJsonLdGraph() {
        PageMetadata meta = extract(TestExtractors.fixture("script-rendered.html"));
        assertEquals(List.of("Kim Novak"), meta.authors());
        assertEquals("Sourcing Wire", meta.siteName());
        assertEquals(Instant.parse("2022-09-30T14:00:00Z"), meta.publishedAt());
        assertEquals("Vendor consolidation accelerates", meta.title());
        assertEquals(true, meta.declaredBody().startsWith("Large buyers of outsourcing services"));
    }

    @Test
    void readsMicrodataOfTheArticleNotOfNestedItems() {
        PageMetadata meta = extract(TestExtractors.fixture("german-microdata.html"));
        assertEquals("Outsourcing-Markt in Deutschland wächst weiter", meta.title());
        assertEquals(List.of("Jürgen Weiß"), meta.authors());
        assertEquals(Instant.parse("2023-11-02T07:15:00Z"), meta.publishedAt());
        // dateModified before datePublished cannot be right
        assertNull(meta.modifiedAt());
    }

    @Test
    void readsTheMicrodataOfTheMainArticleNotOfATeaser() {
        String body = "<div itemscope itemtype='https://schema.org/Article' class='teaser'>"
                + "<a itemprop='headline' href='/other'>Other story</a>"
                + "<meta itemprop='datePublished' content='2024-12-31T09:00:00Z'></div>"
                + "<div itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>Main story</h1>"
                + "<meta itemprop='datePublished' content='2024-05-01T09:00:00Z'>"
                + "<div itemprop='articleBody'><p>The main story has far more text than any teaser does.</p></div></div>";
        PageMetadata meta = extract(page("", body));
        assertEquals("Main story", meta.title());
        assertEquals(Instant.parse("2024-05-01T09:00:00Z"), meta.publishedAt());
    }

    @Test
    void ignoresDatesAndBylinesOfOtherStoriesOnThePage() {
        String body = "<div class='sidebar'><h3>Most read</h3><time datetime='2024-12-31T09:00:00Z'>Dec 31</time>"
                + "<span class='byline'>By Someone Else</span></div>"
                + "<article><h1>Main story</h1><p class='byline'>By Real Author</p>"
                + "<time datetime='2024-05-01T09:00:00Z'>May 1</time><p>Text.</p></article>"
                + "<section class='related-stories'><time datetime='2024-12-30T09:00:00Z'>Dec 30</time></section>";
        PageMetadata meta = extract(page("", body));
        assertEquals(Instant.parse("2024-05-01T09:00:00Z"), meta.publishedAt());
        assertEquals(List.of("Real Author"), meta.authors());
    }

    @Test
    void takesTheSiteNameOffTheTitleElement() {
        String head = "<title>Call centres hire again | Sourcing Daily</title>"
                + "<meta property='og:site_name' content='Sourcing Daily'>";
        assertEquals("Call centres hire again", extract(page(head, "")).title());
        assertEquals("Call centres hire again", extract(page("<title>Call centres hire again - SD</title>",
                "<h1>Call centres hire again</h1>")).title());
    }

    @Test
    void toleratesBrokenJsonLd() {
        String html = page("<script type='application/ld+json'>{\"@type\": \"Article\", broken</script>"
                + "<script type='application/ld+json'>// comment\n{'@type': 'Article', 'headline': 'Sloppy but fine',"
                + "}</script>", "");
        assertEquals("Sloppy but fine", extract(html).title());
    }

    @Test
    void unescapesEntitiesInStructuredData() {
        String html = page("<script type='application/ld+json'>{\"@type\":\"Article\","
                + "\"headline\":\"Tata &amp; Infosys: Q3 &#8217;24\"}</script>", "");
        assertEquals("Tata & Infosys: Q3 ’24", extract(html).title());
    }

    @Test
    void aPageWithoutMetadataHasNone() {
        PageMetadata meta = extract("<html><body><p>Just text.</p></body></html>");
        assertNull(meta.title());
        assertEquals(List.of(), meta.authors());
        assertNull(meta.publishedAt());
        assertNull(meta.modifiedAt());
        assertNull(meta.canonicalUrl());
        assertNull(meta.siteName());
        assertNull(meta.description());
        assertNull(meta.declaredLanguage());
        assertNull(meta.declaredBody());
    }
}
