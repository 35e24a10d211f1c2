package io.outsight.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.outsight.app.pipeline.Connection;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.ArticleSearch;
import io.outsight.index.search.Facet;
import io.outsight.index.search.FacetBucket;
import io.outsight.index.search.SearchResults;
import io.outsight.index.search.StoredArticle;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight search QUERY [filters] [--facet F] [--json]} and {@code outsight search --id ID}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the indexed articles: free text over title and text, narrowed by tags, dates and "
                + "market figures, with facets. List options take several values, repeated or comma-separated; "
                + "an article matches any value of an option and every option given.",
        footer = {"", "Facets: " + "types, countries, regions, organizations, people, sourcing-models, published, "
                + "figure-kinds, market-size, or all.", "", "Examples:", "  outsight search kpo",
                "  outsight search \"contact centre\" --type BPO --country PH,IN --since 2025-01-01",
                "  outsight search --figure market_size --segment BPO --year 2024..2026 --facet market-size",
                "  outsight search --type KPO --json | jq .title",
                "  outsight search --facet all -n 0", "  outsight search --id 3f1c…"})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words to search for; none matches every article.")
    List<String> words = new ArrayList<>();

    @Option(names = {"-t", "--type"}, paramLabel = "CODE", split = ",",
            description = "Outsourcing type (BPO, KPO, ITO, …).")
    List<String> types = new ArrayList<>();

    @Option(names = {"-c", "--country"}, paramLabel = "ISO", split = ",",
            description = "Country, ISO 3166-1 alpha-2 (IN, PH, …).")
    List<String> countries = new ArrayList<>();

    @Option(names = "--region", paramLabel = "CODE", split = ",", description = "Region (APAC, EMEA, LATAM, …).")
    List<String> regions = new ArrayList<>();

    @Option(names = {"--org", "--organization"}, paramLabel = "NAME", split = ",",
            description = "Organisation named in the article.")
    List<String> organizations = new ArrayList<>();

    @Option(names = "--person", paramLabel = "NAME", split = ",", description = "Person named in the article.")
    List<String> people = new ArrayList<>();

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Published on or after this day.")
    @Nullable String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Published on or before this day.")
    @Nullable String until;

    @Option(names = "--figure", paramLabel = "KIND", split = ",",
            description = "States a market figure of this kind (market_size, growth_rate, market_share, revenue, "
                    + "headcount, …).")
    List<String> figureKinds = new ArrayList<>();

    @Option(names = "--segment", paramLabel = "CODE", split = ",",
            description = "States a market figure about this segment (an outsourcing type).")
    List<String> segments = new ArrayList<>();

    @Option(names = "--year", paramLabel = "YEAR[..YEAR]",
            description = "States a market figure for this year or range (2026, 2024..2026, 2024.., ..2025). "
                    + "--figure, --segment and --year must hold for the same figure.")
    @Nullable String year;

    @Option(names = {"-f", "--facet"}, paramLabel = "NAME", split = ",",
            description = "Also count matches per value of this facet (see below); 'all' for every facet.")
    List<String> facetNames = new ArrayList<>();

    @Option(names = {"-n", "--size"}, defaultValue = "10", description = "How many hits to print (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many hits (paging).")
    int offset;

    @Option(names = "--unique", description = "Count stories, not copies: keep one article per cluster of "
            + "syndicated copies (the canonical one), for hits, totals and facets.")
    boolean unique;

    @Option(names = "--id", paramLabel = "ARTICLE_ID",
            description = "Show one article with its entities and their offsets, instead of searching.")
    @Nullable String id;

    @Option(names = "--json", description = "Print JSON: one indexed document per line; with --facet, one object "
            + "{total, hits, facets} instead; with --id, the stored document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        ArticleQuery query = searchQuery();
        var err = spec.commandLine().getErr();
        Consumer<String> progress = message -> {
            err.println("outsight: no local stack runs; " + message + " ('outsight stack up' keeps one running)");
            err.flush();
        };
        int exit = ExitCodes.OK;
        try (var connection = Connection.open(config, Connection.WhenNoStack.START_IF_DATA_EXISTS, progress);
                var es = ElasticsearchClients.create(connection.endpoints().elasticsearchUrl(), config)) {
            var search = new ArticleSearch(es, config.get(ConfigKeys.INDEX_ALIAS));
            if (query == null) {
                var article = search.article(id);
                if (article.isEmpty()) {
                    err.println("outsight: no article with id " + id);
                    err.flush();
                    exit = ExitCodes.FAILURE;
                } else if (json) {
                    out.println(article.get().document());
                } else {
                    printArticle(out, article.get());
                }
            } else {
                SearchResults results = search.search(query);
                if (json && query.facets().isEmpty()) {
                    results.hits().forEach(hit -> out.println(hit.document()));
                } else if (json) {
                    out.println(results.toJson());
                } else {
                    printText(out, query, results);
                }
            }
        }
        out.flush();
        return exit;
    }

    /** The search to run, or null when {@code --id} asks for one stored article instead. */
    @Nullable ArticleQuery searchQuery() {
        return id == null ? query() : null;
    }

    ArticleQuery query() {
        var builder = ArticleQuery.builder().text(String.join(" ", words)).outsourcingTypes(types)
                .countries(countries).regions(regions).organizations(organizations).people(people)
                .published(day(since, "--since"), day(until, "--until")).figureKinds(figureKinds)
                .figureSegments(segments).facets(facets()).from(offset).size(size).unique(unique);
        if (year != null) {
            int[] range = years(year);
            builder.figureYears(range[0] == Integer.MIN_VALUE ? null : range[0],
                    range[1] == Integer.MAX_VALUE ? null : range[1]);
        }
        return builder.build();
    }

    private Set<Facet> facets() {
        var facets = EnumSet.noneOf(Facet.class);
        for (String name : facetNames) {
            if (name.strip().equalsIgnoreCase("all")) {
                facets.addAll(Arrays.asList(Facet.values()));
                continue;
            }
            facets.add(Facet.fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown facet '"
                    + name + "'; known: " + String.join(", ", Arrays.stream(Facet.values()).map(Facet::wireName)
                    .toList()) + ", all")));
        }
        return facets;
    }

    private static @Nullable LocalDate day(@Nullable String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " expects a day as YYYY-MM-DD, got '" + text + "'");
        }
    }

    /** {@code 2026}, {@code 2024..2026}, {@code 2024..}, {@code ..2025}; open ends are MIN/MAX_VALUE. */
    static int[] years(String text) {
        String t = text.strip();
        try {
            if (!t.contains("..")) {
                int y = Integer.parseInt(t);
                return new int[] {y, y};
            }
            String[] parts = t.split("\\.\\.", -1);
            if (parts.length != 2 || parts[0].isBlank() && parts[1].isBlank()) {
                throw new NumberFormatException(t);
            }
            int from = parts[0].isBlank() ? Integer.MIN_VALUE : Integer.parseInt(parts[0].strip());
            int to = parts[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(parts[1].strip());
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--year expects YEAR or YEAR..YEAR (either end may be left out), got '"
                    + text + "'");
        }
    }

    private static void printText(PrintWriter out, ArticleQuery query, SearchResults results) {
        out.printf("%d article(s) match%s%n", results.total(),
                query.text().isBlank() ? "" : " \"" + query.text() + "\"");
        int rank = query.from() + 1;
        for (var hit : results.hits()) {
            var tags = hit.document().path("tags");
            out.printf("%n%2d. %s%n    %s%n    id: %s   published: %s%n    types: %s   countries: %s%n", rank++,
                    hit.title(), hit.url(), hit.id(), hit.document().path("published_at").asText("-"),
                    join(tags.path("outsourcing_types")), join(tags.path("countries")));
            for (String fragment : hit.highlights()) {
                out.println("    … " + fragment.replace("<em>", "[").replace("</em>", "]").replace('\n', ' ') + " …");
            }
        }
        results.facets().forEach((facet, buckets) -> {
            out.printf("%n%s:%n", facet.wireName());
            if (buckets.isEmpty()) {
                out.println("  (none)");
            }
            for (FacetBucket bucket : buckets) {
                out.printf("  %-28s %6d%n", bucket.key(), bucket.count());
                for (FacetBucket child : bucket.children()) {
                    var s = child.stats();
                    out.printf("    %-26s %6d%s%n", child.key(), child.count(), s == null ? ""
                            : String.format(Locale.ROOT, "   min %.4g  max %.4g  avg %.4g", s.min(), s.max(), s.avg()));
                }
            }
        });
    }

    private static void printArticle(PrintWriter out, StoredArticle stored) {
        var article = stored.article();
        var raw = article.article();
        out.printf("%s%n%s%nid: %s   version: %d   published: %s   enriched: %s (%s)%n", raw.title() == null ? "(no title)"
                : raw.title(), raw.url(), stored.id(), stored.version(), raw.publishedAt() == null ? "-"
                : raw.publishedAt(), article.enrichedAt(), article.enricherVersion());
        var tags = article.tags();
        out.printf("types: %s   countries: %s   regions: %s%norganizations: %s%npeople: %s%n",
                list(tags.outsourcingTypes()), list(tags.countries()), list(tags.regions()),
                list(tags.organizations()), list(tags.people()));
        out.printf("%nentities (%d):%n", article.entities().size());
        for (var e : article.entities()) {
            out.printf("  %-18s [%d, %d)  %s%s%n", e.type(), e.start(), e.end(), e.text(),
                    e.canonical().equals(e.text()) ? "" : "  -> " + e.canonical());
        }
        if (!article.marketFigures().isEmpty()) {
            out.printf("%nmarket figures (%d):%n", article.marketFigures().size());
            for (var f : article.marketFigures()) {
                out.printf("  %-14s %s %s  year %s  segment %s  country %s  [%d, %d)%n", f.kind(),
                        f.value() == null ? "-" : f.value(), f.currency() == null ? (f.unit() == null ? "" : f.unit())
                        : f.currency(), f.year() == null ? "-" : f.year(), f.segment() == null ? "-" : f.segment(),
                        f.country() == null ? "-" : f.country(), f.start(), f.end());
            }
        }
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }

    private static String join(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
