package io.outsight.app.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds the field names a Kibana Query Language query uses: {@code field : value}, {@code field >= value} and
 * nested groups {@code path:{ field : value }}. A scanner, not a full KQL parser: it skips quoted strings and
 * escaped characters, and it is enough for the queries a saved object holds. Stateless and thread-safe.
 */
final class KqlFieldNames {
    private static final String SEPARATORS = "():{}\"<>";

    /**
     * One use of a field in a query.
     *
     * @param name the full dotted name ({@code market_figures.kind} inside {@code market_figures:{ kind : x }})
     * @param nestedGroup whether the name opens a nested group ({@code market_figures:{ ... }})
     * @param insideNested the nested path of the group the name is in, null outside any group
     */
    record Use(String name, boolean nestedGroup, @Nullable String insideNested) {}

    private KqlFieldNames() {}

    static List<Use> of(String kql) {
        Objects.requireNonNull(kql, "kql");
        var uses = new ArrayList<Use>();
        Deque<String> groups = new ArrayDeque<>();
        int i = 0;
        int n = kql.length();
        while (i < n) {
            char c = kql.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '{' || c == '<' || c == '>' || c == ':'
                    || c == '=') {
                i++;
            } else if (c == '"') {
                i = endOfString(kql, i);
            } else if (c == '}') {
                groups.poll();
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(kql.charAt(i)) && SEPARATORS.indexOf(kql.charAt(i)) < 0) {
                    i += kql.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i, n);
                String token = unescape(kql.substring(start, i));
                int next = skipWhitespace(kql, i);
                if (next < n && (kql.charAt(next) == '<' || kql.charAt(next) == '>')) {
                    uses.add(new Use(prefixed(groups, token), false, groups.peek()));
                } else if (next < n && kql.charAt(next) == ':') {
                    String name = prefixed(groups, token);
                    int value = skipWhitespace(kql, next + 1);
                    if (value < n && kql.charAt(value) == '{') {
                        uses.add(new Use(name, true, groups.peek()));
                        groups.push(name);
                        i = value + 1;
                        continue;
                    }
                    uses.add(new Use(name, false, groups.peek()));
                    i = next + 1;
                }
                // Otherwise the token is a value or one of and, or, not.
            }
        }
        return uses;
    }

    private static String prefixed(Deque<String> groups, String token) {
        String group = groups.peek();
        return group == null ? token : group + "." + token;
    }

    private static int endOfString(String kql, int quote) {
        int i = quote + 1;
        while (i < kql.length() && kql.charAt(i) != '"') {
            i += kql.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, kql.length());
    }

    private static int skipWhitespace(String kql, int from) {
        int i = from;
        while (i < kql.length() && Character.isWhitespace(kql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String unescape(String token) {
        return token.replaceAll("\\\\(.)", "$1");
    }
}
