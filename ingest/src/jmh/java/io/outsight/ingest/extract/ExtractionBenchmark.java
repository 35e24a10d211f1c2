package io.outsight.ingest.extract;

import io.outsight.core.jmh.CpuTime;
import io.outsight.ingest.extract.eval.ExtractionFiles;
import io.outsight.ingest.extract.eval.ExtractionRun;
import io.outsight.ingest.extract.eval.TruthEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Extraction speed over the pages of the extraction development set: each call extracts the next page (round
 * robin, so every page counts alike), and the throughput is in pages per second. Text, metadata and language are
 * all included, as {@link MainContentExtractor#extract} does them for the pipeline. The pages are decoded before
 * measuring. {@link #readability4jOnePage} does the same with readability4j, the baseline of the extraction issue,
 * in the same run and on the same pages. Run with {@code ./mvnw -B -pl ingest -am -Pjmh -DskipTests test} from the
 * repository root ({@link ExtractionBenchmarkMain} prints the F1 of both extractors first); the set is read from
 * {@code -Djmh.args="-p devSet=DIR …"}, by default {@code ../../shared/data/extraction-dev} from the module folder.
 * The single-threaded benchmarks also report their CPU time per page ({@link CpuTime}), which the load of the shared
 * machine disturbs less than the wall-clock score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExtractionBenchmark {

    private record Page(String html, String url) {}

    @Param(ExtractionBenchmarkMain.DEFAULT_DEV_SET)
    public String devSet;

    private MainContentExtractor extractor;
    private List<Page> pages;

    /** Per-thread position in the page list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(devSet);
        if (!Files.isDirectory(dir.resolve("html"))) {
            throw new IllegalStateException("No extraction development set at " + dir.toAbsolutePath()
                    + ": pass -p devSet=DIR in -Djmh.args");
        }
        Map<String, TruthEntry> truth = ExtractionFiles.readTruth(dir.resolve("ground-truth.json"));
        pages = new ArrayList<>();
        for (Path file : ExtractionRun.pageFiles(dir.resolve("html"))) {
            TruthEntry entry = truth.get(ExtractionRun.id(file));
            String url = entry != null && entry.url() != null ? entry.url() : file.toUri().toString();
            pages.add(new Page(ExtractionFiles.decodeHtml(Files.readAllBytes(file)), url));
        }
        extractor = MainContentExtractor.create();
    }

    /** One page per call, single-threaded: pages per second on one core. */
    @Benchmark
    public ExtractedPage extractOnePage(Cursor cursor, CpuTime cpu) {
        Page page = pages.get(cursor.next++ % pages.size());
        long start = cpu.start();
        ExtractedPage result = extractor.extract(page.html(), page.url());
        cpu.stop(start);
        return result;
    }

    /**
     * The baseline: readability4j (Mozilla Readability on jsoup) on the same page, single-threaded; it parses the
     * HTML itself, as ours does, and its text is what {@link Readability4jText} scores.
     */
    @Benchmark
    public String readability4jOnePage(Cursor cursor, CpuTime cpu) {
        Page page = pages.get(cursor.next++ % pages.size());
        long start = cpu.start();
        String result = Readability4jText.extract(page.html(), page.url());
        cpu.stop(start);
        return result;
    }

    /** The same from two threads sharing one extractor, as the ingest stage runs it. */
    @Benchmark
    @Threads(2)
    public ExtractedPage extractOnePageTwoThreads(Cursor cursor) {
        Page page = pages.get(cursor.next++ % pages.size());
        return extractor.extract(page.html(), page.url());
    }
}
