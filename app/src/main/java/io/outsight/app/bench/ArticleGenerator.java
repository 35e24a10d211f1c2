package io.outsight.app.bench;

import io.outsight.app.bench.GeneratedPage.Length;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Generates realistic article pages about the outsourcing industry for the benchmark: short news, features and long
 * reports with section headings, each stating market figures (sizes with a CAGR, crore and lakh, ranges, shares,
 * headcounts, revenue) about outsourcing types, countries and organisations, inside the boilerplate real sites wrap
 * around an article (navigation, cookie banner, share bar, related links, newsletter box, comments, footer).
 *
 * <p>Deterministic: the page of an index depends only on the seed and the index, so runs with the same seed serve the
 * same pages, and pages can be made in any order or in parallel. Immutable and thread-safe.
 *
 * <p>The vocabulary (countries, organisations, outsourcing types) is taken from the enrich taxonomy, so the pages
 * exercise the taggers the way real articles do; {@link ArticleTemplates} holds it, this class assembles pages.
 * Parts of the page markup follow the bundled demo pages ({@code io.outsight.app.demo}).
 */
public final class ArticleGenerator {
    /** The seed {@code outsight bench} uses unless told otherwise. */
    public static final long DEFAULT_SEED = 42;

    private final long seed;

    public ArticleGenerator(long seed) {
        this.seed = seed;
    }

    /** The pages 0 to {@code count - 1}. */
    public List<GeneratedPage> pages(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        var pages = new ArrayList<GeneratedPage>(count);
        for (int i = 0; i < count; i++) {
            pages.add(page(i));
        }
        return pages;
    }

