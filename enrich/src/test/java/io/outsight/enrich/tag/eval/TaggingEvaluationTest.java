package io.outsight.enrich.tag.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.enrich.tag.ArticleTagger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaggingEvaluationTest {
    static final ArticleTagger TAGGER = ArticleTagger.loadDefault();
    static final Path DEV_SET = Path.of("..", "eval", "tagging", "dev.json");

    private static GoldSet gold(String json) throws IOException {
        return GoldSet.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void meetsTheTargetsOnTheDevelopmentSet() throws IOException {
        GoldSet gold = GoldSet.read(DEV_SET);
        TaggingEvaluation.Report report = TaggingEvaluation.evaluate(TAGGER, gold);
        System.out.println(report.format(true));
        assertTrue(gold.documents().size() >= 30);
        Map<String, TaggingEvaluation.Counts> e = report.entities();
        assertTrue(e.get("outsourcing_type").f1() >= 0.95, report.format(false));
        assertTrue(e.get("country").f1() >= 0.95, report.format(false));
        assertTrue(e.get("organization").f1() >= 0.8, report.format(false));
        assertTrue(report.figures().get("money").f1() >= 0.9, report.format(false));
    }

    @Test
    void coversEveryOutsourcingTypeAndEveryEntityTypeInTheDevelopmentSet() throws IOException {
        GoldSet gold = GoldSet.read(DEV_SET);
        Set<String> codes = gold.documents().stream().flatMap(d -> d.entities().stream())
                .filter(s -> s.type().equals("outsourcing_type")).map(GoldSet.Span::canonical).collect(Collectors.toSet());
        assertEquals(Set.of("BPO", "KPO", "ITO", "BTO", "RPO", "LPO", "HRO", "FAO", "EPO"), codes);
        Set<String> types = gold.documents().stream().flatMap(d -> d.entities().stream()).map(GoldSet.Span::type)
                .collect(Collectors.toSet());
        assertEquals(Set.of("outsourcing_type", "sourcing_model", "country", "region", "organization", "person"), types);
    }

    @Test
    void countsMatchesMissesAndSpuriousMentions() throws IOException {
        GoldSet gold = gold("""
                {"documents": [{"id": "d1", "title": "", "text": "BPO firms in India and Kenya grew. The US$ 5 billion market.",
                  "entities": [{"type": "outsourcing_type", "text": "BPO", "canonical": "BPO"},
                               {"type": "country", "text": "India", "canonical": "IN"},
                               {"type": "country", "text": "Kenya", "canonical": "XX"}],
                  "market_figures": [{"kind": "market_size", "value": 5e9, "currency": "USD", "segment": "KPO"}]}]}
                """);
        TaggingEvaluation.Report report = TaggingEvaluation.evaluate(TAGGER, gold);
        assertEquals(new TaggingEvaluation.Counts(1, 1, 1), report.entities().get("outsourcing_type"));
        // Kenya is found as KE, which is no match for the gold XX: one miss and one spurious mention
        assertEquals(new TaggingEvaluation.Counts(1, 2, 2), report.entities().get("country"));
        assertEquals(new TaggingEvaluation.Counts(1, 1, 1), report.figures().get("money"));
        assertEquals(new TaggingEvaluation.Accuracy(0, 1), report.fields().get("segment"));
        assertTrue(report.errors().contains("d1: missed country 'Kenya' → XX (found country 'Kenya' → KE)"), report.errors().toString());
        assertTrue(report.format(true).contains("country"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "{} => test.json: expected an object with a \"documents\" array",
        "{\"documents\": [{\"id\": \"a\"}]} => test.json: a: missing \"text\" in {\"id\":\"a\"}",
        "{\"documents\": [{\"id\": \"a\", \"text\": \"x\", \"entities\": [{\"type\": \"country\", \"text\": \"India\", \"canonical\": \"IN\"}]}]} => test.json: a: \"India\" does not occur in the text",
        "{\"documents\": [{\"id\": \"a\", \"text\": \"India\", \"entities\": [{\"type\": \"country\", \"text\": \"India\", \"canonical\": \"IN\", \"start\": 2}]}]} => test.json: a: \"India\" is not at offset 2",
        "{\"documents\": [{\"id\": \"a\", \"text\": \"India\", \"market_figures\": [{\"kind\": \"x\"}]}]} => test.json: a: a market figure needs a numeric \"value\"",
    })
    void refusesMalformedGoldFiles(String json, String message) {
        IOException e = assertThrows(IOException.class, () -> gold(json.replace("\\\"", "\"")));
        assertEquals(message.replace("\\\"", "\""), e.getMessage());
    }

    @Test
    void expandsAnEntityWithoutOffsetToEveryWholeWordOccurrence() throws IOException {
        GoldSet gold = gold("""
                {"documents": [{"id": "d", "text": "India, Indian and India.",
                  "entities": [{"type": "country", "text": "India", "canonical": "IN"},
                               {"type": "country", "text": "Indian", "canonical": "IN", "occurrence": 1}]}]}
                """);
        assertEquals(3, gold.documents().getFirst().entities().size());
    }
}
