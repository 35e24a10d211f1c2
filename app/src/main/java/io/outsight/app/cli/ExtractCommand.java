package io.outsight.app.cli;

import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.extract.eval.ExtractionResult;
import io.outsight.ingest.extract.eval.ExtractionRun;
import java.nio.file.Path;
import java.util.SequencedMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight extract --pages DIR [--truth FILE] --out FILE}: the extractor over saved pages, no servers needed. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Run the main-content extractor over saved pages named <id>.html and write "
                + "{\"<id>\": {\"articleBody\": …, \"title\": …, \"published_at\": …}} (the page URL is taken from the "
                + "truth file when given, for resolving relative links).",
        footer = {"", "Example:", "  outsight extract --pages ../shared/data/extraction-dev/html "
                + "--truth ../shared/data/extraction-dev/ground-truth.json --out /tmp/extracted.json"})
final class ExtractCommand implements Callable<Integer> {
    @Option(names = "--pages", paramLabel = "DIR", required = true, description = "Folder of <id>.html pages.")
    Path pages;

    @Option(names = "--truth", paramLabel = "FILE", description = "Truth file giving each page's URL.")
    @Nullable Path truth;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the JSON.")
    Path out;

    @Option(names = "--threads", defaultValue = "2", description = "Pages extracted at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SequencedMap<String, ExtractionResult> results;
        try (var bar = progressOptions.start("extract", ExtractionRun.pageFiles(pages).size(), false,
                spec.commandLine().getErr())) {
            results = new ExtractionRun(MainContentExtractor.create(), threads).onEachPage(() -> bar.advance(1))
                    .runAndWrite(pages, truth, out);
        }
        spec.commandLine().getOut().printf("extracted %d page(s) into %s%n", results.size(), out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
