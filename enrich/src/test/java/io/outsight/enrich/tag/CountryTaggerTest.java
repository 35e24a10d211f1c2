package io.outsight.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryTaggerTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "India and the Philippines lead. => IN=India,PH=Philippines",
        "Indian, Filipino and Philippine firms. => IN=Indian,PH=Filipino,PH=Philippine",
        "The USA, the U.S. and the US differ from the UK and Britain. => US=USA,US=U.S.,US=US,GB=UK,GB=Britain",
        "American and British buyers. => US=American,GB=British",
        "Centres in Côte d’Ivoire, Türkiye and Viet Nam. => CI=Côte d’Ivoire,TR=Türkiye,VN=Viet Nam",
        "Agents in the Phillipines and Srilanka. => PH=Phillipines,LK=Srilanka",
        "Mexico, Colombia, Costa Rica and the Dominican Republic. => MX=Mexico,CO=Colombia,CR=Costa Rica,DO=Dominican Republic",
        "Pakistan's and Bangladesh’s IT exports. => PK=Pakistan,BD=Bangladesh",
        "Der indische Markt und Indien: India wächst. => IN=India",
        "Kazakhstan, Myanmar and Burma. => KZ=Kazakhstan,MM=Myanmar,MM=Burma",
    })
    void findsCountriesByNameAliasAndDemonym(String text, String expected) {
        assertEquals(expected, Taggers.found(EntityTypes.COUNTRY, text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "Revenue of US$ 5 billion and HK$ 3 billion. => NONE",
        "Ships crossed the Indian Ocean. => NONE",
        "A plant in New Mexico and an office in New Jersey. => NONE",
        "Agents who are Spanish-speaking and fluent in French. => NONE",
        "india in lower case is no name. => NONE",
        "Let us see. => NONE",
    })
    void leavesOutWhatIsNoCountry(String text, String expected) {
        assertEquals(expected.equals("NONE") ? "" : expected, Taggers.found(EntityTypes.COUNTRY, text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "APAC, LATAM and EMEA markets. => APAC=APAC,LATAM=LATAM,EMEA=EMEA",
        "Asia-Pacific and Latin America grew; Eastern Europe too. => APAC=Asia-Pacific,LATAM=Latin America,CEE=Eastern Europe",
        "The Middle East, Africa and North America. => MIDDLE_EAST=Middle East,AFRICA=Africa,NORTH_AMERICA=North America",
        "GCC states such as the UAE and Saudi Arabia. => GCC=GCC",
        "India has 1,700 GCCs, or global capability centres. => NONE",
    })
    void findsRegionsSeparately(String text, String expected) {
        assertEquals(expected.equals("NONE") ? "" : expected, Taggers.found(EntityTypes.REGION, text));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "Offshore and nearshore delivery, plus onshore teams. => offshore=Offshore,nearshore=nearshore,onshore=onshore",
        "Offshoring, near-shoring and reshoring. => offshore=Offshoring,nearshore=near-shoring,onshore=reshoring",
        "Offshore wind farms and offshore oil rigs. => NONE",
        "Funds held in offshore accounts. => NONE",
    })
    void findsSourcingModels(String text, String expected) {
        assertEquals(expected.equals("NONE") ? "" : expected, Taggers.found(EntityTypes.SOURCING_MODEL, text));
    }
}
