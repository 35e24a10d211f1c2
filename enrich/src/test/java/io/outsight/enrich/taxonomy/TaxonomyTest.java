package io.outsight.enrich.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {

    @Test
    void loadsTheBundledFilesWithEveryOutsourcingCode() {
        Taxonomy taxonomy = Taxonomy.loadDefault();
        assertEquals(Set.of("BPO", "KPO", "ITO", "BTO", "RPO", "LPO", "HRO", "FAO", "EPO"),
                taxonomy.outsourcingTypes().codes().keySet());
        assertEquals(Set.of("offshore", "nearshore", "onshore"), taxonomy.sourcingModels().codes().keySet());
        assertTrue(taxonomy.regions().codes().keySet().containsAll(Set.of("APAC", "LATAM", "EMEA")));
    }

    @Test
    void buildsCountryNamesFromTheJdk() {
        TermFile countries = Taxonomy.loadDefault().countries();
        // every ISO code the JDK knows has at least one name
        for (String code : CountryData.isoCodes()) {
            assertTrue(countries.entries().stream().anyMatch(e -> e.canonicals().contains(code)), code);
        }
        assertTrue(countries.entries().stream().anyMatch(e -> e.term().equals("Kazakhstan") && e.origin().equals("JDK KZ")));
    }

    @Test
    void splitsJdkNamesWithParenthesesAndRegionSuffixes() {
        assertEquals(Set.of("Myanmar", "Burma"), CountryData.variants("Myanmar (Burma)"));
        assertEquals(Set.of("Hong Kong SAR China", "Hong Kong"), CountryData.variants("Hong Kong SAR China"));
        assertEquals(Set.of("St. Lucia", "Saint Lucia"), CountryData.variants("St. Lucia"));
    }

    @Test
    void takesEditedFilesFromAFolderAndTheRestFromTheBundle(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(Taxonomy.SOURCING_MODELS), """
                @code offshore Offshore
                @code nearshore Nearshore
                @code onshore Onshore
                @code anyshore A new model added by a user
                anyshore | anyshoring
                offshore | offshore
                """);
        Taxonomy taxonomy = Taxonomy.load(folder);
        assertTrue(taxonomy.sourcingModels().codes().containsKey("anyshore"));
        assertEquals(9, taxonomy.outsourcingTypes().codes().size());
    }

    @Test
    void refusesUndeclaredCodesUnknownCountriesAndBadWeights(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(Taxonomy.OUTSOURCING_TYPES), bundled(Taxonomy.OUTSOURCING_TYPES) + "\nXPO | x process outsourcing\n");
        Files.writeString(folder.resolve(Taxonomy.COUNTRIES), bundled(Taxonomy.COUNTRIES) + "\nZZ | Zedland\n");
        Files.writeString(folder.resolve(Taxonomy.RELEVANCE), "high | outsourcing\n");
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(folder));
        List<String> problems = e.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'XPO' is not a code declared with @code"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'ZZ' is not an ISO 3166-1 alpha-2 country code")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("relevance.terms:1: weight must be a number")));
    }

    @Test
    void refusesATermThatCouldNeverMatch(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(Taxonomy.REGIONS), """
                @code APAC Asia-Pacific
                @code ASIA Asia
                APAC | Asia
                ASIA | Asia
                """);
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(folder));
        assertTrue(e.getMessage().contains("regions.terms:4: term 'Asia' is also listed for APAC at regions.terms:3"), e.getMessage());
    }

    @Test
    void requiresTheSetsTheRulesRead(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(Taxonomy.PEOPLE), "Jane Doe | Jane Doe\n");
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> Taxonomy.load(folder));
        assertTrue(e.getMessage().contains("people.terms: the taggers need '@set titles: ...'"), e.getMessage());
    }

    static String bundled(String name) throws IOException {
        try (InputStream in = Taxonomy.class.getResourceAsStream("/io/outsight/enrich/taxonomy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
