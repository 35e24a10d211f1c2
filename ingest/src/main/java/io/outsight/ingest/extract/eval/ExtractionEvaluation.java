package io.outsight.ingest.extract.eval;

import io.outsight.ingest.extract.MainContentExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Scores extraction against a truth file with the benchmark's scoring ({@link ExtractionScorer}): what
 * {@code outsight eval extraction --pages DIR --truth FILE} prints. Thread-safe.
 */
public final class ExtractionEvaluation {

    private final ExtractionRun run;

    /**
     * @param extractor the extractor to evaluate
     * @param threads how many pages to extract at once (at least 1)
     */
    public ExtractionEvaluation(MainContentExtractor extractor, int threads) {
        this(new ExtractionRun(Objects.requireNonNull(extractor, "extractor"), threads));
    }

    /** Evaluates with a prepared run (for example one that reports progress, {@link ExtractionRun#onEachPage}). */
    public ExtractionEvaluation(ExtractionRun run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    /** Extracts every page of the folder (URLs from the truth file) and scores the texts against the truth. */
    public EvaluationReport evaluate(Path pagesDir, Path truthFile) throws IOException {
        Objects.requireNonNull(pagesDir, "pagesDir");
        Objects.requireNonNull(truthFile, "truthFile");
        Map<String, TruthEntry> truth = ExtractionFiles.readTruth(truthFile);
        Map<String, ExtractionResult> results = run.runWithTruth(pagesDir, truth);
        var predicted = new LinkedHashMap<String, String>();
        results.forEach((id, r) -> predicted.put(id, r.articleBody()));
        return score(truth, predicted);
    }

    /** Scores an existing prediction file against a truth file. */
    public static EvaluationReport evaluateFile(Path predictionsFile, Path truthFile) throws IOException {
        Objects.requireNonNull(predictionsFile, "predictionsFile");
        Objects.requireNonNull(truthFile, "truthFile");
        return score(ExtractionFiles.readTruth(truthFile), ExtractionFiles.readPredictedBodies(predictionsFile));
    }

    /** Scores predicted texts by page id against truth; a page missing from the predictions scores as empty. */
    public static EvaluationReport score(Map<String, TruthEntry> truth, Map<String, String> predicted) {
        var truthBodies = new LinkedHashMap<String, String>();
        truth.forEach((id, t) -> truthBodies.put(id, t.articleBody()));
        return new EvaluationReport(new ExtractionScorer().score(truthBodies, predicted));
    }
}
