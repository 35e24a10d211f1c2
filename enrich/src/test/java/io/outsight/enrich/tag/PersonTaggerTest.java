package io.outsight.enrich.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonTaggerTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "Mr. Ramon Dizon runs the site. => Ramon Dizon=Ramon Dizon",
        "“We grow,” said Maria Santos. => Maria Santos=Maria Santos",
        "Priya Raghavan said demand is strong. => Priya Raghavan=Priya Raghavan",
        "Acme CEO Jonas Whitfield disagreed. => Jonas Whitfield=Jonas Whitfield",
        "Liza Marquez, chief executive of Acme, spoke. Marquez added more. => Liza Marquez=Liza Marquez,Liza Marquez=Marquez",
        "Dr. Anand K. Sharma said so. => Anand K. Sharma=Anand K. Sharma",
        "José Ramírez said the market grew. => José Ramírez=José Ramírez",
        "Salil Parekh leads Infosys. => Salil Parekh=Salil Parekh",
    })
    void findsPeopleByCues(String text, String expected) {
        assertEquals(expected, Taggers.foundByRules(EntityTypes.PERSON, text));
    }
}
