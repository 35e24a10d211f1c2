package io.outsight.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.core.record.TextFingerprint;
import io.outsight.enrich.dedup.TextFingerprinter;
import io.outsight.ingest.extract.MainContentExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * How often unrelated articles share LSH band keys, which is what the index stage's candidate look-up pays for
 * (BENCHMARKS.md, "Session 6 runs"): real pages of {@code ../shared/data/extraction-dev} against the benchmark's
 * generated pages, each fingerprinted as enrich does it. A measurement, not a test.
 *
 * <p>Arguments: the pages folder, the ground-truth file, then counts of generated pages (default 61 and 1000).
 */
public final class BandSharing {
    private static final TextFingerprinter FINGERPRINTER = new TextFingerprinter();

    private BandSharing() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: BandSharing PAGES_DIR GROUND_TRUTH_JSON [GENERATED_COUNT ...]");
            System.exit(2);
        }
        var extractor = MainContentExtractor.create();
        var bodies = new ArrayList<TextFingerprint>();
        new ObjectMapper().readTree(Path.of(args[1]).toFile()).forEach(page ->
                FINGERPRINTER.fingerprint(page.get("articleBody").asText()).ifPresent(bodies::add));
        report("real pages, ground-truth bodies", bodies);
        var extracted = new ArrayList<TextFingerprint>();
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path file : files.sorted().toList()) {
                var page = extractor.extract(Files.readString(file), "https://example.com/" + file.getFileName());
                FINGERPRINTER.fingerprint(page.text()).ifPresent(extracted::add);
            }
        }
        report("real pages, extracted", extracted);
        List<Integer> counts = args.length > 2
                ? List.of(args).subList(2, args.length).stream().map(Integer::parseInt).toList()
                : List.of(61, 1000);
        for (int count : counts) {
            var generated = new ArrayList<TextFingerprint>();
            for (var page : new ArticleGenerator(42).pages(count)) {
                var text = extractor.extract(page.html(), "http://127.0.0.1/" + page.path()).text();
                FINGERPRINTER.fingerprint(text).ifPresent(generated::add);
            }
            report("generated pages (seed 42)", generated);
        }
    }

    private static void report(String what, List<TextFingerprint> fingerprints) {
        int n = fingerprints.size();
        long pairs = (long) n * (n - 1) / 2;
        long sharingOne = 0;
        long sharingTwo = 0;
        double mostSimilar = 0;
        for (int i = 0; i < n; i++) {
            var bands = new HashSet<>(fingerprints.get(i).bands());
            for (int j = i + 1; j < n; j++) {
                long shared = fingerprints.get(j).bands().stream().filter(bands::contains).count();
                sharingOne += shared >= 1 ? 1 : 0;
                sharingTwo += shared >= 2 ? 1 : 0;
                mostSimilar = Math.max(mostSimilar, fingerprints.get(i).estimatedJaccard(fingerprints.get(j)));
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d articles, %d pairs; sharing a band: %d (%.3f%%), two or more: %d"
                + " (%.4f%%); highest estimated Jaccard %.2f%n", what, n, pairs, sharingOne,
                100.0 * sharingOne / Math.max(1, pairs), sharingTwo, 100.0 * sharingTwo / Math.max(1, pairs),
                mostSimilar);
    }
}
