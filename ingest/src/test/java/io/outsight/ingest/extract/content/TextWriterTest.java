package io.outsight.ingest.extract.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextWriterTest {

    private static String write(String bodyHtml) {
        return TextWriter.write(Jsoup.parseBodyFragment(bodyHtml).body()).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            <p>One</p><p>Two</p>                          | One\\n\\nTwo
            <p>Line<br>break</p>                          | Line\\nbreak
            <div>First<br><br>Second<br> <br>Third</div>  | First\\n\\nSecond\\n\\nThird
            <p>  spaced \\t out\\n words </p>             | spaced out words
            <p>a&nbsp;b</p>                               | a b
            <p>in<b>line</b> <i>styles</i> join</p>       | inline styles join
            <ul><li>one</li><li>two</li></ul>             | one\\n\\ntwo
            <p>one</p>text between<p>two</p>              | one\\n\\ntext between\\n\\ntwo
            """)
    void writesBlocksAsParagraphs(String html, String expected) {
        assertEquals(expected.replace("\\n", "\n"), write(html.replace("\\t", "\t").replace("\\n", "\n")));
    }

    @Test
    void writesTheRowsOfADataTableAsLinesOfTabSeparatedCells() {
        assertEquals("Country\tSeats\nIndia\t1,200\nPoland\t300",
                write("<table><tr><th>Country</th><th>Seats</th></tr><tr><td>India</td><td>1,200</td></tr>"
                        + "<tr><td>Poland</td><td>300</td></tr></table>"));
    }

    @Test
    void writesTheCellsOfALayoutTableAsBlocks() {
        assertEquals("Left column\n\nRight column text",
                write("<table><tr><td><p>Left column</p></td><td><div>Right column text</div></td></tr></table>"));
    }

    @Test
    void collectsHeadings() {
        var text = TextWriter.write(Jsoup.parseBodyFragment(
                "<h2>Market  size</h2><p>Big.</p><h3>By <em>region</em></h3><p>Asia.</p>").body());
        assertEquals(List.of("Market size", "By region"), text.headings());
        assertEquals("Market size\n\nBig.\n\nBy region\n\nAsia.", text.text());
    }
}
