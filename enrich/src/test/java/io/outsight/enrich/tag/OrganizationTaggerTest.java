package io.outsight.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationTaggerTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        // gazetteer, with aliases
        "Accenture, TCS and Tata Consultancy Services bid. => Accenture=Accenture,Tata Consultancy Services=TCS,Tata Consultancy Services=Tata Consultancy Services",
        "Analysts at Everest Group and Gartner agree. => Everest Group=Everest Group,Gartner=Gartner",
        // suffix rule: legal forms and name suffixes
        "Zylo Outsourcing Solutions Inc. opened a site. => Zylo Outsourcing Solutions=Zylo Outsourcing Solutions Inc.",
        "A report by Quantiva Research was cited. => Quantiva Research=Quantiva Research",
        "Brightline Corp. and Kestrel Holdings merged. => Brightline=Brightline Corp.,Kestrel Holdings=Kestrel Holdings",
        // head rule
        "The Ministry of Labour and Employment said so. => Ministry of Labour and Employment=Ministry of Labour and Employment",
        // acronym defined after a name, then reused
        "The Quantiva Outsourcing Association (QOA) met; QOA members agreed. => Quantiva Outsourcing Association=Quantiva Outsourcing Association,Quantiva Outsourcing Association=QOA,Quantiva Outsourcing Association=QOA",
        // Unicode names
        "Société Générale Services and Müller Consulting GmbH signed. => Société Générale Services=Société Générale Services,Müller Consulting=Müller Consulting GmbH",
    })
    void findsOrganisations(String text, String expected) {
        assertEquals(expected, Taggers.foundByRules(EntityTypes.ORGANIZATION, text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "Banks buy Financial Services and IT Services from vendors. => NONE",
        "Shared Services and Outsourcing are growing. => NONE",
    })
    void needsADistinctiveWordInARuleFoundName(String text, String expected) {
        assertEquals("", Taggers.foundByRules(EntityTypes.ORGANIZATION, text));
    }

    @Test
    void keepsCountriesInsideAnOrganisationForTheTagsOnly() {
        TaggingResult r = Taggers.DEFAULT.tag("", "The Philippine Economic Zone Authority approved it.");
        List<Entity> entities = r.entities();
        assertEquals("PEZA=Philippine Economic Zone Authority", Taggers.found(EntityTypes.ORGANIZATION, entities));
        assertEquals("", Taggers.found(EntityTypes.COUNTRY, entities));
        assertTrue(r.tags().countries().contains("PH"));
    }
}
