package io.outsight.enrich.tag.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import io.outsight.enrich.tag.ArticleTagger;
import io.outsight.enrich.tag.TaggingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Scores an {@link ArticleTagger} on a {@link GoldSet}: precision, recall and F1 per entity type, for money figures
 * (value and currency exact), percentages and headcounts, and the accuracy of the other fields of the figures that
 * were found (kind, year, period, CAGR, segment, country, attributed_to; each only where the gold states it).
 *
 * <p>A predicted entity matches a gold one of the same type and canonical value (case and spacing aside) whose span
 * it overlaps; each is matched once. A money figure matches a gold one with the same currency and a value equal to
 * within one part in a million; percentages and headcounts match on value. Entities of the title are not scored.
 * Stateless; thread-safe if the tagger is.
 */
public final class TaggingEvaluation {
    static final List<String> FIELDS = List.of("kind", "year", "period_start", "period_end", "cagr_percent", "segment",
            "country", "attributed_to");

    private TaggingEvaluation() {}

    /** True positives, predictions and gold items. */
    public record Counts(int truePositives, int predicted, int gold) {
        public double precision() {
            return predicted == 0 ? (gold == 0 ? 1 : 0) : (double) truePositives / predicted;
        }

        public double recall() {
            return gold == 0 ? (predicted == 0 ? 1 : 0) : (double) truePositives / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, predicted + o.predicted, gold + o.gold);
        }
    }

    /** Right answers out of the gold values stated, for one figure field. */
    public record Accuracy(int correct, int total) {
        public double value() {
            return total == 0 ? 1 : (double) correct / total;
        }
    }

    /**
     * The scores, and one line per error ("dev-003: missed organization 'NASSCOM' → NASSCOM").
     *
     * @param entities per entity type, plus "all"
     * @param figures "money", "percent" and "headcount"
     * @param fields per figure field, over the matched figures
     */
    public record Report(int documents, Map<String, Counts> entities, Map<String, Counts> figures,
                         Map<String, Accuracy> fields, List<String> errors) {

        /** A table for people; with {@code details}, the errors too. */
        public String format(boolean details) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Tagging evaluation on %d documents%n", documents));
            out.append(String.format(Locale.ROOT, "%-18s %9s %9s %9s %6s %6s %6s%n", "entities", "precision", "recall", "f1", "gold", "found", "tp"));
            entities.forEach((type, c) -> out.append(row(type, c)));
            out.append(String.format(Locale.ROOT, "%-18s %9s %9s %9s %6s %6s %6s%n", "market figures", "precision", "recall", "f1", "gold", "found", "tp"));
            figures.forEach((type, c) -> out.append(row(type, c)));
            out.append(String.format(Locale.ROOT, "%-18s %9s %6s%n", "figure fields", "accuracy", "of"));
            fields.forEach((field, a) -> out.append(String.format(Locale.ROOT, "%-18s %9.3f %6d%n", field, a.value(), a.total())));
            if (details && !errors.isEmpty()) {
                out.append("errors:\n");
                errors.forEach(e -> out.append("  ").append(e).append('\n'));
            }
            return out.toString();
        }

        private static String row(String name, Counts c) {
            return String.format(Locale.ROOT, "%-18s %9.3f %9.3f %9.3f %6d %6d %6d%n", name, c.precision(), c.recall(), c.f1(),
                    c.gold(), c.predicted(), c.truePositives());
        }
    }

    /**
     * {@code java -cp … io.outsight.enrich.tag.eval.TaggingEvaluation GOLD_FILE [--details]}: the bundled tagger on a
     * gold file, the table on standard output (the same as {@code outsight eval tagging --gold FILE}).
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length < 1) {
            System.err.println("usage: TaggingEvaluation GOLD_FILE [--details]");
            System.exit(2);
        }
        GoldSet gold = GoldSet.read(java.nio.file.Path.of(args[0]));
        Report report = evaluate(ArticleTagger.loadDefault(), gold);
        System.out.print(report.format(args.length > 1 && args[1].equals("--details")));
    }

    public static Report evaluate(ArticleTagger tagger, GoldSet gold) {
        return evaluate(tagger, gold, () -> { });
    }

    /** Scores the tagger on the gold set, calling {@code onDocument} after each document (for progress display). */
    public static Report evaluate(ArticleTagger tagger, GoldSet gold, Runnable onDocument) {
        Objects.requireNonNull(tagger, "tagger");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(onDocument, "onDocument");
        Map<String, Counts> entities = new TreeMap<>();
        Map<String, Counts> figures = new TreeMap<>();
        Map<String, int[]> fields = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (GoldSet.Document doc : gold.documents()) {
            TaggingResult result = tagger.tag(doc.title(), doc.text());
            scoreEntities(doc, result.entities(), entities, errors);
            scoreFigures(doc, result.marketFigures(), figures, fields, errors);
            onDocument.run();
        }
        Counts all = new Counts(0, 0, 0);
        for (Counts c : entities.values()) {
            all = all.plus(c);
        }
        entities.put("all", all);
        for (String kind : List.of("money", "percent", "headcount")) {
            figures.putIfAbsent(kind, new Counts(0, 0, 0));
        }
        Map<String, Accuracy> accuracy = new TreeMap<>();
        fields.forEach((f, c) -> accuracy.put(f, new Accuracy(c[0], c[1])));
        return new Report(gold.documents().size(), entities, figures, accuracy, errors);
    }

    private static void scoreEntities(GoldSet.Document doc, List<Entity> predicted, Map<String, Counts> counts,
                                      List<String> errors) {
        boolean[] used = new boolean[predicted.size()];
        for (GoldSet.Span g : doc.entities()) {
            int match = -1;
            for (int i = 0; i < predicted.size(); i++) {
                Entity p = predicted.get(i);
                if (!used[i] && p.type().equals(g.type()) && same(p.canonical(), g.canonical())
                        && p.start() < g.end() && g.start() < p.end()) {
                    if (match < 0 || (p.start() == g.start() && p.end() == g.end())) {
                        match = i;
                    }
                }
            }
            add(counts, g.type(), match >= 0 ? 1 : 0, 0, 1);
            if (match >= 0) {
                used[match] = true;
            } else {
                errors.add(doc.id() + ": missed " + g.type() + " '" + doc.text().substring(g.start(), g.end()) + "' → "
                        + g.canonical() + describe(predicted, g.start(), g.end()));
            }
        }
        for (int i = 0; i < predicted.size(); i++) {
            Entity p = predicted.get(i);
            add(counts, p.type(), 0, 1, 0);
            if (!used[i]) {
                errors.add(doc.id() + ": spurious " + p.type() + " '" + p.text() + "' → " + p.canonical() + " (" + p.source() + ")");
            }
        }
    }

    private static String describe(List<Entity> predicted, int start, int end) {
        for (Entity p : predicted) {
            if (p.start() < end && start < p.end()) {
                return " (found " + p.type() + " '" + p.text() + "' → " + p.canonical() + ")";
            }
        }
        return "";
    }

    private static void scoreFigures(GoldSet.Document doc, List<MarketFigure> predicted, Map<String, Counts> counts,
                                     Map<String, int[]> fields, List<String> errors) {
        boolean[] used = new boolean[predicted.size()];
        for (GoldSet.Figure g : doc.figures()) {
            String family = family(g);
            int match = -1;
            for (int i = 0; i < predicted.size() && match < 0; i++) {
                MarketFigure p = predicted.get(i);
                if (!used[i] && family.equals(family(p)) && p.value() != null && close(p.value(), g.value())
                        && (!g.isMoney() || g.currency().equals(p.currency()))) {
                    match = i;
                }
            }
            add(counts, family, match >= 0 ? 1 : 0, 0, 1);
            if (match < 0) {
                errors.add(doc.id() + ": missed " + family + " figure " + g.value() + (g.isMoney() ? " " + g.currency() : ""));
                continue;
            }
            used[match] = true;
            MarketFigure p = predicted.get(match);
            for (String field : FIELDS) {
                JsonNode expected = g.fields().get(field);
                if (expected == null) {
                    continue;
                }
                Object actual = switch (field) {
                    case "kind" -> p.kind();
                    case "year" -> p.year();
                    case "period_start" -> p.periodStart();
                    case "period_end" -> p.periodEnd();
                    case "cagr_percent" -> p.cagrPercent();
                    case "segment" -> p.segment();
                    case "country" -> p.country();
                    case "attributed_to" -> p.attributedTo();
                    default -> throw new IllegalStateException(field);
                };
                boolean ok = sameValue(expected, actual);
                int[] c = fields.computeIfAbsent(field, k -> new int[2]);
                c[1]++;
                if (ok) {
                    c[0]++;
                } else {
                    errors.add(doc.id() + ": figure " + g.value() + " has " + field + " " + actual + ", expected "
                            + (expected.isNull() ? "null" : expected.asText()));
                }
            }
        }
        for (int i = 0; i < predicted.size(); i++) {
            MarketFigure p = predicted.get(i);
            add(counts, family(p), 0, 1, 0);
            if (!used[i]) {
                errors.add(doc.id() + ": spurious " + family(p) + " figure " + p.value() + " " + p.currency() + " (" + p.kind() + ")");
            }
        }
    }

    private static String family(GoldSet.Figure g) {
        if (g.isMoney()) {
            return "money";
        }
        if ("headcount".equals(g.kind()) || "people".equals(g.unit())) {
            return "headcount";
        }
        return "percent";
    }

    private static String family(MarketFigure f) {
        if (f.currency() != null) {
            return "money";
        }
        if ("headcount".equals(f.kind()) || "people".equals(f.unit())) {
            return "headcount";
        }
        return "percent";
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
    }

    private static boolean sameValue(JsonNode expected, @Nullable Object actual) {
        if (expected.isNull()) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        if (expected.isNumber() && actual instanceof Number n) {
            return close(expected.asDouble(), n.doubleValue());
        }
        return same(expected.asText(), actual.toString());
    }

    private static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static void add(Map<String, Counts> counts, String key, int tp, int predicted, int gold) {
        counts.merge(key, new Counts(tp, predicted, gold), Counts::plus);
    }
}
