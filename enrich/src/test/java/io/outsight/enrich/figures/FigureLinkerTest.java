package io.outsight.enrich.figures;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.outsight.core.record.MarketFigure;
import io.outsight.enrich.tag.ArticleTagger;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FigureLinkerTest {
    static final ArticleTagger TAGGER = ArticleTagger.loadDefault();

    /** kind value currency year period cagr segment country attributed_to, one line per figure. */
    static String figures(String text) {
        List<MarketFigure> figures = TAGGER.tag("", text).marketFigures();
        return figures.stream().map(f -> String.join(" ", f.kind(), String.valueOf(f.value()), String.valueOf(f.currency()),
                "y=" + f.year(), "p=" + f.periodStart() + "-" + f.periodEnd(), "cagr=" + f.cagrPercent(),
                "seg=" + f.segment(), "c=" + f.country(), "by=" + f.attributedTo())).collect(Collectors.joining(" | "));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "The global BPO market is expected to reach USD 343.2 billion by 2025 at a 7.4% CAGR. "
                + "=> market_size 3.432E11 USD y=2025 p=null-null cagr=7.4 seg=BPO c=null by=null",
        "According to a study by Grand View Research, India's KPO market will be worth $20 billion in 2027, growing at a CAGR of 8% from 2020 to 2027. "
                + "=> market_size 2.0E10 USD y=2027 p=null-null cagr=8.0 seg=KPO c=IN by=Grand View Research",
        "The Philippine IT-BPM industry earned revenue of US$ 35.5 billion in 2022, IBPAP said. "
                + "=> revenue 3.55E10 USD y=2022 p=null-null cagr=null seg=BPO c=PH by=IBPAP",
        "India's IT-BPM exports reached Rs 5,000 crore in FY18. "
                + "=> exports 5.0E10 INR y=2018 p=null-null cagr=null seg=BPO c=IN by=null",
        "The contact centre market grew 12% year-on-year in 2018–19. "
                + "=> growth_rate 12.0 null y=null p=2018-2019 cagr=null seg=BPO c=null by=null",
        "India holds a 55% share of the global offshore BPO market. "
                + "=> market_share 55.0 null y=null p=null-null cagr=null seg=BPO c=IN by=null",
        "The Philippine BPO industry employs 1.3 million people. "
                + "=> headcount 1300000.0 null y=null p=null-null cagr=null seg=BPO c=PH by=null",
        "The HR outsourcing market grew from $200 billion in 2020 to $250 billion by 2025. "
                + "=> market_size 2.0E11 USD y=2020 p=null-null cagr=null seg=HRO c=null by=null"
                + " | market_size 2.5E11 USD y=2025 p=null-null cagr=null seg=HRO c=null by=null",
        "Mexico's nearshore IT outsourcing market is worth $10-12 billion, Everest Group estimates. "
                + "=> market_size 1.0E10 USD y=null p=null-null cagr=null seg=ITO c=MX by=Everest Group",
    })
    void linksFiguresWithTheirContext(String text, String expected) {
        assertEquals(expected, figures(text));
    }

    @Test
    void carriesSegmentCountryAndReportIntoTheNextSentenceOfAParagraph() {
        String text = "A new report by Mordor Intelligence covers the Indian legal process outsourcing market. "
                + "According to the report, it will be worth $5.5 billion by 2028.\n\nThe stock rose $2 billion in value.";
        assertEquals("market_size 5.5E9 USD y=2028 p=null-null cagr=null seg=LPO c=IN by=Mordor Intelligence"
                + " | market_size 2.0E9 USD y=null p=null-null cagr=null seg=null c=null by=null", figures(text));
    }

    @Test
    void leavesSmallUnclassifiedAmountsOut() {
        assertEquals("", figures("Shares of the company closed at $14.20 on Friday."));
    }

    @Test
    void neverThrowsOnArbitraryText() {
        Random random = new Random(7);
        String[] parts = {"$", "US$", "Rs", "₹", "€", "1", "2,5", "0.", ".7", "343.2", "bn", "crore", "lakh", "%", "CAGR",
            "by", "2025", "FY", "18", "-", "–", "to", " ", "\n", "according to", "Gartner", "BPO", "India", "people",
            "million", "(", ")", "per cent", "from", "between", "and", "2018–19", "9999999999999999999999"};
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                sb.append(parts[random.nextInt(parts.length)]);
                if (random.nextBoolean()) {
                    sb.append(' ');
                }
            }
            String text = sb.toString();
            assertDoesNotThrow(() -> {
                MoneyParser.parse(text);
                PercentParser.parse(text);
                PeriodParser.parse(text);
                HeadcountParser.parse(text);
                TAGGER.tag("", text);
            }, text);
        }
    }
}
