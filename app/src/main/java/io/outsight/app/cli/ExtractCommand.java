package io.outsight.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.json.RecordCodec;
import io.outsight.ingest.extract.ExtractedPage;
import io.outsight.ingest.extract.MainContentExtractor;
import io.outsight.ingest.extract.eval.ExtractionFiles;
import io.outsight.ingest.extract.eval.ExtractionResult;
import io.outsight.ingest.extract.eval.ExtractionRun;
import io.outsight.ingest.extract.eval.TruthEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code outsight extract --pages DIR [--truth FILE] (--out FILE | --json)}: the extractor over saved pages, no
 * servers needed.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Run the main-content extractor over saved pages named <id>.html. With --out, write "
                + "{\"<id>\": {\"articleBody\": …, \"title\": …, \"published_at\": …}} (the input of the "
                + "extraction benchmark); with --json, print one JSON object per page on stdout. The page URL is taken "
                + "from the truth file when given, for resolving relative links.",
        footer = {"", "Examples:", "  outsight extract --pages ../shared/data/extraction-dev/html "
                + "--truth ../shared/data/extraction-dev/ground-truth.json --out /tmp/extracted.json",
                "  outsight extract --pages saved-pages --json | jq -r '[.id, .language, .published_at] | @tsv'"})
final class ExtractCommand implements Callable<Integer> {
    @Option(names = "--pages", paramLabel = "DIR", required = true, description = "Folder of <id>.html pages.")
    Path pages;

    @Option(names = "--truth", paramLabel = "FILE", description = "Truth file giving each page's URL.")
    @Nullable Path truth;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the benchmark's JSON (this or --json).")
    @Nullable Path out;

    @Option(names = "--json", description = "Print one JSON object per page, one per line, in page order: id, url, "
            + "title, text, language, published_at, modified_at, authors, canonical_url, site_name, description, "
            + "headings (a field the page does not give is left out; a page that failed has an error instead).")
    boolean json;

    @Option(names = "--threads", defaultValue = "2", description = "Pages extracted at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out == null && !json) {
            throw new ParameterException(spec.commandLine(), "Missing option: give --out FILE or --json");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (!Files.isDirectory(pages)) {
            throw new IOException("Pages folder " + pages + " does not exist or is not a folder");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            var results = printJson(stdout);
            if (out != null) {
                ExtractionFiles.writePredictions(results, out);
            }
        } else {
            SequencedMap<String, ExtractionResult> results;
            try (var bar = progressOptions.start("extract", ExtractionRun.pageFiles(pages).size(), false,
                    spec.commandLine().getErr())) {
                results = new ExtractionRun(MainContentExtractor.create(), threads).onEachPage(() -> bar.advance(1))
                        .runAndWrite(pages, truth, Objects.requireNonNull(out, "out"));
            }
            stdout.printf("extracted %d page(s) into %s%n", results.size(), out);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /**
     * Extracts every page and prints it as it comes, in page order, keeping all the extractor gives (the --out
     * format keeps only three fields); returns what --out would hold.
     */
    private SequencedMap<String, ExtractionResult> printJson(PrintWriter stdout)
            throws IOException, InterruptedException {
        List<Path> files = ExtractionRun.pageFiles(pages);
        Map<String, TruthEntry> urls = truth == null ? Map.of() : ExtractionFiles.readTruth(truth);
        var extractor = MainContentExtractor.create();
        ObjectMapper mapper = new RecordCodec().mapper();
        var results = new LinkedHashMap<String, ExtractionResult>();
        try (var bar = progressOptions.start("extract", files.size(), true, spec.commandLine().getErr());
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            var pending = new ArrayList<Future<PageJson>>(files.size());
            for (Path file : files) {
                pending.add(pool.submit(() -> {
                    try {
                        return page(extractor, mapper, file, urls);
                    } finally {
                        bar.advance(1);
                    }
                }));
            }
            for (Future<PageJson> future : pending) {
                PageJson page;
                try {
                    page = future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("extraction failed: " + e.getCause(), e.getCause());
                }
                stdout.println(mapper.writeValueAsString(page.json()));
                results.put(page.id(), page.result());
            }
        }
        return results;
    }

    /** One page's line of --json, and its entry of --out (empty when the extractor failed, as the benchmark's run). */
    private record PageJson(String id, ObjectNode json, ExtractionResult result) {}

    /** One page as JSON: its id and URL, then what the extractor found, or the reason it found nothing. */
    private static PageJson page(MainContentExtractor extractor, ObjectMapper mapper, Path file,
            Map<String, TruthEntry> urls) throws IOException {
        String id = ExtractionRun.id(file);
        TruthEntry entry = urls.get(id);
        String url = entry != null && entry.url() != null ? entry.url() : file.toUri().toString();
        ObjectNode node = mapper.createObjectNode().put("id", id).put("url", url);
        String html = ExtractionFiles.decodeHtml(Files.readAllBytes(file));
        try {
            ExtractedPage page = extractor.extract(html, url);
            node.setAll((ObjectNode) mapper.valueToTree(page));
            return new PageJson(id, node, new ExtractionResult(page.text(), page.title(), page.publishedAt()));
        } catch (RuntimeException e) {
            // As in the benchmark's run: one page the extractor chokes on must not end the others.
            node.put("error", e.toString());
            return new PageJson(id, node, new ExtractionResult("", "", null));
        }
    }
}
