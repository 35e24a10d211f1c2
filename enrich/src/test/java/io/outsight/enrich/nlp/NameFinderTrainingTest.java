package io.outsight.enrich.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameFinderTrainingTest {
    static final Path DATA = Path.of("..", "..", "shared", "data", "ner");

    @Test
    void readsIoAndBioTagsIntoSpans() {
        Span[] spans = ConllReader.spans(List.of("I-ORG", "I-ORG", "O", "I-PER", "B-PER", "I-PER", "I-LOC"));
        assertEquals(List.of(new Span(0, 2, "organization"), new Span(3, 4, "person"), new Span(4, 6, "person"),
                new Span(6, 7, "location")), List.of(spans));
    }

    @Test
    void readsDocumentsAndSentences(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.txt");
        Files.writeString(file, """
                -DOCSTART- -X- O O

                Genpact NNP - I-ORG
                hired VBD - O
                Ana NNP - I-PER
                . . - O

                -DOCSTART- -X- O O

                Wipro NNP - I-ORG
                """);
        List<List<NameSample>> docs = ConllReader.read(file);
        assertEquals(2, docs.size());
        assertEquals("<START:organization> Genpact <END> hired <START:person> Ana <END> .", docs.get(0).get(0).toString().strip());
        assertTrue(docs.get(0).get(0).isClearAdaptiveDataSet());
    }

    @Test
    void trainsAModelThatFindsNamesItWasShown() throws IOException {
        // a tiny corpus generated here: the pipeline works end to end, nothing more
        String[] orgs = {"Genpact", "Wipro", "Infosys", "Concentrix", "Teleperformance"};
        String[] people = {"Ana Cruz", "Raj Mehta", "Liza Tan", "Omar Haddad", "Jane Moss"};
        List<NameSample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String org = orgs[i % orgs.length];
            String[] person = people[(i / 5) % people.length].split(" ");
            String[] tokens = {person[0], person[1], "joined", org, "last", "year", "."};
            samples.add(new NameSample(tokens, new Span[] {new Span(0, 2, "person"), new Span(3, 4, "organization")}, true));
        }
        TokenNameFinderModel model = NameFinderTraining.train(samples);
        Map<String, NameFinderTraining.Score> scores = NameFinderTraining.evaluate(model, samples.subList(0, 20));
        assertTrue(scores.get("all").f1() > 0.9, scores.toString());
    }

    /** The bundled model on the corpora's test parts; prints the scores (they are also in docs/taxonomy.md). */
    @Test
    void bundledModelFindsNamesOnTheHeldOutTestParts() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "shared/data/ner is absent: skipping the evaluation of the bundled model");
        NameFinderTraining.Corpora corpora = NameFinderTraining.corpora(DATA);
        TokenNameFinderModel model = NameFinderTraining.bundledModel();
        Map<String, NameFinderTraining.Score> sec = NameFinderTraining.evaluate(model, corpora.secTest());
        Map<String, NameFinderTraining.Score> wiki = NameFinderTraining.evaluate(model, corpora.wikigoldTest());
        NameFinderTraining.print(System.out, "SEC filings test-FIN3", sec);
        NameFinderTraining.print(System.out, "Wikigold held-out tenth", wiki);
        // floors well under the measured values (docs/taxonomy.md): they catch a broken model, not a weak one
        assertTrue(sec.get("all").precision() > 0.4 && sec.get("all").recall() > 0.2, sec.toString());
        assertTrue(wiki.get("person").f1() > 0.5, wiki.toString());
    }
}
