package io.outsight.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the uses of fields by a saved object against the mapping of the index it reads: the field exists, and
 * its type allows the use (a terms column needs doc values, a date histogram a date, a query an indexed field in the
 * right nested scope). Each problem is added to the list given, named by where it was found. Not thread-safe: it
 * appends to that list.
 */
final class FieldUses {
    /** What a field is used for, and so what its mapping must allow. */
    enum Need {
        /** Shown or labelled: the field only has to exist. */
        DISPLAY,
        /** Matched by a query: it must be indexed, and in the nested scope of the query. */
        QUERY,
        /** Bucketed or sorted on: it needs doc values. */
        AGGREGATE,
        /** Summed, averaged, ... */
        NUMBER,
        /** A time field or date histogram. */
        DATE
    }

    private final List<String> problems;

    FieldUses(List<String> problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** A field used at the document's root. */
    void check(String where, IndexFields fields, String name, Need need) {
        check(where, fields, name, need, null);
    }

    /**
     * A field used inside the nested scope {@code nestedContext} (null: the root). Kibana accepts {@code *}
     * wildcards in some places (columns, queries): such a pattern must match at least one field.
     */
    void check(String where, IndexFields fields, String name, Need need, @Nullable String nestedContext) {
        if (name.contains("*")) {
            if (!fields.matchesAny(name)) {
                problems.add(where + ": field pattern '" + name + "' matches no field of the mapping of '"
                        + fields.index() + "'");
            }
            return;
        }
        IndexFields.Field field = fields.field(name).orElse(null);
        if (field == null) {
            problems.add(where + ": field '" + name + "' is not in the mapping of '" + fields.index() + "'"
                    + (fields.isNestedPath(name) ? " (it is a nested object, not a field)" : ""));
            return;
        }
        String why = switch (need) {
            case DISPLAY -> null;
            case QUERY -> field.searchable() ? null : "is not indexed (index: false), so a query cannot use it";
            case AGGREGATE -> field.aggregatable() ? null
                    : "is a " + field.type() + " field, which cannot be aggregated or sorted on";
            case NUMBER -> field.isNumeric() ? null : "is a " + field.type() + " field, not a number";
            case DATE -> field.isDate() ? null : "is a " + field.type() + " field, not a date";
        };
        if (why != null) {
            problems.add(where + ": field '" + name + "' " + why);
        }
        // Elasticsearch matches a field of a nested object only inside a nested clause on its path, and answers
        // with nothing, not an error, when it is used elsewhere.
        if (need == Need.QUERY && !Objects.equals(field.nestedPath(), nestedContext)) {
            String is = field.nestedPath() == null ? "not in a nested object"
                    : "inside the nested object '" + field.nestedPath() + "'";
            String used = nestedContext == null ? "outside a nested query or aggregation"
                    : "inside one on '" + nestedContext + "'";
            problems.add(where + ": field '" + name + "' is " + is + " but is used " + used + ", where it matches"
                    + " nothing");
        }
    }

    /** A query object {@code {"query": "...", "language": "kuery"}}; Lucene syntax is not parsed. */
    void checkQuery(String where, JsonNode query, IndexFields fields) {
        if (!query.path("language").asText("kuery").equals("kuery")) {
            return;
        }
        for (KqlFieldNames.Use use : KqlFieldNames.of(query.path("query").asText(""))) {
            if (use.nestedGroup()) {
                if (!fields.isNestedPath(use.name())) {
                    problems.add(where + ": '" + use.name() + ":{ }' groups a query on a nested object, but '"
                            + use.name() + "' is not a nested field of the mapping of '" + fields.index() + "'");
                }
            } else {
                check(where, fields, use.name(), Need.QUERY, use.insideNested());
            }
        }
    }

    /** Kibana filters (pills): the field in their meta, and the fields of their query DSL. */
    void checkFilters(String where, JsonNode filters, IndexFields fields) {
        for (JsonNode filter : filters) {
            String key = filter.path("meta").path("key").asText("");
            if (!key.isEmpty()) {
                check(where + ": filter", fields, key, Need.QUERY);
            }
            checkRequestBody(where + ": filter", filter.path("query"), fields);
        }
    }

    /** The aggregations and queries of an Elasticsearch request body, with their nested scopes. */
    void checkRequestBody(String where, JsonNode body, IndexFields fields) {
        for (QueryDslFields.Use use : QueryDslFields.of(body)) {
            if (!use.isNestedClause()) {
                check(where, fields, use.name(), Need.QUERY, use.nestedPath());
            } else if (!fields.isNestedPath(use.name())) {
                problems.add(where + ": nested path '" + use.name() + "' is not a nested field of the mapping of '"
                        + fields.index() + "'");
            }
        }
    }
}
