package io.outsight.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutsourcingTypeTaggerTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        // acronyms, spelled-out names, variants
        "The BPO sector and KPO firms hired more. => BPO=BPO,KPO=KPO",
        "Business Process Outsourcing and knowledge-process outsourcing grew. => BPO=Business Process Outsourcing,KPO=knowledge-process outsourcing",
        "Its call centres and a contact center in Cebu. => BPO=call centres,BPO=contact center",
        "The ITES sector, also written ITeS, employs millions. => BPO=ITES,BPO=ITeS",
        "India's IT-BPM industry grew 8%. => ITO=IT-BPM,BPO=IT-BPM",
        "NASSCOM says the BPM segment of India's industry grew. => BPO=BPM",
        "IT outsourcing and finance and accounting outsourcing deals. => ITO=IT outsourcing,FAO=finance and accounting outsourcing",
        "Legal process outsourcing (LPO) and HR outsourcing rose. => LPO=Legal process outsourcing,LPO=LPO,HRO=HR outsourcing",
        "Recruitment process outsourcing providers expanded their RPO teams. => RPO=Recruitment process outsourcing,RPO=RPO",
        "Engineering services outsourcing (ESO) firms and ESO deals. => EPO=Engineering services outsourcing,EPO=ESO,EPO=ESO",
        "Business transformation outsourcing (BTO) is rare. => BTO=Business transformation outsourcing,BTO=BTO",
        // odd spacing and Unicode hyphens
        "business  process\u00a0outsourcing and IT‑BPM => BPO=business  process\u00a0outsourcing,ITO=IT‑BPM,BPO=IT‑BPM",
        // non-English text around the terms
        "Le secteur BPO aux Philippines croît; die KPO-Branche in Indien auch. => BPO=BPO,KPO=KPO",
    })
    void findsOutsourcingTypes(String text, String expected) {
        assertEquals(expected, Taggers.found(EntityTypes.OUTSOURCING_TYPE, text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        // IPO is an initial public offering ...
        "The company's IPO was priced at the top of the range on the stock exchange. => NONE",
        // ... unless the article is about outsourcing intellectual property work
        "Intellectual property outsourcing (IPO) vendors help law firms; IPO demand grew. => LPO=Intellectual property outsourcing,LPO=IPO,LPO=IPO",
        // RPA is no outsourcing type
        "RPA and robotic process automation cut costs. => NONE",
        // RPO in disaster-recovery text is a recovery point objective
        "Set an RPO of 15 minutes and an RTO of one hour in the disaster recovery plan. => NONE",
        "Our backups give an RPO close to zero. => NONE",
        // FAO and EPO as public bodies
        "The FAO warned about food prices and crop failures. => NONE",
        "The EPO granted the patent last year. => NONE",
        // BPM outside Indian industry usage is software or music
        "Pega sells BPM software and a workflow engine. => NONE",
        "The song runs at 120 BPM. => NONE",
        // ITO as indium tin oxide
        "ITO coating on touchscreen glass. => NONE",
        // a text that defines RPO otherwise wins over the file
        "Research process outsourcing (RPO) firms serve drug makers; RPO demand grew. => KPO=Research process outsourcing,KPO=RPO,KPO=RPO",
    })
    void resolvesAmbiguousAcronymsByContext(String text, String expected) {
        assertEquals(expected.equals("NONE") ? "" : expected, Taggers.found(EntityTypes.OUTSOURCING_TYPE, text));
    }
}
