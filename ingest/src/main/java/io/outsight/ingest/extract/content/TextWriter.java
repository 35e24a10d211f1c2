package io.outsight.ingest.extract.content;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Writes a content subtree as plain text: one paragraph per block (separated by a blank line), line breaks for
 * {@code <br>}, list items and table rows on their own lines, table cells separated by tabs, preformatted text kept
 * as is. Collects the headings on the way. Not thread-safe: one instance per subtree written.
 */
final class TextWriter implements NodeVisitor {

    private final List<String> paragraphs = new ArrayList<>();
    private final List<String> headings = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int preDepth;
    private int tableDepth;

    /** The text and the headings of a subtree. */
    static ArticleText write(Element root) {
        var writer = new TextWriter();
        Dom.traverse(root, writer);
        writer.flush();
        return new ArticleText(String.join("\n\n", writer.paragraphs), List.copyOf(writer.headings));
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
            appendText(t);
            return;
        }
        if (!(node instanceof Element e)) {
            return;
        }
        String tag = e.normalName();
        switch (tag) {
            case "br" -> {
                // Two line breaks in a row are how old pages separate paragraphs.
                if (preDepth == 0 && !current.isEmpty() && endsWithLineBreak()) {
                    flush();
                } else {
                    newLine();
                }
            }
            case "pre" -> {
                flush();
                preDepth++;
            }
            case "table" -> {
                flush();
                tableDepth++;
            }
            case "td", "th" -> {
                if (tableDepth > 0 && isDataCell(e)) {
                    if (!current.isEmpty() && !endsWithLineBreak()) {
                        current.append('\t');
                    }
                } else {
                    flush();
                }
            }
            case "tr" -> {
                if (tableDepth > 0 && isDataRow(e)) {
                    newLine();
                } else {
                    flush();
                }
            }
            case "li", "dt", "dd" -> flush();
            case "thead", "tbody", "tfoot" -> {
                // Row groups: the rows break the lines.
            }
            default -> {
                if (Dom.BLOCKS.contains(tag)) {
                    flush();
                }
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (!(node instanceof Element e)) {
            return;
        }
        String tag = e.normalName();
        switch (tag) {
            case "pre" -> {
                flush();
                preDepth--;
            }
            case "table" -> {
                flush();
                tableDepth--;
            }
            case "td", "th", "tr" -> {
                if (!(tableDepth > 0 && isDataRow(tag.equals("tr") ? e : e.parent()))) {
                    flush();
                }
            }
            case "br", "thead", "tbody", "tfoot" -> {}
            default -> {
                if (Dom.HEADINGS.contains(tag)) {
                    String heading = current.toString().strip();
                    flush();
                    if (!heading.isEmpty()) {
                        headings.add(heading.replaceAll("\\s+", " "));
                    }
                } else if (Dom.BLOCKS.contains(tag)) {
                    flush();
                }
            }
        }
    }

    /** A row of a table whose cells hold only phrasing content: written as one line. */
    private static boolean isDataRow(Element row) {
        if (row == null) {
            return false;
        }
        for (Element cell : row.children()) {
            if (!isDataCell(cell)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDataCell(Element cell) {
        for (Element d : cell.getAllElements()) {
            if (d != cell && Dom.BLOCK_CHILDREN.contains(d.normalName()) && !d.normalName().equals("img")) {
                return false;
            }
        }
        return true;
    }

    private void appendText(TextNode t) {
        String raw = t.getWholeText();
        if (preDepth > 0) {
            current.append(raw);
            return;
        }
        boolean leadingSpace = !raw.isEmpty() && isSpace(raw.charAt(0));
        boolean trailingSpace = !raw.isEmpty() && isSpace(raw.charAt(raw.length() - 1));
        String collapsed = collapse(raw);
        if (collapsed.isEmpty()) {
            if (!raw.isEmpty() && !current.isEmpty() && !endsWithSpace()) {
                current.append(' ');
            }
            return;
        }
        if (leadingSpace && !current.isEmpty() && !endsWithSpace()) {
            current.append(' ');
        }
        current.append(collapsed);
        if (trailingSpace) {
            current.append(' ');
        }
    }

    private static String collapse(String raw) {
        var sb = new StringBuilder(raw.length());
        boolean space = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (isSpace(c)) {
                space = true;
            } else {
                if (space && !sb.isEmpty()) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u200B';
    }

    private boolean endsWithSpace() {
        char last = current.charAt(current.length() - 1);
        return last == ' ' || last == '\n' || last == '\t';
    }

    private boolean endsWithLineBreak() {
        return current.charAt(current.length() - 1) == '\n';
    }

    private void newLine() {
        // Trailing spaces before a line break carry nothing.
        int end = current.length();
        while (end > 0 && current.charAt(end - 1) == ' ') {
            end--;
        }
        current.setLength(end);
        if (!current.isEmpty() && !endsWithLineBreak()) {
            current.append('\n');
        }
    }

    private void flush() {
        if (current.isEmpty()) {
            return;
        }
        String paragraph = tidy(current.toString());
        current.setLength(0);
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
    }

    /** Strips each line, drops empty lines. */
    private String tidy(String text) {
        if (preDepth > 0) {
            return text.strip();
        }
        var sb = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(stripped);
            }
        }
        return sb.toString();
    }
}
