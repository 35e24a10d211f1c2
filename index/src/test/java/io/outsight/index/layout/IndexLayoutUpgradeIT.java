package io.outsight.index.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.index.ItSupport;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IndexLayout#ensure()} brings an index made from an older template up to date as far as it can. */
@ExtendWith(LocalStackExtension.class)
class IndexLayoutUpgradeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addsTheFieldsAnOlderIndexLacksAndNamesTheOnesItCannotChange(StackAddresses stack) throws Exception {
        String alias = "it-upgrade-older";
        String index = alias + "-v1";
        try (ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            // An index made before cluster_id, duplicate_of, fingerprint.text_hash and title.keyword existed, when
            // relevance was a keyword, fingerprint.bands had doc values and entities.text another ignore_above.
            ObjectNode old = IndexLayout.templateMappings().deepCopy();
            var properties = (ObjectNode) old.get("properties");
            properties.remove(List.of("cluster_id", "duplicate_of"));
            properties.putObject("relevance").put("type", "keyword");
            ((ObjectNode) properties.get("title")).remove("fields");
            var fingerprint = (ObjectNode) properties.get("fingerprint").get("properties");
            fingerprint.remove("text_hash");
            ((ObjectNode) fingerprint.get("bands")).remove("doc_values");
            ((ObjectNode) properties.get("entities").get("properties").get("text")).put("ignore_above", 100);
            String body = JSON.createObjectNode().<ObjectNode>set("mappings", old)
                    .set("aliases", JSON.createObjectNode().set(alias, JSON.createObjectNode()
                            .put("is_write_index", true))).toString();
            es.indices().create(c -> c.index(index).withJson(new StringReader(body)));

            var layout = new IndexLayout(es, alias);
            List<MappingUpgrade> upgrades = layout.ensure();

            assertEquals(1, upgrades.size(), upgrades.toString());
            var upgrade = upgrades.getFirst();
            assertEquals(index, upgrade.index());
            assertEquals(List.of("title.keyword", "cluster_id", "duplicate_of", "fingerprint.text_hash"),
                    upgrade.added());
            assertEquals(List.of("entities.text"), upgrade.updated());
            assertEquals(List.of("relevance", "fingerprint.bands"),
                    upgrade.differing().stream().map(MappingDiff.Difference::path).toList());
            assertEquals(List.of(), upgrade.refused());
            String warning = upgrade.warning().orElseThrow();
            assertTrue(warning.contains("relevance (template {\"type\":\"float\"}, index {\"type\":\"keyword\"})")
                    && warning.contains("fingerprint.bands") && warning.contains("outsight reprocess"), warning);

            JsonNode live = liveMappings(es, index).path("properties");
            assertEquals("keyword", live.path("cluster_id").path("type").asText());
            assertEquals("keyword", live.path("duplicate_of").path("type").asText());
            assertEquals("keyword", live.path("fingerprint").path("properties").path("text_hash").path("type")
                    .asText());
            assertEquals("keyword", live.path("title").path("fields").path("keyword").path("type").asText());
            assertEquals(256, live.path("entities").path("properties").path("text").path("ignore_above").asInt());
            assertEquals("nested", live.path("entities").path("type").asText());
            assertEquals("keyword", live.path("relevance").path("type").asText(), "a conflict is left alone");
            assertTrue(live.path("fingerprint").path("properties").path("bands").path("doc_values").isMissingNode(),
                    live.path("fingerprint").toString());

            es.index(i -> i.index(alias).id("a1").refresh(Refresh.True).document(Map.of(
                    "id", "a1", "title", "Offshore Centres Grow", "cluster_id", "c-7", "duplicate_of", "a0",
                    "fingerprint", Map.of("text_hash", "h-1"))));
            assertEquals(1, count(es, alias, "cluster_id", "c-7"));
            assertEquals(1, count(es, alias, "duplicate_of", "a0"));
            assertEquals(1, count(es, alias, "fingerprint.text_hash", "h-1"));
            assertEquals(1, count(es, alias, "title.keyword", "Offshore Centres Grow"));

            var again = layout.ensure().getFirst();
            assertEquals(List.of(), again.added(), "the second start has nothing to add");
            assertEquals(List.of(), again.updated());
            assertEquals(upgrade.differing(), again.differing());
        }
    }

    @Test
    void anIndexMadeFromTheCurrentTemplateGetsNothingPut(StackAddresses stack) throws Exception {
        String alias = "it-upgrade-current";
        try (ElasticsearchClient es = ItSupport.client(stack.elasticsearchUrl())) {
            var layout = new IndexLayout(es, alias);
            assertEquals(List.of(), layout.ensure(), "the first start creates v1 from the template");

            // Elasticsearch echoes the mapping in its own form, and the Java client re-writes it once more (ensure
            // reads it through the client): the comparison must see through both.
            var template = IndexLayout.templateMappings();
            var throughClient = MappingDiff.between(template, liveMappings(es, alias + "-v1"));
            assertTrue(throughClient.isEmpty(), throughClient.toString());
            var asSent = MappingDiff.between(template, rawMappings(es, alias + "-v1"));
            assertTrue(asSent.isEmpty(), asSent.toString());
            var upgrade = layout.ensure();
            assertEquals(List.of(new MappingUpgrade(alias + "-v1", List.of(), List.of(), List.of(), List.of(),
                    IndexLayout.REMEDY)),
                    upgrade);
        }
    }

    private static JsonNode liveMappings(ElasticsearchClient es, String index) throws IOException {
        var mappings = es.indices().getMapping(g -> g.index(index)).get(index).mappings();
        return JSON.readTree(JsonpUtils.toJsonString(mappings, es._jsonpMapper()));
    }

    /** The mapping exactly as Elasticsearch sends it, past the typed client. */
    private static JsonNode rawMappings(ElasticsearchClient es, String index) throws IOException {
        var rest = ((Rest5ClientTransport) es._transport()).restClient();
        var response = rest.performRequest(new Request("GET", "/" + index + "/_mapping"));
        try (var in = response.getEntity().getContent()) {
            return JSON.readTree(in).path(index).path("mappings");
        }
    }

    private static long count(ElasticsearchClient es, String alias, String field, String value) throws IOException {
        return es.count(c -> c.index(alias).query(q -> q.term(t -> t.field(field).value(value)))).count();
    }
}
