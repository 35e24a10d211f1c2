package io.outsight.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.core.json.RecordCodec;
import io.outsight.enrich.tag.eval.GoldSet;
import io.outsight.enrich.tag.eval.TaggingEvaluation;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.extract.eval.EvaluationReport;
import io.outsight.ingest.extract.eval.ExtractionEvaluation;
import io.outsight.ingest.extract.eval.ExtractionRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight eval tagging | extraction}: accuracy on annotated sets, printed for people or as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure accuracy on an annotated set: tagging (entities and market figures) or extraction.",
        footer = {"", "Examples:", "  outsight eval tagging --gold eval/tagging/dev.json --details",
                "  outsight eval extraction --pages ../shared/data/extraction-dev/html --truth ../shared/data/extraction-dev/ground-truth.json"})
final class EvalCommand {
    private static final String FLOORS_HELP = "Fail with exit code 5 when a score is below its floor in this "
            + "properties file (eval/floors.properties: score.key = minimum).";
    @Spec
    CommandSpec spec;

    @Command(name = "tagging", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 per entity type and for market figures (value and currency "
                    + "exact) on a gold file in the format of docs/taxonomy.md.",
            footer = {"", "Examples:", "  outsight eval tagging --details",
                    "  outsight eval tagging --gold eval/tagging/dev.json --json | jq .entities",
                    "  outsight eval tagging --floors eval/floors.properties"})
    int tagging(@Mixin ConfigOptions options, @Mixin ProgressOptions progressOptions,
            @Option(names = "--gold", paramLabel = "FILE", defaultValue = "eval/tagging/dev.json",
                    description = "The annotated set (default ${DEFAULT-VALUE}).") Path gold,
            @Option(names = "--details", description = "Also list every error.") boolean details,
            @Option(names = "--json", description = "Print the scores as one JSON object.") boolean json,
            @Option(names = "--floors", paramLabel = "FILE", description = FLOORS_HELP) @Nullable Path floors)
            throws IOException {
        var tagger = Pipeline.tagger(options.load());
        var goldSet = GoldSet.read(gold);
        TaggingEvaluation.Report report;
        try (var bar = progressOptions.start("eval tagging", goldSet.documents().size(), json,
                spec.commandLine().getErr())) {
            report = TaggingEvaluation.evaluate(tagger, goldSet, () -> bar.advance(1));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode tree = new RecordCodec().mapper().valueToTree(report);
            out.println(tree);
        } else {
            out.print(report.format(details));
        }
        out.flush();
        return checkFloors(floors, "tagging", AccuracyFloors.scores(report), json);
    }

    @Command(name = "extraction", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 of the main-text extractor on saved pages (<id>.html) against a "
                    + "truth file ({\"<id>\": {\"url\": …, \"articleBody\": …}}), scored on 4-gram shingles of "
                    + "Unicode word tokens as in the public article-extraction benchmark.",
            footer = {"", "Examples:", "  outsight eval extraction --pages ../shared/data/extraction-dev/html "
                    + "--truth ../shared/data/extraction-dev/ground-truth.json",
                    "  outsight eval extraction --predictions /tmp/extracted.json "
                    + "--truth ../shared/data/extraction-dev/ground-truth.json --worst 20"})
    int extraction(@Mixin ProgressOptions progressOptions,
            @Option(names = "--pages", paramLabel = "DIR", required = true, description = "Folder of <id>.html pages.")
                    Path pages,
            @Option(names = "--truth", paramLabel = "FILE", required = true, description = "The truth file.") Path truth,
            @Option(names = "--predictions", paramLabel = "FILE",
                    description = "Score this output of 'outsight extract' instead of extracting again.")
                    @Nullable Path predictions,
            @Option(names = "--worst", defaultValue = "10", description = "List the N worst pages (default ${DEFAULT-VALUE}).")
                    int worst,
            @Option(names = "--threads", defaultValue = "2", description = "Pages extracted at once (default ${DEFAULT-VALUE}).")
                    int threads,
            @Option(names = "--json", description = "Print the scores as one JSON object: pages, precision, recall, "
                    + "f1, exact, and the --worst pages with their scores.") boolean json,
            @Option(names = "--floors", paramLabel = "FILE", description = FLOORS_HELP) @Nullable Path floors)
            throws IOException {
        EvaluationReport report;
        if (predictions != null) {
            report = ExtractionEvaluation.evaluateFile(predictions, truth);
        } else {
            try (var bar = progressOptions.start("eval extraction", ExtractionRun.pageFiles(pages).size(), json,
                    spec.commandLine().getErr())) {
                var run = new ExtractionRun(MainContentExtractor.create(), threads).onEachPage(() -> bar.advance(1));
                report = new ExtractionEvaluation(run).evaluate(pages, truth);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(extractionJson(report, worst));
        } else {
            out.print(report.format(worst));
        }
        out.flush();
        return checkFloors(floors, "extraction", AccuracyFloors.scores(report), json);
    }

    private static ObjectNode extractionJson(EvaluationReport report, int worst) {
        var mapper = new RecordCodec().mapper();
        var score = report.score();
        ObjectNode tree = mapper.createObjectNode().put("pages", report.pageCount()).put("precision", score.precision())
                .put("recall", score.recall()).put("f1", score.f1()).put("exact", score.exact());
        var pages = tree.putArray("worst");
        for (var page : report.worstPages(worst)) {
            pages.addObject().put("id", page.getKey()).put("precision", page.getValue().precision())
                    .put("recall", page.getValue().recall()).put("f1", page.getValue().f1());
        }
        return tree;
    }

    /**
     * Prints one line per floor (on stderr under {@code --json}, so stdout stays one JSON object) and fails with
     * {@link ExitCodes#BELOW_FLOOR} when a score is under its floor.
     */
    private int checkFloors(@Nullable Path file, String prefix, java.util.Map<String, Double> scores, boolean json)
            throws IOException {
        if (file == null) {
            return ExitCodes.OK;
        }
        var checks = AccuracyFloors.read(file).check(prefix, scores);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException(file + " has no floor for " + prefix + " scores (keys " + prefix + ".*)");
        }
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.println("accuracy floors (" + file + "):");
        checks.forEach(check -> out.println("  " + check.line()));
        out.flush();
        long low = checks.stream().filter(check -> !check.passed()).count();
        if (low > 0) {
            spec.commandLine().getErr().println("outsight: " + low + " " + prefix + " score(s) below the floor in "
                    + file + "; fix the regression or, if the drop is intended, lower the floor in the same commit");
            return ExitCodes.BELOW_FLOOR;
        }
        return ExitCodes.OK;
    }
}
