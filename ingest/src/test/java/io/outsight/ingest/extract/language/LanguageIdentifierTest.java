package io.outsight.ingest.extract.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.ingest.extract.TestExtractors;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageIdentifierTest {

    private final LanguageIdentifier identifier = TestExtractors.languages();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Outsourcing companies in India reported strong growth in the third quarter, driven by demand for cloud services.
            de | Die Nachfrage nach IT-Dienstleistungen ist im vergangenen Jahr deutlich gestiegen, berichten die Anbieter.
            fr | Les entreprises françaises externalisent de plus en plus leurs services informatiques vers le Maroc.
            es | Las empresas de servicios compartidos en Colombia contratan a miles de personas cada año.
            ru | Российские компании всё чаще передают обслуживание своих информационных систем внешним подрядчикам.
            pt | As empresas brasileiras de tecnologia estão contratando mais desenvolvedores para atender clientes estrangeiros.
            """)
    void answersWithTwoLetterCodes(String expected, String text) {
        assertEquals(Optional.of(expected), identifier.identify(text));
    }

    @Test
    void judgesTheLanguageByTheSentencesNotByTablesOfNames() {
        String text = "Nesta página você terá sempre a classificação atualizada do campeonato até a última corrida."
                + "\n\nJimmie Johnson\t5323\nKevin Harvick\t5285\nDenny Hamlin\t5232\nKyle Busch\t5100"
                + "\nJeff Gordon\t5050\nMatt Kenseth\t4900\nCarl Edwards\t4850\nTony Stewart\t4800"
                + "\nGreg Biffle\t4780\nClint Bowyer\t4700\nKurt Busch\t4650\nJeff Burton\t4600";
        assertEquals(Optional.of("pt"), identifier.identify(text));
    }

    @Test
    void aDeclaredLanguageWinsWhenTheModelHesitatesBetweenCloseLanguages() {
        String indonesian = "Perusahaan alih daya di Indonesia terus tumbuh tahun ini, kata asosiasi industri.";
        assertEquals(Optional.of("id"), identifier.identify(indonesian, "id"));
    }

    @Test
    void aDeclaredLanguageLosesToClearEvidence() {
        String german = "Die Nachfrage nach IT-Dienstleistungen ist im vergangenen Jahr deutlich gestiegen.";
        assertEquals(Optional.of("de"), identifier.identify(german, "en"));
    }

    @Test
    void itsSampleNeverEndsInHalfASurrogatePair() {
        // A text without sentences is sampled as it is, cut at the limit: here right inside an emoji's pair.
        String text = "a".repeat(LanguageIdentifier.MAX_CHARS - 1) + "\uD83D\uDE00" + " more text";
        String sample = LanguageIdentifier.sentences(text);
        assertEquals(LanguageIdentifier.MAX_CHARS - 1, sample.length());
        assertTrue(!Character.isHighSurrogate(sample.charAt(sample.length() - 1)), "lone high surrogate at the end");
        String whole = "b".repeat(LanguageIdentifier.MAX_CHARS + 5);
        assertEquals(LanguageIdentifier.MAX_CHARS, LanguageIdentifier.sentences(whole).length());
    }

    @Test
    void saysNothingAboutTooShortTexts() {
        assertEquals(Optional.empty(), identifier.identify("Hello world"));
        assertEquals(Optional.empty(), identifier.identify("1234 5678 — !!!"));
    }

    @ParameterizedTest
    @CsvSource({"eng, en", "deu, de", "cmn, zh", "pes, fa", "lvs, lv", "ekk, et", "ind, id", "nob, nb", "ceb, ceb",
        "gsw, gsw"})
    void mapsModelCodesToIso6391WhereOneExists(String model, String expected) {
        assertEquals(expected, LanguageIdentifier.toIso6391(model));
    }

    @Test
    void canBeSharedBetweenThreads() throws Exception {
        String english = "The vendor will move its service desk to Kraków next year, the company said on Monday.";
        String german = "Der Dienstleister verlegt seinen Service-Desk im nächsten Jahr nach Krakau, teilte er mit.";
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 200; i++) {
            boolean en = i % 2 == 0;
            tasks.add(() -> identifier.identify(en ? english : german).equals(Optional.of(en ? "en" : "de")));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertTrue(result.get());
            }
        }
    }
}
