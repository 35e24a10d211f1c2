package io.outsight.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.core.json.RecordCodec;
import io.outsight.enrich.tag.eval.GoldSet;
import io.outsight.enrich.tag.eval.TaggingEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.extract.eval.ExtractionEvaluation;
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
    @Spec
    CommandSpec spec;

    @Command(name = "tagging", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 per entity type and for market figures (value and currency "
                    + "exact) on a gold file in the format of docs/taxonomy.md.")
    int tagging(@Mixin ConfigOptions options,
            @Option(names = "--gold", paramLabel = "FILE", defaultValue = "eval/tagging/dev.json",
                    description = "The annotated set (default ${DEFAULT-VALUE}).") Path gold,
            @Option(names = "--details", description = "Also list every error.") boolean details,
            @Option(names = "--json", description = "Print the scores as one JSON object.") boolean json)
            throws IOException {
        var report = TaggingEvaluation.evaluate(Pipeline.tagger(options.load()), GoldSet.read(gold));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode tree = new RecordCodec().mapper().valueToTree(report);
            out.println(tree);
        } else {
            out.print(report.format(details));
        }
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "extraction", mixinStandardHelpOptions = true,
            description = "Precision, recall and F1 of the main-text extractor on saved pages (<id>.html) against a "
                    + "truth file ({\"<id>\": {\"url\": …, \"articleBody\": …}}), scored on 4-gram shingles of "
                    + "Unicode word tokens as in the public article-extraction benchmark.")
    int extraction(
            @Option(names = "--pages", paramLabel = "DIR", required = true, description = "Folder of <id>.html pages.")
                    Path pages,
            @Option(names = "--truth", paramLabel = "FILE", required = true, description = "The truth file.") Path truth,
            @Option(names = "--predictions", paramLabel = "FILE",
                    description = "Score this output of 'outsight extract' instead of extracting again.")
                    @Nullable Path predictions,
            @Option(names = "--worst", defaultValue = "10", description = "List the N worst pages (default ${DEFAULT-VALUE}).")
                    int worst,
            @Option(names = "--threads", defaultValue = "2", description = "Pages extracted at once (default ${DEFAULT-VALUE}).")
                    int threads) throws IOException {
        var report = predictions != null
                ? ExtractionEvaluation.evaluateFile(predictions, truth)
                : new ExtractionEvaluation(MainContentExtractor.create(), threads).evaluate(pages, truth);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.format(worst));
        out.flush();
        return ExitCodes.OK;
    }
}
