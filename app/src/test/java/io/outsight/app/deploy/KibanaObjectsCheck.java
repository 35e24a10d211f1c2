package io.outsight.app.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Kibana saved-objects file against the index mappings it is meant for, without a Kibana: every object is
 * well formed, every reference points at an object of the file, and every field an object names (data view time
 * field and field settings, Lens columns, Kibana queries, saved-search columns and sort, the aggregations of a Vega
 * spec) is defined by the mapping of the index it reads, with a type that suits its use. Kibana itself accepts such
 * mistakes silently at import and shows an empty or broken panel later.
 *
 * <p>Longer than most classes: one section per object type (data view, Lens, saved search, legacy visualisation,
 * dashboard), which share the run's index of objects and its list of problems; {@link FieldUses} holds the rules for
 * fields, {@link KqlFieldNames} and {@link QueryDslFields} find them in queries.
 *
 * <p>Thread-safe: the mappings are immutable, and each call of {@link #problems} works on its own state.
 */
final class KibanaObjectsCheck {
    /** Lens's pseudo-field for "count of records". */
    private static final String RECORDS = "___records___";
    /** Lens operations that read no field. */
    private static final Set<String> FIELDLESS_OPERATIONS = Set.of("formula", "math", "static_value", "time_range",
            "differences", "moving_average", "cumulative_sum", "counter_rate", "overall_sum", "overall_min",
            "overall_max", "overall_average", "normalize_by_unit");
    private static final Set<String> NUMERIC_OPERATIONS = Set.of("sum", "average", "median", "min", "max",
            "percentile", "percentile_rank", "standard_deviation");
    private static final Set<String> KNOWN_TYPES = Set.of("index-pattern", "lens", "visualization", "search",
            "dashboard");
    /** The width of Kibana's dashboard grid. */
    private static final int GRID_COLUMNS = 48;

    private final Map<String, IndexFields> mappings;

    /** @param mappings the mapping of each index, alias or pattern a data view or Vega spec may name, by that name */
    KibanaObjectsCheck(Map<String, IndexFields> mappings) {
        this.mappings = Map.copyOf(mappings);
    }

    /** Every problem found in the text of a saved-objects file; empty when it is sound. */
    List<String> problems(String ndjson) {
        Objects.requireNonNull(ndjson, "ndjson");
        SavedObjectsFile file = SavedObjectsFile.parse(ndjson);
        var run = new Run(file.objects());
        run.problems.addAll(file.problems());
        run.checkAll();
        return List.copyOf(run.problems);
    }

    /** The state of one check: the objects by type and id, and the problems found so far. */
    private final class Run {
        private final List<SavedObject> objects;
        private final Map<String, SavedObject> byKey = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final FieldUses uses = new FieldUses(problems);

        Run(List<SavedObject> objects) {
            this.objects = objects;
            for (SavedObject object : objects) {
                if (byKey.putIfAbsent(key(object.type(), object.id()), object) != null) {
                    problems.add(object.label() + ": another object of the file has the same type and id");
                }
            }
        }

        void checkAll() {
            for (SavedObject object : objects) {
                checkReferences(object);
                switch (object.type()) {
                    case "index-pattern" -> checkDataView(object);
                    case "lens" -> checkLens(object.label(), object.attributes(), object.references());
                    case "search" -> checkSearch(object);
                    case "visualization" -> checkVisualization(object);
                    case "dashboard" -> checkDashboard(object);
                    default -> problems.add(object.label() + ": type '" + object.type() + "' is none of "
                            + new TreeSet<>(KNOWN_TYPES) + ", which this check knows");
                }
            }
        }

        private void checkReferences(SavedObject object) {
            var names = new HashSet<String>();
            for (SavedObject.Reference reference : object.references()) {
                if (!names.add(reference.name())) {
                    problems.add(object.label() + ": two references are named '" + reference.name() + "'");
                }
                if (!byKey.containsKey(key(reference.type(), reference.id()))) {
                    problems.add(object.label() + ": reference '" + reference.name() + "' points at "
                            + reference.type() + " '" + reference.id() + "', which is not in the file");
                }
            }
        }

        // ---- data views

        private void checkDataView(SavedObject view) {
            JsonNode attributes = view.attributes();
            String title = attributes.path("title").asText("");
            IndexFields fields = mappings.get(title);
            if (fields == null) {
                problems.add(view.label() + ": data view title '" + title + "' is none of the indices whose mapping"
                        + " is known " + new TreeSet<>(mappings.keySet()));
                return;
            }
            String where = view.label();
            String timeField = attributes.path("timeFieldName").asText("");
            if (!timeField.isEmpty()) {
                uses.check(where + ": timeFieldName", fields, timeField, FieldUses.Need.DATE);
            }
            for (String setting : List.of("fieldAttrs", "fieldFormatMap")) {
                JsonNode map = embeddedJson(where, attributes, setting);
                if (map != null) {
                    map.fieldNames().forEachRemaining(field ->
                            uses.check(where + ": " + setting, fields, field, FieldUses.Need.DISPLAY));
                }
            }
            JsonNode runtime = embeddedJson(where, attributes, "runtimeFieldMap");
            if (runtime != null && !runtime.isEmpty()) {
                problems.add(where + ": defines runtime fields " + runtime.properties().stream().map(Map.Entry::getKey)
                        .toList() + "; define them in the index template instead, where this check can see them");
            }
        }

        /** The data view an object reads, by the name of its reference, or null after reporting why there is none. */
        private @Nullable IndexFields dataView(String where, List<SavedObject.Reference> references, String name) {
            SavedObject.Reference reference = references.stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElse(null);
            if (reference == null) {
                problems.add(where + ": no reference named '" + name + "' says which data view it reads");
                return null;
            }
            SavedObject view = byKey.get(key(reference.type(), reference.id()));
            if (view == null || !view.type().equals("index-pattern")) {
                return null; // Reported by checkReferences, or a reference to something else.
            }
            // An unknown title is reported once, by checkDataView.
            return mappings.get(view.attributes().path("title").asText(""));
        }

        // ---- Lens

        private void checkLens(String where, JsonNode attributes, List<SavedObject.Reference> references) {
            JsonNode state = attributes.path("state");
            JsonNode datasources = state.path("datasourceStates");
            var columnIds = new HashSet<String>();
            var layerIds = new HashSet<String>();
            IndexFields firstView = null;
            // formBased since Kibana 8.6; indexpattern in older exports.
            for (String datasource : List.of("formBased", "indexpattern")) {
                for (Map.Entry<String, JsonNode> layer : datasources.path(datasource).path("layers").properties()) {
                    layerIds.add(layer.getKey());
                    IndexFields view = dataView(where + ", layer " + layer.getKey(), references,
                            "indexpattern-datasource-layer-" + layer.getKey());
                    firstView = firstView == null ? view : firstView;
                    checkLensLayer(where, layer.getValue(), view, columnIds);
                }
            }
            if (layerIds.isEmpty()) {
                problems.add(where + ": a Lens visualisation needs a formBased layer (text-based ES|QL layers are"
                        + " not checked)");
            }
            checkVisualizationIds(where, state.path("visualization"), columnIds, layerIds);
            if (firstView != null) {
                uses.checkQuery(where + ": query", state.path("query"), firstView);
                uses.checkFilters(where, state.path("filters"), firstView);
            }
        }

        private void checkLensLayer(String where, JsonNode layer, @Nullable IndexFields view, Set<String> allColumnIds) {
            JsonNode columns = layer.path("columns");
            var ids = new LinkedHashSet<String>();
            columns.fieldNames().forEachRemaining(ids::add);
            allColumnIds.addAll(ids);
            var order = new LinkedHashSet<String>();
            layer.path("columnOrder").forEach(id -> order.add(id.asText()));
            if (!order.equals(ids)) {
                problems.add(where + ": columnOrder " + order + " does not list exactly the columns " + ids);
            }
            for (Map.Entry<String, JsonNode> entry : columns.properties()) {
                JsonNode column = entry.getValue();
                String label = column.path("label").asText(entry.getKey());
                String at = where + ", column '" + label + "'";
                String operation = column.path("operationType").asText("");
                JsonNode orderBy = column.path("params").path("orderBy");
                if (orderBy.path("type").asText("").equals("column")
                        && !ids.contains(orderBy.path("columnId").asText())) {
                    problems.add(at + ": orders by column '" + orderBy.path("columnId").asText()
                            + "', which is not in its layer");
                }
                if (view == null) {
                    continue;
                }
                String sourceField = column.path("sourceField").asText("");
                if (operation.equals("count") && (sourceField.isEmpty() || sourceField.equals(RECORDS))) {
                    // Count of records reads no field.
                } else if (FIELDLESS_OPERATIONS.contains(operation)) {
                    // Computed from other columns.
                } else if (sourceField.isEmpty()) {
                    problems.add(at + ": operation '" + operation + "' has no sourceField");
                } else {
                    FieldUses.Need need = operation.equals("date_histogram") ? FieldUses.Need.DATE
                            : NUMERIC_OPERATIONS.contains(operation) ? FieldUses.Need.NUMBER
                            : FieldUses.Need.AGGREGATE;
                    uses.check(at, view, sourceField, need);
                    checkNotNested(at, view, sourceField);
                }
                for (JsonNode secondary : column.path("params").path("secondaryFields")) {
                    uses.check(at + ": secondaryFields", view, secondary.asText(), FieldUses.Need.AGGREGATE);
                    checkNotNested(at, view, secondary.asText());
                }
                if (column.has("filter")) {
                    uses.checkQuery(at + ": filter", column.path("filter"), view);
                }
            }
        }

        /** Lens builds aggregations on the document's root, so a field of a nested object never matches. */
        private void checkNotNested(String where, IndexFields view, String field) {
            view.field(field).map(IndexFields.Field::nestedPath).ifPresent(path -> problems.add(where
                    + ": field '" + field + "' is inside the nested object '" + path + "', which Lens cannot"
                    + " aggregate (use a Vega panel with a nested aggregation)"));
        }

        /** Every column or layer id the visualization state points at exists in the datasource. */
        private void checkVisualizationIds(String where, JsonNode visualization, Set<String> columnIds,
                Set<String> layerIds) {
            var layers = new ArrayList<JsonNode>();
            if (visualization.has("layers")) {
                visualization.path("layers").forEach(layers::add);
            } else {
                layers.add(visualization);
            }
            for (JsonNode layer : layers) {
                if (!layer.path("layerType").asText("data").equals("data")) {
                    continue; // Annotation and reference-line layers hold no datasource columns.
                }
                String layerId = layer.path("layerId").asText("");
                if (!layerIds.contains(layerId)) {
                    problems.add(where + ": visualization layer '" + layerId + "' is not a datasource layer "
                            + layerIds);
                }
                var used = new ArrayList<String>();
                for (String key : List.of("xAccessor", "splitAccessor", "metricAccessor", "breakdownByAccessor",
                        "maxAccessor", "secondaryMetricAccessor")) {
                    if (layer.path(key).isTextual()) {
                        used.add(layer.path(key).asText());
                    }
                }
                layer.path("accessors").forEach(id -> used.add(id.asText()));
                layer.path("columns").forEach(column -> used.add(column.path("columnId").asText()));
                if (layer.path("sorting").has("columnId")) {
                    used.add(layer.path("sorting").path("columnId").asText());
                }
                for (String id : used) {
                    if (!columnIds.contains(id)) {
                        problems.add(where + ": the visualization shows column '" + id + "', which no layer defines");
                    }
                }
            }
        }

        // ---- saved searches (Discover)

        private void checkSearch(SavedObject search) {
            String where = search.label();
            JsonNode source = embeddedJson(where, search.attributes().path("kibanaSavedObjectMeta"), "searchSourceJSON");
            if (source == null) {
                return;
            }
            IndexFields view = dataView(where, search.references(), source.path("indexRefName").asText(""));
            if (view == null) {
                return;
            }
            for (JsonNode column : search.attributes().path("columns")) {
                uses.check(where + ": column", view, column.asText(), FieldUses.Need.DISPLAY);
            }
            for (JsonNode sort : search.attributes().path("sort")) {
                String field = sort.path(0).asText("");
                if (!field.equals("_score")) {
                    uses.check(where + ": sort", view, field, FieldUses.Need.AGGREGATE);
                }
            }
            uses.checkQuery(where + ": query", source.path("query"), view);
            uses.checkFilters(where, source.path("filter"), view);
        }

        // ---- legacy visualisations: Vega, Markdown, aggregation-based

        private void checkVisualization(SavedObject visualization) {
            String where = visualization.label();
            JsonNode visState = embeddedJson(where, visualization.attributes(), "visState");
            if (visState == null) {
                return;
            }
            String type = visState.path("type").asText("");
            if (type.equals("vega")) {
                checkVega(where, visState.path("params").path("spec").asText(""));
                return;
            }
            if (type.equals("markdown")) {
                return;
            }
            JsonNode source = embeddedJson(where, visualization.attributes().path("kibanaSavedObjectMeta"),
                    "searchSourceJSON");
            IndexFields view = source == null ? null
                    : dataView(where, visualization.references(), source.path("indexRefName").asText(""));
            if (view == null) {
                return;
            }
            for (JsonNode agg : visState.path("aggs")) {
                JsonNode field = agg.path("params").path("field");
                if (field.isTextual()) {
                    uses.check(where + ": aggregation " + agg.path("id").asText(), view, field.asText(),
                            FieldUses.Need.AGGREGATE);
                }
            }
        }

        /**
         * Kibana reads a Vega spec as HJSON; the check needs strict JSON (a subset of HJSON), and checks each data
         * source that queries Elasticsearch: its index, time field, and the fields of its request body.
         */
        private void checkVega(String where, String specText) {
            JsonNode spec;
            try {
                spec = SavedObjectsFile.JSON.readTree(specText);
            } catch (JacksonException e) {
                problems.add(where + ": the Vega spec is not strict JSON (" + e.getOriginalMessage() + "); write it"
                        + " as JSON, which Kibana accepts too, so that its fields can be checked");
                return;
            }
            var sources = new ArrayList<JsonNode>();
            JsonNode data = spec.path("data");
            if (data.isArray()) {
                data.forEach(sources::add);
            } else {
                sources.add(data);
            }
            boolean queries = false;
            for (JsonNode source : sources) {
                JsonNode url = source.path("url");
                if (!url.isObject()) {
                    continue;
                }
                queries = true;
                String index = url.path("index").asText("");
                IndexFields fields = mappings.get(index);
                if (fields == null) {
                    problems.add(where + ": the Vega data source reads index '" + index + "', none of the indices"
                            + " whose mapping is known " + new TreeSet<>(mappings.keySet()));
                    continue;
                }
                if (url.has("%timefield%")) {
                    uses.check(where + ": %timefield%", fields, url.path("%timefield%").asText(), FieldUses.Need.DATE);
                }
                uses.checkRequestBody(where, url.path("body"), fields);
            }
            if (!queries) {
                problems.add(where + ": the Vega spec queries no index (data.url), so nothing of it can be checked");
            }
        }

        // ---- dashboards

        private void checkDashboard(SavedObject dashboard) {
            String where = dashboard.label();
            JsonNode panels = embeddedJson(where, dashboard.attributes(), "panelsJSON");
            if (panels == null) {
                return;
            }
            if (!panels.isArray() || panels.isEmpty()) {
                problems.add(where + ": panelsJSON is not a list of panels");
                return;
            }
            var indexes = new HashSet<String>();
            var usedReferences = new HashSet<String>();
            for (JsonNode panel : panels) {
                String index = panel.path("panelIndex").asText("");
                String at = where + ", panel '" + index + "'";
                if (index.isEmpty() || !indexes.add(index)) {
                    problems.add(at + ": every panel needs its own panelIndex");
                }
                JsonNode grid = panel.path("gridData");
                if (!grid.path("i").asText("").equals(index)) {
                    problems.add(at + ": gridData.i must equal the panelIndex");
                }
                int x = grid.path("x").asInt(-1);
                int w = grid.path("w").asInt(0);
                if (x < 0 || w <= 0 || x + w > GRID_COLUMNS || grid.path("y").asInt(-1) < 0
                        || grid.path("h").asInt(0) <= 0) {
                    problems.add(at + ": gridData " + grid + " is outside the " + GRID_COLUMNS + "-column grid");
                }
                String type = panel.path("type").asText("");
                String refName = panel.path("panelRefName").asText("");
                if (!refName.isEmpty()) {
                    // Kibana stores a panel's references on the dashboard, prefixed with the panel's index.
                    String name = index + ":" + refName;
                    usedReferences.add(name);
                    SavedObject.Reference reference = dashboard.reference(name).orElse(null);
                    if (reference == null) {
                        problems.add(at + ": no reference named '" + name + "' for its panelRefName");
                    } else if (!reference.type().equals(type)) {
                        problems.add(at + ": a " + type + " panel whose reference '" + name + "' points at a "
                                + reference.type());
                    }
                } else if (type.equals("lens") && panel.path("embeddableConfig").path("attributes").isObject()) {
                    // A by-value Lens panel, as Kibana 9 saves new panels: its references carry the panel prefix.
                    List<SavedObject.Reference> own = dashboard.references().stream()
                            .filter(r -> r.name().startsWith(index + ":"))
                            .map(r -> new SavedObject.Reference(r.name().substring(index.length() + 1), r.type(), r.id()))
                            .toList();
                    dashboard.references().stream().map(SavedObject.Reference::name)
                            .filter(name -> name.startsWith(index + ":")).forEach(usedReferences::add);
                    checkLens(at, panel.path("embeddableConfig").path("attributes"), own);
                } else if (!type.equals("lens")) {
                    problems.add(at + ": a " + type + " panel without panelRefName, which this check cannot follow");
                } else {
                    problems.add(at + ": a lens panel with neither panelRefName nor attributes");
                }
            }
            for (SavedObject.Reference reference : dashboard.references()) {
                if (!usedReferences.contains(reference.name())) {
                    problems.add(where + ": reference '" + reference.name() + "' is used by no panel");
                }
            }
            JsonNode source = embeddedJson(where, dashboard.attributes().path("kibanaSavedObjectMeta"),
                    "searchSourceJSON");
            if (source != null && !source.path("query").path("query").asText("").isBlank()) {
                problems.add(where + ": a dashboard query applies to panels of several data views; put it in the"
                        + " panels that need it, where it can be checked against one mapping");
            }
        }

        /** A JSON document stored as a string attribute (Kibana's *JSON attributes), or null after reporting why. */
        private @Nullable JsonNode embeddedJson(String where, JsonNode parent, String attribute) {
            JsonNode text = parent.path(attribute);
            if (text.isMissingNode() || text.isNull()) {
                return null;
            }
            if (!text.isTextual()) {
                problems.add(where + ": " + attribute + " must be a string holding JSON");
                return null;
            }
            try {
                return SavedObjectsFile.JSON.readTree(text.asText());
            } catch (JacksonException e) {
                problems.add(where + ": " + attribute + " is not valid JSON: " + e.getOriginalMessage());
                return null;
            }
        }
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }
}
