package io.outsight.ingest.extract.eval;

import io.outsight.ingest.extract.ExtractedPage;
import io.outsight.ingest.extract.MainContentExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the extractor over a folder of saved pages named {@code <id>.html} and gives, per page id, the text, title
 * and publication time: what {@code outsight extract --pages DIR [--truth FILE] --out FILE} writes. The page URL
 * comes from the truth file when one is given (pages not in it get their file URL). A page that fails to extract
 * gets an empty result and a warning; it does not stop the run. Thread-safe.
 */
public final class ExtractionRun {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionRun.class);
    private static final String SUFFIX = ".html";

    private final MainContentExtractor extractor;
    private final int threads;
    private final Runnable onPage;

    /**
     * @param extractor the extractor to run
     * @param threads how many pages to extract at once (at least 1)
     */
    public ExtractionRun(MainContentExtractor extractor, int threads) {
        this(extractor, threads, () -> { });
    }

    private ExtractionRun(MainContentExtractor extractor, int threads, Runnable onPage) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.onPage = Objects.requireNonNull(onPage, "onPage");
    }

    /**
     * The same run, calling {@code onPage} after each page is extracted (for progress display); with several
     * threads it is called from each of them, so it must be thread-safe.
     */
    public ExtractionRun onEachPage(Runnable onPage) {
        return new ExtractionRun(extractor, threads, onPage);
    }

    /** Runs over the folder; {@code truthFile} may be null. Results are ordered by page id. */
    public SequencedMap<String, ExtractionResult> run(Path pagesDir, @Nullable Path truthFile) throws IOException {
        Objects.requireNonNull(pagesDir, "pagesDir");
        Map<String, TruthEntry> truth = truthFile == null ? Map.of() : ExtractionFiles.readTruth(truthFile);
        return runWithTruth(pagesDir, truth);
    }

    /** Runs over the folder and writes the results to {@code out} as JSON. */
    public SequencedMap<String, ExtractionResult> runAndWrite(Path pagesDir, @Nullable Path truthFile, Path out)
            throws IOException {
        Objects.requireNonNull(out, "out");
        var results = run(pagesDir, truthFile);
        ExtractionFiles.writePredictions(results, out);
        return results;
    }

    /** Runs over the folder with page URLs from the given truth entries (pages not in it get their file URL). */
    public SequencedMap<String, ExtractionResult> runWithTruth(Path pagesDir, Map<String, TruthEntry> truth)
            throws IOException {
        Objects.requireNonNull(pagesDir, "pagesDir");
        Objects.requireNonNull(truth, "truth");
        if (!Files.isDirectory(pagesDir)) {
            throw new IOException("Pages folder " + pagesDir + " does not exist or is not a folder");
        }
        List<Path> files = pageFiles(pagesDir);
        var results = new LinkedHashMap<String, ExtractionResult>();
        if (threads == 1) {
            for (Path file : files) {
                results.put(id(file), extractFile(file, truth));
            }
            return results;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<Future<ExtractionResult>>();
            for (Path file : files) {
                futures.add(pool.submit(() -> extractFile(file, truth)));
            }
            for (int i = 0; i < files.size(); i++) {
                results.put(id(files.get(i)), futures.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Extraction run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("Extraction failed", e.getCause());
        }
        return results;
    }

    /** The saved pages of a folder, ordered by id. */
    public static List<Path> pageFiles(Path pagesDir) throws IOException {
        try (Stream<Path> listing = Files.list(pagesDir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
    }

    /** The page id of a saved page: its file name without {@code .html}. */
    public static String id(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private ExtractionResult extractFile(Path file, Map<String, TruthEntry> truth) {
        try {
            return extractPage(file, truth);
        } finally {
            onPage.run();
        }
    }

    private ExtractionResult extractPage(Path file, Map<String, TruthEntry> truth) {
        String id = id(file);
        TruthEntry entry = truth.get(id);
        String url = entry != null && entry.url() != null ? entry.url() : file.toUri().toString();
        String html;
        try {
            html = ExtractionFiles.decodeHtml(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ExtractedPage page = extractor.extract(html, url);
            return new ExtractionResult(page.text(), page.title(), page.publishedAt());
        } catch (RuntimeException e) {
            LOG.warn("Extraction failed for page {} ({}): {}", id, url, e.toString());
            return new ExtractionResult("", "", null);
        }
    }
}
