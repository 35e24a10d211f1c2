package io.outsight.index.layout;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the mapping of an existing index as close to the wanted one as Elasticsearch allows: compares the live
 * mapping with it ({@link MappingDiff}), puts the missing fields in one put-mapping and the updatable parameters in
 * another, so that a refused update never holds back an addition, and names the fields defined otherwise in one
 * warning, with what to do about them. Used for the article indices and for the fetch-status index.
 *
 * <p>Thread-safe.
 */
public final class MappingUpgrader {
    private static final Logger log = LoggerFactory.getLogger(MappingUpgrader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient es;
    private final String remedy;

    /** @param remedy what the user does about fields that cannot change in place, as a sentence ("Run ...") */
    public MappingUpgrader(ElasticsearchClient es, String remedy) {
        this.es = Objects.requireNonNull(es, "es");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    /**
     * Upgrades the mapping of {@code index} towards {@code wanted} (a {@code mappings} object) and logs what it did;
     * idempotent: an index that matches gets no request but the GET.
     */
    public MappingUpgrade upgrade(String index, JsonNode wanted) throws IOException {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(wanted, "wanted");
        var diff = MappingDiff.between(wanted, liveMappings(index));
        var refused = new ArrayList<String>();
        List<String> added = put(index, diff.additions(), diff.missing(), "add the fields", refused);
        List<String> updated = put(index, diff.updates(), diff.updated(), "update the parameters of", refused);
        var upgrade = new MappingUpgrade(index, added, updated, diff.differing(), refused, remedy);
        upgrade.warning().ifPresent(log::warn);
        return upgrade;
    }

    /**
     * Puts part of a mapping and returns the paths it changed, or none when there was nothing to put or
     * Elasticsearch refused it; a refusal is logged and recorded, since the index stays usable as it is.
     */
    private List<String> put(String index, Optional<ObjectNode> body, List<String> paths, String what,
            List<String> refused) throws IOException {
        if (body.isEmpty()) {
            return List.of();
        }
        try {
            es.indices().putMapping(m -> m.index(index).withJson(new StringReader(body.get().toString())));
            log.info("updated the mapping of {} to the template: {} {}", index, what, paths);
            return paths;
        } catch (ElasticsearchException e) {
            String reason = "Elasticsearch refused to " + what + " " + paths + " in the mapping of " + index + ": "
                    + e.error().reason();
            log.warn("{}. {}", reason, remedy);
            refused.add(reason);
            return List.of();
        }
    }

    /** The mapping of one index as Elasticsearch reports it ({@code GET <index>/_mapping}). */
    private JsonNode liveMappings(String index) throws IOException {
        var record = es.indices().getMapping(g -> g.index(index)).get(index);
        if (record == null) {
            throw new IOException("Elasticsearch returned no mapping for " + index);
        }
        return JSON.readTree(JsonpUtils.toJsonString(record.mappings(), es._jsonpMapper()));
    }
}
