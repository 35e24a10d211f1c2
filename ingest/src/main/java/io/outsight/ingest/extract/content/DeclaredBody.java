package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns an article body declared in structured data into paragraphs: markup is written like page content, plain
 * text is split on its line breaks. Stateless and thread-safe.
 */
final class DeclaredBody {

    private DeclaredBody() {}

    static ArticleText toText(String body) {
        if (body.indexOf('<') >= 0 && body.indexOf('>') > body.indexOf('<')) {
            Document fragment = Jsoup.parseBodyFragment(body);
            DomCleaner.clean(fragment.body());
            return TextWriter.write(fragment.body());
        }
        var paragraphs = new ArrayList<String>();
        for (String line : body.split("\\R")) {
            String p = line.replaceAll("[\\s\\u00A0]+", " ").strip();
            if (!p.isEmpty()) {
                paragraphs.add(p);
            }
        }
        return new ArticleText(String.join("\n\n", paragraphs), java.util.List.of());
    }
}