    /** The page of an index: the same for the same seed and index. */
    public GeneratedPage page(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        // One independent, reproducible stream per page (SplittableRandom mixes seed and index well).
        var random = new Random(new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L))).nextLong());
        return new PageBuilder(index, random).build();
    }

    /** Assembles one page from one random stream. Not thread-safe; used once. */
    private static final class PageBuilder {
        private final int index;
        private final Random random;
        private final ArticleTemplates.Site site;
        private final ArticleTemplates.Place place;
        private final ArticleTemplates.Kind kind;
        private final Length length;
        private final LocalDate published;

        PageBuilder(int index, Random random) {
            this.index = index;
            this.random = random;
            this.site = pick(ArticleTemplates.SITES);
            this.place = pick(ArticleTemplates.PLACES);
            this.kind = pick(ArticleTemplates.KINDS);
            int roll = random.nextInt(100);
            this.length = roll < 55 ? Length.NEWS : roll < 85 ? Length.FEATURE : Length.REPORT;
            this.published = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(3 * 365));
        }

        GeneratedPage build() {
            var figures = new ArrayList<PlantedFigure>();
            var paragraphs = new ArrayList<String>();
            var headings = new ArrayList<Integer>(); // paragraph positions that are section headings
            int figureCount = switch (length) {
                case NEWS -> 1 + random.nextInt(2);
                case FEATURE -> 2 + random.nextInt(2);
                case REPORT -> 4 + random.nextInt(3);
            };
            int paragraphCount = switch (length) {
                case NEWS -> 3 + random.nextInt(4);
                case FEATURE -> 8 + random.nextInt(9);
                case REPORT -> 25 + random.nextInt(26);
            };
            // The lead paragraph states the first figure, as news does; the others are spread over the text.
            var leadFigure = figureSentence(figures);
            paragraphs.add(leadFigure + " " + filler(2));
            var figurePositions = new java.util.TreeSet<Integer>();
            while (figurePositions.size() < figureCount - 1 && figurePositions.size() < paragraphCount - 1) {
                figurePositions.add(1 + random.nextInt(paragraphCount - 1));
            }
            int section = 0;
            for (int p = 1; p < paragraphCount; p++) {
                if (length == Length.REPORT && p % 6 == 1 && section < ArticleTemplates.SECTIONS.size()) {
                    headings.add(paragraphs.size());
                    paragraphs.add(ArticleTemplates.SECTIONS.get(section++));
                }
                int sentences = 2 + random.nextInt(length == Length.NEWS ? 2 : 4);
                String text = figurePositions.contains(p) ? figureSentence(figures) + " " + filler(sentences - 1)
                        : filler(sentences);
                paragraphs.add(text);
            }
            String title = title(figures.getFirst());
            String slug = slug(title) + "-" + index;
            String path = site.slug() + "/" + published.getYear() + "/" + slug + ".html";
            String html = new PageMarkup(random, site, place).render(title, slug, published, author(), paragraphs,
                    headings, length == Length.REPORT && random.nextBoolean());
            var textParagraphs = new ArrayList<String>(paragraphs);
            return new GeneratedPage(index, path, title, length, html, textParagraphs, figures);
        }

        /** One sentence stating a market figure; the figure is added to {@code figures}. */
        private String figureSentence(List<PlantedFigure> figures) {
            int year = 2025 + random.nextInt(8);
            String research = pick(ArticleTemplates.RESEARCH);
            String provider = pick(ArticleTemplates.PROVIDERS);
            String country = place.country();
            int variant = random.nextInt(place.inr() ? 9 : 7);
            switch (variant) {
                case 0 -> {
                    String v = decimal(5 + random.nextInt(400), random.nextInt(10));
                    String r = decimal(3 + random.nextInt(12), random.nextInt(10));
                    figures.add(new PlantedFigure("USD " + v + " billion", "market_size", Double.parseDouble(v) * 1e9));
                    return country + "'s " + kind.longName() + " market is expected to reach USD " + v + " billion by "
                            + year + " at a " + r + "% CAGR, according to a study by " + research + ".";
                }
                case 1 -> {
                    int a = 2 + random.nextInt(30);
                    int b = a + 1 + random.nextInt(5);
                    figures.add(new PlantedFigure("$" + a + "-" + b + " billion", "market_size", a * 1e9));
                    return country + "'s " + pick(ArticleTemplates.MODELS) + " " + kind.longName() + " market is worth $"
                            + a + "-" + b + " billion, " + research + " estimates.";
                }
                case 2 -> {
                    String v = decimal(1 + random.nextInt(60), random.nextInt(10));
                    figures.add(new PlantedFigure("US$ " + v + " billion", "revenue", Double.parseDouble(v) * 1e9));
                    return provider + " earned revenue of US$ " + v + " billion in " + (year - 5)
                            + ", helped by " + kind.longName() + " contracts in " + country + ".";
                }
                case 3 -> {
                    int share = 5 + random.nextInt(60);
                    figures.add(new PlantedFigure(share + "%", "market_share", share));
                    return country + " holds a " + share + "% share of the global offshore " + kind.shortName()
                            + " market.";
                }
                case 4 -> {
                    String v = decimal(1 + random.nextInt(3), random.nextInt(10));
                    figures.add(new PlantedFigure(v + " million people", "headcount", Double.parseDouble(v) * 1e6));
                    return "The " + kind.shortName() + " industry in " + country + " employs " + v
                            + " million people, most of them in " + pick(place.cities()) + ".";
                }
                case 5 -> {
                    int growth = 4 + random.nextInt(25);
                    figures.add(new PlantedFigure(growth + "%", "growth_rate", growth));
                    return "The " + kind.shortName() + " market in " + country + " grew " + growth
                            + "% year-on-year in " + (year - 7) + "–" + String.format(Locale.ROOT, "%02d", (year - 6) % 100)
                            + ".";
                }
                case 6 -> {
                    int from = 20 + random.nextInt(200);
                    int to = from + 10 + random.nextInt(100);
                    figures.add(new PlantedFigure("$" + from + " billion", "market_size", from * 1e9));
                    figures.add(new PlantedFigure("$" + to + " billion", "market_size", to * 1e9));
                    return "The global " + kind.longName() + " market grew from $" + from + " billion in 2020 to $" + to
                            + " billion by " + year + ".";
                }
                case 7 -> {
                    int crore = 1000 + random.nextInt(90) * 500;
                    String text = "Rs " + String.format(Locale.ROOT, "%,d", crore) + " crore";
                    figures.add(new PlantedFigure(text, "exports", crore * 1e7));
                    return "India's IT-BPM exports reached " + text + " in FY" + String.format(Locale.ROOT, "%02d",
                            (year - 8) % 100) + ", " + pick(List.of("NASSCOM", "ICRA", "CRISIL")) + " said.";
                }
                default -> {
                    String lakh = decimal(1 + random.nextInt(9), 5 * random.nextInt(2));
                    figures.add(new PlantedFigure(lakh + " lakh people", "headcount", Double.parseDouble(lakh) * 1e5));
                    return "The " + kind.shortName() + " sector in " + pick(place.cities()) + " now employs " + lakh
                            + " lakh people, up from a year ago.";
                }
            }
        }

        /** Sentences without figures: providers, clients, cities, sourcing models, skills. */
        private String filler(int sentences) {
            var out = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                String template = pick(ArticleTemplates.FILLER);
                out.append(i == 0 ? "" : " ").append(template
                        .replace("{provider}", pick(ArticleTemplates.PROVIDERS))
                        .replace("{research}", pick(ArticleTemplates.RESEARCH))
                        .replace("{country}", place.country())
                        .replace("{city}", pick(place.cities()))
                        .replace("{client}", pick(ArticleTemplates.CLIENT_COUNTRIES))
                        .replace("{type}", kind.longName())
                        .replace("{short}", kind.shortName())
                        .replace("{model}", pick(ArticleTemplates.MODELS))
                        .replace("{person}", pick(ArticleTemplates.PEOPLE))
                        .replace("{n}", String.valueOf(2 + random.nextInt(40))));
            }
            return out.toString();
        }

        private String title(PlantedFigure first) {
            return switch (random.nextInt(4)) {
                case 0 -> place.country() + " " + kind.shortName() + " market: " + first.text() + " in sight";
                case 1 -> pick(ArticleTemplates.PROVIDERS) + " bets on " + pick(place.cities()) + " as "
                        + kind.shortName() + " demand grows";
                case 2 -> "Why " + pick(ArticleTemplates.CLIENT_COUNTRIES) + " buyers move " + kind.shortName()
                        + " work to " + place.country();
                default -> pick(ArticleTemplates.RESEARCH) + ": " + place.country() + "'s " + kind.shortName()
                        + " sector keeps growing";
            };
        }

        private String author() {
            return pick(ArticleTemplates.AUTHORS);
        }

        private String decimal(int whole, int tenth) {
            return whole + "." + tenth;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** A URL path segment from a title: lower-case ASCII words joined by hyphens. */
    static String slug(String title) {
        String ascii = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60).replaceAll("-$", "") : slug;
    }
}
