package io.outsight.ingest.extract.content;

import org.jsoup.nodes.Element;

/**
 * Tells tables of data (kept as text) from tables used for layout (whose cells are blocks), as Readability does.
 * Stateless and thread-safe.
 */
final class DataTables {

    private DataTables() {}

    static boolean isDataTable(Element table) {
        String role = table.attr("role");
        if (role.equalsIgnoreCase("presentation") || table.attr("datatable").equals("0")) {
            return false;
        }
        if (!table.attr("summary").isEmpty() || table.selectFirst("> caption") != null) {
            return true;
        }
        for (Element d : table.getAllElements()) {
            String tag = d.normalName();
            if (tag.equals("col") || tag.equals("colgroup") || tag.equals("tfoot") || tag.equals("thead")
                    || tag.equals("th")) {
                return true;
            }
            if (tag.equals("table") && d != table) {
                // Nested tables are layout.
                return false;
            }
        }
        int rows = 0;
        int columns = 0;
        for (Element tr : table.getElementsByTag("tr")) {
            rows++;
            int cells = 0;
            for (Element cell : tr.children()) {
                if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
                    String span = cell.attr("colspan");
                    cells += span.matches("\\d{1,3}") ? Math.max(1, Integer.parseInt(span)) : 1;
                }
            }
            columns = Math.max(columns, cells);
        }
        if (rows == 1 || columns == 1) {
            return false;
        }
        if (rows >= 10 || columns > 4) {
            return true;
        }
        return rows * columns > 10;
    }
}
