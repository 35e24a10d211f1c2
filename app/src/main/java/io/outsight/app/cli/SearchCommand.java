package io.outsight.app.cli;

import io.outsight.app.pipeline.Connection;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.ArticleSearch;
import io.outsight.index.search.SearchResults;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight search QUERY [--type T] [--country C] [--json]}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the indexed articles: free text over title and text, narrowed by tags.",
        footer = {"", "Examples:", "  outsight search kpo", "  outsight search \"contact centre\" --type BPO --country PH",
                "  outsight search --type KPO --json | jq .title"})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words to search for; none matches every article.")
    List<String> words = new ArrayList<>();

    @Option(names = {"-t", "--type"}, paramLabel = "CODE", description = "Outsourcing type (BPO, KPO, ITO, …); repeatable.")
    List<String> types = new ArrayList<>();

    @Option(names = {"-c", "--country"}, paramLabel = "ISO", description = "Country, ISO 3166-1 alpha-2 (IN, PH, …); repeatable.")
    List<String> countries = new ArrayList<>();

    @Option(names = {"-n", "--size"}, defaultValue = "10", description = "How many hits to print (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--json", description = "Print one full indexed document per line.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        var query = new ArticleQuery(String.join(" ", words), types, countries, size);
        var err = spec.commandLine().getErr();
        Consumer<String> progress = message -> {
            err.println("outsight: no local stack runs; " + message + " ('outsight stack up' keeps one running)");
            err.flush();
        };
        try (var connection = Connection.open(config, Connection.WhenNoStack.START_IF_DATA_EXISTS, progress);
                var es = ElasticsearchClients.create(connection.endpoints().elasticsearchUrl(), config)) {
            SearchResults results = new ArticleSearch(es, config.get(ConfigKeys.INDEX_ALIAS)).search(query);
            if (json) {
                results.hits().forEach(hit -> out.println(hit.document()));
            } else {
                printText(out, query, results);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printText(PrintWriter out, ArticleQuery query, SearchResults results) {
        out.printf("%d article(s) match%s%n", results.total(),
                query.text().isBlank() ? "" : " \"" + query.text() + "\"");
        int rank = 1;
        for (var hit : results.hits()) {
            var tags = hit.document().path("tags");
            out.printf("%n%2d. %s%n    %s%n    types: %s   countries: %s%n", rank++, hit.title(), hit.url(),
                    join(tags.path("outsourcing_types")), join(tags.path("countries")));
            for (String fragment : hit.highlights()) {
                out.println("    … " + fragment.replace("<em>", "[").replace("</em>", "]").replace('\n', ' ') + " …");
            }
        }
    }

    private static String join(com.fasterxml.jackson.databind.JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
