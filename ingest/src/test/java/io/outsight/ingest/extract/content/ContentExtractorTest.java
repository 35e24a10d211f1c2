package io.outsight.ingest.extract.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.ingest.extract.TestExtractors;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentExtractorTest {

    private final ContentExtractor extractor = new ContentExtractor();

    private ArticleText extract(String html, String title) {
        return extractor.extract(Jsoup.parse(html, "https://news.example.com/a"), title);
    }

    /** Five paragraphs of plain prose, enough for the first (strict) pass to be content with its result. */
    private static String prose(String topic) {
        var sb = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            sb.append("<p>Paragraph ").append(i).append(" about ").append(topic)
                    .append(" explains, in some detail, what the survey found and why buyers care about it now.</p>");
        }
        return sb.toString();
    }

    @Test
    void keepsTheArticleOfANewsPageAndDropsItsBoilerplate() {
        ArticleText text = extract(TestExtractors.fixture("news-article.html"),
                "Nearshore centres gain ground in Mexico");
        assertEquals(TestExtractors.fixture("news-article.txt").strip(), text.text());
        assertEquals(List.of("Why Mexico, why now"), text.headings());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "We use cookies", "Markets", "Share on X", "Advertisement", "Photo: Example Agency", "Read more",
        "Get our daily briefing", "Related articles", "India's IT services", "Great article", "Most popular",
        "All rights reserved", "By Ana Torres", "Operators are adding thousands"})
    void newsPageTextHasNoneOfTheBoilerplate(String boilerplate) {
        ArticleText text = extract(TestExtractors.fixture("news-article.html"), null);
        assertFalse(text.text().contains(boilerplate), () -> "found \"" + boilerplate + "\" in:\n" + text.text());
    }

    @Test
    void readsALayoutTablePageWithLineBreakParagraphsAndADataTable() {
        ArticleText text = extract(TestExtractors.fixture("table-layout.html"), "Offshoring rates 2023");
        assertEquals(TestExtractors.fixture("table-layout.txt").strip(), text.text());
    }

    @Test
    void separatesParagraphsByOneBlankLine() {
        ArticleText text = extract("<html><body><article>" + prose("outsourcing") + "</article></body></html>", null);
        List<String> paragraphs = List.of(text.text().split("\n\n"));
        assertEquals(5, paragraphs.size());
        assertTrue(paragraphs.getFirst().startsWith("Paragraph 1 about outsourcing explains"));
        assertFalse(text.text().contains("\n\n\n"));
    }

    @Test
    void gathersContentSplitAcrossSiblingContainers() {
        String html = "<html><body><div class='nav'><a href='/'>Home</a></div><div id='page'>"
                + "<div class='chunk'>" + prose("first half") + "</div>"
                + "<div class='ad'><a href='https://ads.example/'>Buy now</a></div>"
                + "<div class='chunk'>" + prose("second half") + "</div>"
                + "</div><div class='footer'><a href='/about'>About us</a> <a href='/jobs'>Jobs</a></div></body></html>";
        String text = extract(html, null).text();
        assertTrue(text.contains("Paragraph 5 about first half"), text);
        assertTrue(text.contains("Paragraph 1 about second half"), text);
        assertFalse(text.contains("Buy now"), text);
        assertFalse(text.contains("About us"), text);
    }

    @Test
    void dropsTheHeadingThatRepeatsTheTitleButKeepsSubheadings() {
        String html = "<html><body><article><h1>Vendors merge in Manila</h1>" + prose("the merger")
                + "<h2>What changes for clients</h2>" + prose("clients") + "</article></body></html>";
        ArticleText text = extract(html, "Vendors merge in Manila");
        assertFalse(text.text().contains("Vendors merge in Manila"), text.text());
        assertEquals(List.of("What changes for clients"), text.headings());
    }

    @Test
    void dropsLinkTeasersButKeepsSentencesWithLinks() {
        String html = "<html><body><article>" + prose("rates")
                + "<p>READ MORE: <a href='/x'>Why wages in Kraków keep rising this year</a></p>"
                + "<p>The figures come from <a href='/report'>the annual report of the industry association</a>.</p>"
                + "<p><a href='/y'>Poland overtakes India in our vendor ranking</a></p>"
                + "<p>Sources: <a href='https://www.example.org/data'>https://www.example.org/data</a></p>"
                + "</article></body></html>";
        String text = extract(html, null).text();
        assertFalse(text.contains("READ MORE"), text);
        assertFalse(text.contains("Poland overtakes India"), text);
        assertTrue(text.contains("The figures come from the annual report of the industry association."), text);
        assertTrue(text.contains("https://www.example.org/data"), text);
    }

    @Test
    void dropsCaptionsThatAreNotMarkedUpAsSuch() {
        String html = "<html><body><article>" + prose("captions")
                + "<div class='img'><img src='/a.jpg' width='800' height='500'><br><span>Agents at work in Cebu</span></div>"
                + "<p><img src='/b.jpg'></p><p><em>The new office in Davao</em></p>"
                + "<p>After the pictures, the article goes on with more text about the market and its growth.</p>"
                + "</article></body></html>";
        String text = extract(html, null).text();
        assertFalse(text.contains("Agents at work in Cebu"), text);
        assertFalse(text.contains("The new office in Davao"), text);
        assertTrue(text.contains("After the pictures"), text);
    }

    @Test
    void keepsListsAndHeadingsInsideTheArticleAsText() {
        String html = "<html><body><article>" + prose("lists") + "<h3>Top destinations</h3>"
                + "<ol><li>India, with the largest pool of engineers</li><li>Philippines, for voice work</li>"
                + "<li>Poland, for nearshore IT in Europe</li></ol>" + prose("more") + "</article></body></html>";
        ArticleText text = extract(html, null);
        assertTrue(text.text().contains(
                "Top destinations\n\nIndia, with the largest pool of engineers\n\nPhilippines, for voice work\n\n"
                        + "Poland, for nearshore IT in Europe"), text.text());
        assertEquals(List.of("Top destinations"), text.headings());
    }

    @Test
    void keepsATableThatAnEditorWrappedInAFigure() {
        String html = "<html><body><article>" + prose("tables")
                + "<figure class='wp-block-table'><table><thead><tr><th>Vendor</th><th>Seats</th></tr></thead>"
                + "<tbody><tr><td>Acme</td><td>1,200</td></tr></tbody></table><figcaption>Table 1</figcaption></figure>"
                + "<figure><img src='/c.jpg'><figcaption>A photo of the office</figcaption></figure>"
                + "</article></body></html>";
        String text = extract(html, null).text();
        assertTrue(text.contains("Vendor\tSeats\nAcme\t1,200"), text);
        assertFalse(text.contains("A photo of the office"), text);
    }

    @Test
    void keepsPreformattedTextAsIs() {
        String html = "<html><body><article>" + prose("code")
                + "<pre>SELECT vendor,\n       rate\n  FROM bids;</pre></article></body></html>";
        assertTrue(extract(html, null).text().contains("SELECT vendor,\n       rate\n  FROM bids;"));
    }

    @Test
    void fallsBackOnTheDeclaredBodyOfAPageRenderedByScripts() {
        Document doc = Jsoup.parse(TestExtractors.fixture("script-rendered.html"), "https://app.example.com/p/1");
        String declared = "Large buyers of outsourcing services are cutting the number of vendors they work with. "
                + "Of the 300 companies asked, 62% said they had reduced their supplier list over the past two years."
                + "\n\nSmaller providers are responding by specialising in niches such as cloud migration.";
        ArticleText text = extractor.extract(doc, "Vendor consolidation accelerates", declared);
        assertEquals(2, text.text().split("\n\n").length);
        assertTrue(text.text().startsWith("Large buyers"), text.text());
    }

    @Test
    void prefersThePageTextToAShortDeclaredSummary() {
        Document doc = Jsoup.parse("<html><body><article>" + prose("summaries") + "</article></body></html>");
        ArticleText text = extractor.extract(doc, null, "A summary that is far too short to be the whole article.");
        assertTrue(text.text().startsWith("Paragraph 1 about summaries"), text.text());
    }

    @Test
    void readsTextThatThePageHidesUntilAScriptShowsIt() {
        String html = "<html><body><div class='menu'><a href='/'>Home</a></div>"
                + "<div id='story' style='display: none'>" + prose("hidden text") + "</div></body></html>";
        assertTrue(extract(html, null).text().startsWith("Paragraph 1 about hidden text"));
    }

    @Test
    void keepsHiddenBlocksOutOfAVisibleArticle() {
        String html = "<html><body><article>" + prose("visible text")
                + "<div hidden><p>A hidden survey form asking readers to rate this article, stars one to five.</p></div>"
                + "</article></body></html>";
        String text = extract(html, null).text();
        assertTrue(text.contains("Paragraph 5 about visible text"), text);
        assertFalse(text.contains("hidden survey"), text);
    }

    @Test
    void dropsBylinesAndTimeStampsInAnyLanguage() {
        String html = "<html><body><article><p>By Maria Lopez</p><p>Updated: March 3, 2024 10:15 ET</p>"
                + "<p>sexta-feira, 22 de outubro de 2010 às 20:13</p>" + prose("stamps")
                + "<p>By 2030, the market will double, analysts say.</p></article></body></html>";
        String text = extract(html, null).text();
        assertFalse(text.contains("Maria Lopez"), text);
        assertFalse(text.contains("Updated"), text);
        assertFalse(text.contains("outubro"), text);
        assertTrue(text.contains("By 2030, the market will double, analysts say."), text);
    }

    @Test
    void anEmptyPageHasNoText() {
        assertEquals(ArticleText.EMPTY, extract("<html><body></body></html>", null));
        assertEquals("", extract("", null).text());
    }

    @Test
    void doesNotModifyTheDocumentItIsGiven() {
        Document doc = Jsoup.parse(TestExtractors.fixture("news-article.html"));
        String before = doc.outerHtml();
        extractor.extract(doc, null);
        assertEquals(before, doc.outerHtml());
    }
}
