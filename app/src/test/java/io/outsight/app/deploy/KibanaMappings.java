package io.outsight.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.outsight.core.config.ConfigKeys;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.status.FetchStatusIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * The mappings the Kibana saved objects are checked against, by the name a data view or Vega spec gives the index:
 * the article alias reads indices made from the article template, the fetch-status index has its own mapping. Both
 * are read from the index module's resources, the same ones it installs into Elasticsearch. Stateless.
 */
final class KibanaMappings {
    /** Next to {@link FetchStatusIndex}, as that class loads it. */
    static final String FETCH_STATUS_RESOURCE = "fetch-status-index.json";

    private KibanaMappings() {}

    /** The default names (configuration keys index.alias and index.fetch-status-index) to their mappings. */
    static Map<String, IndexFields> byIndexName() {
        JsonNode template = read(IndexLayout.templateJson(), "the article index template");
        JsonNode fetchStatus = read(fetchStatusJson(), FETCH_STATUS_RESOURCE);
        String articles = Objects.requireNonNull(ConfigKeys.INDEX_ALIAS.defaultValue());
        String status = Objects.requireNonNull(ConfigKeys.INDEX_FETCH_STATUS_INDEX.defaultValue());
        return Map.of(
                articles, IndexFields.of(articles, template.path("template").path("mappings")),
                status, IndexFields.of(status, fetchStatus.path("mappings")));
    }

    private static String fetchStatusJson() {
        try (InputStream in = FetchStatusIndex.class.getResourceAsStream(FETCH_STATUS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the index module has no resource " + FETCH_STATUS_RESOURCE
                        + " next to " + FetchStatusIndex.class.getName() + ": the fetch-status data view cannot be"
                        + " checked without it");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FETCH_STATUS_RESOURCE, e);
        }
    }

    private static JsonNode read(String json, String what) {
        try {
            return SavedObjectsFile.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + what, e);
        }
    }
}
