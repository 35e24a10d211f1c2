package io.outsight.app.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Renders one generated article as a whole HTML page: head metadata (title, description, author, dates, canonical
 * link, sometimes JSON-LD), then the boilerplate a news site puts around an article, in an order and markup that vary
 * by site and page. Not thread-safe (it draws from the page's random stream); used once per page.
 */
final class PageMarkup {
    private final Random random;
    private final ArticleTemplates.Site site;
    private final ArticleTemplates.Place place;
    private final StringBuilder html = new StringBuilder(16 * 1024);

    PageMarkup(Random random, ArticleTemplates.Site site, ArticleTemplates.Place place) {
        this.random = random;
        this.site = site;
        this.place = place;
    }

    /**
     * @param headings positions in {@code paragraphs} that are section headings
     * @param table whether to add a data table after the third paragraph (reports)
     */
    String render(String title, String slug, LocalDate published, String author, List<String> paragraphs,
            List<Integer> headings, boolean table) {
        Set<Integer> headingSet = Set.copyOf(headings);
        String description = paragraphs.getFirst();
        if (description.length() > 160) {
            description = description.substring(0, description.lastIndexOf(' ', 157)) + " …";
        }
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(title)).append(" | ").append(escape(site.name())).append("</title>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"description\" content=\"").append(escape(description)).append("\">\n")
                .append("<meta property=\"og:site_name\" content=\"").append(escape(site.name())).append("\">\n")
                .append("<meta property=\"og:title\" content=\"").append(escape(title)).append("\">\n")
                .append("<meta name=\"author\" content=\"").append(escape(author)).append("\">\n")
                .append("<meta property=\"article:published_time\" content=\"").append(published)
                .append("T0").append(random.nextInt(10)).append(":30:00Z\">\n")
                .append("<link rel=\"canonical\" href=\"").append(slug).append(".html\">\n")
                .append("<link rel=\"stylesheet\" href=\"/static/site.css\">\n");
        if (site.jsonLd()) {
            html.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",")
                    .append("\"headline\":\"").append(json(title)).append("\",\"datePublished\":\"").append(published)
                    .append("\",\"author\":{\"@type\":\"Person\",\"name\":\"").append(json(author)).append("\"},")
                    .append("\"publisher\":{\"@type\":\"Organization\",\"name\":\"").append(json(site.name()))
                    .append("\"}}</script>\n");
        }
        html.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>\n")
                .append("</head>\n<body class=\"article-page\">\n");
        header();
        if (random.nextInt(3) > 0) {
            cookieBanner();
        }
        html.append("<div class=\"breadcrumbs\"><a href=\"/\">Home</a> › <a href=\"/markets\">Markets</a> › ")
                .append(escape(place.country())).append("</div>\n");
        html.append(site.articleOpen()).append('\n')
                .append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"byline\">By ").append(escape(author)).append(" · <time datetime=\"")
                .append(published).append("\">").append(published).append("</time></p>\n");
        if (random.nextBoolean()) {
            shareBar();
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            if (headingSet.contains(i)) {
                html.append("<h2>").append(escape(paragraphs.get(i))).append("</h2>\n");
            } else {
                html.append("<p>").append(escape(paragraphs.get(i))).append("</p>\n");
            }
            if (i == 2 && random.nextInt(4) == 0) {
                html.append("<div class=\"ad-slot\" data-ad=\"inline\">Advertisement</div>\n");
            }
            if (i == 3 && table) {
                dataTable();
            }
        }
        if (random.nextBoolean()) {
            html.append("<p class=\"tags\">Tags: <a href=\"/tag/outsourcing\">outsourcing</a>, <a href=\"/tag/")
                    .append(ArticleGenerator.slug(place.country())).append("\">").append(escape(place.country()))
                    .append("</a></p>\n");
        }
        html.append(site.articleClose()).append('\n');
        related();
        if (random.nextBoolean()) {
            newsletter();
        }
        if (site.comments()) {
            comments();
        }
        mostRead();
        footer();
        html.append("<script src=\"/static/analytics.js\" async></script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header() {
        html.append("<header class=\"site-header\"><a class=\"logo\" href=\"/\">").append(escape(site.name()))
                .append("</a>\n<nav class=\"main-nav\"><ul>");
        for (String item : List.of("News", "Markets", "Vendors", "Analysis", "Events", "Jobs", "Subscribe")) {
            html.append("<li><a href=\"/").append(item.toLowerCase(java.util.Locale.ROOT)).append("\">").append(item)
                    .append("</a></li>");
        }
        html.append("</ul></nav>\n<form class=\"search\" action=\"/search\"><input name=\"q\" placeholder=\"Search\">")
                .append("<button>Go</button></form></header>\n");
    }

    private void cookieBanner() {
        html.append("<div class=\"cookie-banner\" id=\"gdpr-consent\">We use cookies to personalise content and ads and ")
                .append("to analyse our traffic. By continuing to browse you agree to our use of cookies. ")
                .append("<a href=\"/privacy\">Privacy policy</a> <button>Accept all</button> <button>Manage</button></div>\n");
    }

    private void shareBar() {
        html.append("<div class=\"share\">Share: <a href=\"#\">LinkedIn</a> <a href=\"#\">X</a> ")
                .append("<a href=\"#\">Email</a> <a href=\"#\">Print</a></div>\n");
    }

    private void dataTable() {
        html.append("<table class=\"data\"><caption>Delivery locations compared</caption>\n")
                .append("<tr><th>City</th><th>Seats</th><th>Attrition</th></tr>\n");
        for (String city : place.cities()) {
            html.append("<tr><td>").append(escape(city)).append("</td><td>")
                    .append(String.format(java.util.Locale.ROOT, "%,d", 1000 + random.nextInt(40) * 500))
                    .append("</td><td>").append(8 + random.nextInt(30)).append("%</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void related() {
        html.append("<aside class=\"related\"><h3>Related</h3><ul>");
        for (int i = 0; i < 3 + random.nextInt(4); i++) {
            html.append("<li><a href=\"/related/").append(i).append("\">")
                    .append(escape(pick(ArticleTemplates.LINK_TITLES))).append("</a></li>");
        }
        html.append("</ul></aside>\n");
    }

    private void newsletter() {
        html.append("<div class=\"newsletter\"><h3>Get the outsourcing briefing</h3><p>The week's deals, market ")
                .append("figures and vendor news, every Friday.</p><form><input type=\"email\" placeholder=\"Email\">")
                .append("<button>Sign up</button></form></div>\n");
    }

    private void comments() {
        int count = random.nextInt(9);
        html.append("<section id=\"comments\" class=\"comments\"><h3>").append(count).append(" comments</h3>\n");
        for (int i = 0; i < count; i++) {
            html.append("<div class=\"comment\"><span class=\"comment-author\">")
                    .append(escape(pick(List.of("jdoe", "ops_lead", "Ravi K.", "Mia", "analyst42", "M. Reyes"))))
                    .append("</span> <span class=\"comment-date\">").append(1 + random.nextInt(23))
                    .append(" hours ago</span><p>").append(escape(pick(ArticleTemplates.COMMENTS)))
                    .append("</p><a class=\"reply\" href=\"#\">Reply</a></div>\n");
        }
        html.append("<form class=\"comment-form\"><textarea placeholder=\"Join the discussion\"></textarea>")
                .append("<button>Post</button></form></section>\n");
    }

    private void mostRead() {
        html.append("<aside class=\"most-read\"><h3>Most read</h3><ol>");
        for (int i = 0; i < 5; i++) {
            html.append("<li><a href=\"/top/").append(i).append("\">").append(escape(pick(ArticleTemplates.LINK_TITLES)))
                    .append("</a></li>");
        }
        html.append("</ol></aside>\n");
    }

    private void footer() {
        html.append("<footer class=\"site-footer\"><ul><li><a href=\"/about\">About us</a></li>")
                .append("<li><a href=\"/contact\">Contact</a></li><li><a href=\"/advertise\">Advertise</a></li>")
                .append("<li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li></ul>")
                .append("<p>&copy; 2026 ").append(escape(site.name()))
                .append(". All rights reserved. Generated for the Outsight benchmark.</p></footer>\n");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
