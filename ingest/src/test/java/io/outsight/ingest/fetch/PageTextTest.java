package io.outsight.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTextTest {
    private static final String RUSSIAN = "<html><head><title>Аутсорсинг</title></head><body><p>Рынок аутсорсинга "
            + "бизнес-процессов в России вырос на двенадцать процентов за год, сообщили аналитики. Крупнейшие "
            + "поставщики услуг расширяют центры обработки вызовов в регионах, где зарплаты ниже, чем в Москве.</p>"
            + "</body></html>";
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void aByteOrderMarkWinsOverTheHeader() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "<p>Zürich</p>".getBytes(StandardCharsets.UTF_8));
        var decoded = PageText.decode(body, "windows-1252");
        assertEquals("<p>Zürich</p>", decoded.text());
        assertEquals("bom", decoded.source());
    }

    @Test
    void usesTheCharsetOfTheHeader() {
        var decoded = PageText.decode(RUSSIAN.getBytes(WINDOWS_1251), "windows-1251");
        assertEquals(RUSSIAN, decoded.text());
        assertEquals("header", decoded.source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<meta charset=\"windows-1251\">|meta",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">|meta",
        "<META CHARSET=windows-1251 />|meta",
    })
    void usesAMetaCharsetWhenTheHeaderHasNone(String meta, String source) {
        String html = RUSSIAN.replace("<head>", "<head>" + meta);
        var decoded = PageText.decode(html.getBytes(WINDOWS_1251), null);
        assertEquals(html, decoded.text());
        assertEquals(source, decoded.source());
    }

    @Test
    void usesTheEncodingOfAnXmlDeclaration() {
        String xhtml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>" + RUSSIAN;
        var decoded = PageText.decode(xhtml.getBytes(WINDOWS_1251), null);
        assertEquals(xhtml, decoded.text());
        assertEquals("xml-declaration", decoded.source());
    }

    @Test
    void detectsUndeclaredUtf8() {
        var decoded = PageText.decode(RUSSIAN.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(RUSSIAN, decoded.text());
        assertEquals(StandardCharsets.UTF_8, decoded.charset());
        assertEquals("detected", decoded.source());
    }

    @Test
    void detectsAnUndeclaredCyrillicCharset() {
        var decoded = PageText.decode(RUSSIAN.getBytes(WINDOWS_1251), null);
        assertEquals(WINDOWS_1251, decoded.charset());
        assertEquals(RUSSIAN, decoded.text());
    }

    @Test
    void fallsBackToWindows1252ForUndeclaredLatinText() {
        String html = "<p>Caf\u00e9 cr\u00e8me \u2013 \u201cna\u00efve\u201d r\u00e9sum\u00e9s for the d\u00e9cor</p>";
        var decoded = PageText.decode(html.getBytes(WINDOWS_1252), null);
        assertEquals(html, decoded.text());
    }

    @Test
    void readsAnIso88591LabelAsWindows1252AsBrowsersDo() {
        byte[] body = {'<', 'p', '>', (byte) 0x93, 'q', (byte) 0x94, '<', '/', 'p', '>'};
        assertEquals("<p>\u201cq\u201d</p>", PageText.decode(body, "ISO-8859-1").text());
    }

    @Test
    void ignoresAnUnknownHeaderCharset() {
        var decoded = PageText.decode("<p>plain</p>".getBytes(StandardCharsets.US_ASCII), "no-such-charset");
        assertEquals("<p>plain</p>", decoded.text());
        assertTrue(decoded.source().equals("detected"), decoded.source());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
