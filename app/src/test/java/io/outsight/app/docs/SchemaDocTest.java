package io.outsight.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.record.DeadLetter;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.FetchOutcome;
import io.outsight.core.record.FetchStatus;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.UrlRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/schema.md documents every field of every record as it appears in JSON, and every field of the two index
 * mappings with its type. Everything is found by reflection and from the mapping files, so a field added to a
 * record (or to a record it contains) or to a mapping fails here until its line is added to the doc; the message
 * says which line, in which section.
 */
class SchemaDocTest {
    private static final Path DOC = Path.of("..", "docs", "schema.md");
    /** The records written to the topics; records they contain are found from their components. */
    private static final List<Class<?>> TOPIC_RECORDS = List.of(UrlRequest.class, RawArticle.class,
            EnrichedArticle.class, FetchStatus.class, DeadLetter.class);
    private static final String ARTICLES_TEMPLATE = "/io/outsight/index/layout/articles-template.json";
    private static final String STATUS_INDEX = "/io/outsight/index/status/fetch-status-index.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Every (record, JSON field) pair, the raw article inside an enriched one excepted (it is written flat). */
    static Stream<Arguments> recordFields() {
        var records = new LinkedHashSet<Class<?>>();
        TOPIC_RECORDS.forEach(type -> collectRecords(type, records));
        var fields = new ArrayList<Arguments>();
        for (Class<?> type : records) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (type == EnrichedArticle.class && component.getType() == RawArticle.class) {
                    continue;
                }
                fields.add(Arguments.of(type.getSimpleName(), SNAKE.translate(component.getName())));
            }
        }
        return fields.stream();
    }

    private static void collectRecords(Class<?> type, Set<Class<?>> into) {
        if (!type.isRecord() || !into.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            collectRecords(component.getType(), into);
            Type generic = component.getGenericType();
            if (generic instanceof ParameterizedType parameterized) {
                for (Type argument : parameterized.getActualTypeArguments()) {
                    if (argument instanceof Class<?> element) {
                        collectRecords(element, into);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("recordFields")
    void documentsEveryFieldOfEveryRecord(String record, String field) throws IOException {
        String section = section(record);
        assertTrue(section.lines().anyMatch(line -> line.startsWith("| `" + field + "` |")),
                "docs/schema.md, section '" + record + "', has no row for the field " + field + ": add a line "
                        + "'| `" + field + "` | JSON type | required | description |'");
    }

    @ParameterizedTest
    @EnumSource(FetchOutcome.class)
    void documentsEveryFetchOutcome(FetchOutcome outcome) throws IOException {
        assertTrue(section("FetchStatus").lines().anyMatch(line -> line.startsWith("| `" + outcome.wireName() + "` |")),
                "docs/schema.md, section 'FetchStatus', has no row for the outcome " + outcome.wireName());
    }

    static Stream<Arguments> mappedFields() throws IOException {
        var fields = new ArrayList<Arguments>();
        mappedFields(read(ARTICLES_TEMPLATE).path("template").path("mappings").path("properties"), "")
                .forEach((path, type) -> fields.add(Arguments.of("outsight-articles", path, type)));
        mappedFields(read(STATUS_INDEX).path("mappings").path("properties"), "")
                .forEach((path, type) -> fields.add(Arguments.of("outsight-fetch-status", path, type)));
        return fields.stream();
    }

    /** Field path to mapping type; objects without a type are {@code object}; multi-fields are {@code a.keyword}. */
    private static Map<String, String> mappedFields(JsonNode properties, String prefix) {
        var fields = new LinkedHashMap<String, String>();
        properties.properties().forEach(entry -> {
            String path = prefix + entry.getKey();
            JsonNode mapping = entry.getValue();
            fields.put(path, mapping.path("type").asText("object"));
            fields.putAll(mappedFields(mapping.path("properties"), path + "."));
            fields.putAll(mappedFields(mapping.path("fields"), path + "."));
        });
        return fields;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("mappedFields")
    void documentsEveryMappedFieldWithItsType(String index, String path, String type) throws IOException {
        String section = section("Index mapping: " + index);
        String row = section.lines().filter(line -> line.startsWith("| `" + path + "` |")).findFirst().orElse(null);
        assertNotNull(row, "docs/schema.md, section 'Index mapping: " + index + "', has no row for " + path
                + ": add a line '| `" + path + "` | `" + type + "` | notes |'");
        assertTrue(row.startsWith("| `" + path + "` | `" + type + "` |"),
                "docs/schema.md gives " + path + " another type than the mapping (" + type + "): " + row);
    }

    @Test
    void templatePointsAtThisDocAndCarriesTheCurrentSchemaVersion() throws IOException {
        JsonNode meta = read(ARTICLES_TEMPLATE).path("_meta");
        assertTrue(meta.path("description").asText().contains("docs/schema.md"), meta.toString());
        assertEquals(RecordCodec.SCHEMA_VERSION, meta.path("schema_version").asInt(),
                "the template's _meta.schema_version is not the version the codec writes");
        assertTrue(Files.readString(DOC).contains("\"schema_version\": " + RecordCodec.SCHEMA_VERSION),
                "docs/schema.md does not state the current schema_version " + RecordCodec.SCHEMA_VERSION);
    }

    /** The text under the heading that starts with {@code title} (any level), up to the next heading. */
    private static String section(String title) throws IOException {
        var text = new StringBuilder();
        boolean inside = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("#")) {
                inside = line.replaceFirst("^#+\\s*", "").startsWith(title);
                continue;
            }
            if (inside) {
                text.append(line).append('\n');
            }
        }
        assertTrue(!text.isEmpty(), "docs/schema.md has no section '" + title + "' (a heading '## " + title + "')");
        return text.toString();
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = SchemaDocTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "no resource " + resource + " on the class path");
            return JSON.readTree(in);
        }
    }
}
