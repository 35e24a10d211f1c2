package io.outsight.app.cli;

import io.outsight.app.pipeline.Connection;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.index.status.FetchStatusResults;
import io.outsight.index.status.FetchStatusSearch;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight crawl-status [--all] [--outcome O] [--host H] [--json]}: what was fetched, what failed and why. */
@Command(name = "crawl-status", mixinStandardHelpOptions = true,
        description = "Show the latest fetch outcome of URLs, newest first: by default the ones that failed, with "
                + "the reason, and counts per outcome and per host.",
        footer = {"", "Outcomes: ok, not_modified, robots_denied, http_4xx, http_5xx, too_large, not_html, timeout, "
                + "blocked_address, duplicate, extraction_empty, failed.", "", "Examples:",
                "  outsight crawl-status", "  outsight crawl-status --outcome http_4xx,timeout --host example.com",
                "  outsight crawl-status --all --json | jq '.by_outcome'"})
final class CrawlStatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--all", description = "Show every outcome, not only failures.")
    boolean all;

    @Option(names = "--outcome", paramLabel = "OUTCOME", split = ",", description = "Only these outcomes.")
    List<String> outcomes = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST", split = ",", description = "Only URLs on these hosts.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--since", paramLabel = "INSTANT", description = "Only statuses checked at or after this "
            + "instant (ISO-8601, e.g. 2026-03-01T00:00:00Z).")
    @Nullable String since;

    @Option(names = {"-n", "--size"}, defaultValue = "20", description = "How many URLs to list (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--json", description = "Print one JSON object: total, statuses, by_outcome, by_host.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Config config = options.load();
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--since expects an ISO-8601 instant such as "
                        + "2026-03-01T00:00:00Z, got '" + since + "'");
            }
        }
        var query = new FetchStatusQuery(outcomes, hosts, !all && outcomes.isEmpty(), from, size);
        PrintWriter out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var codec = new RecordCodec();
        try (var connection = Connection.open(config, Connection.WhenNoStack.START_IF_DATA_EXISTS, message -> {
                    err.println("outsight: no local stack runs; " + message);
                    err.flush();
                });
                var es = ElasticsearchClients.create(connection.endpoints().elasticsearchUrl(), config)) {
            var index = config.get(ConfigKeys.INDEX_FETCH_STATUS_INDEX);
            if (!es.indices().exists(e -> e.index(index)).value()) {
                err.println("outsight: no fetch status indexed yet (index " + index + " does not exist)");
                err.flush();
                return ExitCodes.FAILURE;
            }
            FetchStatusResults results = new FetchStatusSearch(es, index, codec).search(query);
            if (json) {
                out.println(results.toJson(codec));
            } else {
                print(out, query, results);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, FetchStatusQuery query, FetchStatusResults results) {
        out.printf("%d URL(s)%s%n", results.total(), query.failedOnly() ? " failed" : "");
        if (!results.byOutcome().isEmpty()) {
            out.print("by outcome:");
            results.byOutcome().forEach((outcome, count) -> out.printf("  %s %d", outcome, count));
            out.println();
        }
        if (!results.byHost().isEmpty()) {
            out.print("by host:   ");
            results.byHost().forEach((host, count) -> out.printf("  %s %d", host, count));
            out.println();
        }
        for (var status : results.statuses()) {
            out.printf("%n%s  %-15s %s%n    %s%s%n", status.checkedAt(), status.outcome().wireName(), status.url(),
                    status.reason(), status.httpStatus() == null ? "" : " (HTTP " + status.httpStatus() + ")");
        }
    }
}
