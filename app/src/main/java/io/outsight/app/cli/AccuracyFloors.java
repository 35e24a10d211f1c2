package io.outsight.app.cli;

import io.outsight.enrich.tag.eval.TaggingEvaluation;
import io.outsight.ingest.extract.eval.EvaluationReport;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Minimum accuracy scores kept in the repository ({@code eval/floors.properties}) that {@code outsight eval
 * --floors} checks, so CI fails when extraction or tagging quality drops. Keys name one score each:
 * {@code extraction.f1}, {@code tagging.entities.country.f1}, {@code tagging.figures.money.f1},
 * {@code tagging.fields.segment.accuracy} …; a key that names no score is an error, so a typo cannot switch a gate
 * off silently. Immutable and thread-safe.
 */
final class AccuracyFloors {
    private final Map<String, Double> floors;

    AccuracyFloors(Map<String, Double> floors) {
        this.floors = Map.copyOf(floors);
    }

    /** Reads a properties file of {@code score.key = minimum}, each minimum between 0 and 1. */
    static AccuracyFloors read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, Double> floors = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            double floor;
            try {
                floor = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + key + " = '" + value + "' is not a number");
            }
            if (!(floor >= 0 && floor <= 1)) {
                throw new IllegalArgumentException(file + ": " + key + " = " + value + " is not between 0 and 1");
            }
            floors.put(key, floor);
        }
        return new AccuracyFloors(floors);
    }

    /** One floor against the score it guards. */
    record Check(String key, double floor, double score) {
        boolean passed() {
            return score >= floor;
        }

        String line() {
            return String.format(Locale.ROOT, "%-4s %-42s %.4f (floor %.4f)", passed() ? "ok" : "LOW", key, score, floor);
        }
    }

    /**
     * Checks the floors whose keys start with {@code prefix + "."} against {@code scores}.
     *
     * @throws IllegalArgumentException when a floor names a score that {@code scores} does not have
     */
    List<Check> check(String prefix, Map<String, Double> scores) {
        List<Check> checks = new ArrayList<>();
        floors.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + ".")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    Double score = scores.get(e.getKey());
                    if (score == null) {
                        throw new IllegalArgumentException("floor '" + e.getKey() + "' names no score; known: "
                                + String.join(", ", new TreeMap<>(scores).keySet()));
                    }
                    checks.add(new Check(e.getKey(), e.getValue(), score));
                });
        return checks;
    }

    /** The scores of an extraction evaluation under the keys {@code extraction.precision|recall|f1|exact}. */
    static Map<String, Double> scores(EvaluationReport report) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("extraction.precision", report.score().precision());
        scores.put("extraction.recall", report.score().recall());
        scores.put("extraction.f1", report.score().f1());
        scores.put("extraction.exact", report.score().exact());
        return scores;
    }

    /**
     * The scores of a tagging evaluation: {@code tagging.entities.<type>.precision|recall|f1},
     * {@code tagging.figures.<kind>.…} and {@code tagging.fields.<field>.accuracy}.
     */
    static Map<String, Double> scores(TaggingEvaluation.Report report) {
        Map<String, Double> scores = new LinkedHashMap<>();
        report.entities().forEach((type, counts) -> putCounts(scores, "tagging.entities." + type, counts));
        report.figures().forEach((kind, counts) -> putCounts(scores, "tagging.figures." + kind, counts));
        report.fields().forEach((field, accuracy) -> scores.put("tagging.fields." + field + ".accuracy", accuracy.value()));
        return scores;
    }

    private static void putCounts(Map<String, Double> scores, String key, TaggingEvaluation.Counts counts) {
        scores.put(key + ".precision", counts.precision());
        scores.put(key + ".recall", counts.recall());
        scores.put(key + ".f1", counts.f1());
    }
}
