package io.outsight.index.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.core.Topics;
import io.outsight.index.layout.MappingUpgrade;
import io.outsight.index.layout.MappingUpgrader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch-status index ({@code outsight-fetch-status} by default): one document per URL, its latest fetch outcome.
 * A plain index rather than versions behind an alias: it holds no enrichment to redo, and a replay of the status
 * topic rebuilds it. {@link #ensure()} is idempotent and safe to call from several workers. Thread-safe.
 */
public final class FetchStatusIndex {
    static final String RESOURCE = "fetch-status-index.json";
    private static final Logger log = LoggerFactory.getLogger(FetchStatusIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient es;
    private final String name;

    public FetchStatusIndex(ElasticsearchClient es, String name) {
        this.es = Objects.requireNonNull(es, "es");
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /**
     * Creates the index with its mappings, or adds to an existing one the fields of the mappings it lacks (a field
     * defined otherwise there does not hold them back: it is left as it is and named in a warning).
     *
     * @return what was done to the mapping of an existing index; empty when the index was created
     */
    public Optional<MappingUpgrade> ensure() throws IOException {
        String body = definition();
        if (es.indices().exists(e -> e.index(name)).value()) {
            return Optional.of(new MappingUpgrader(es, "Delete the index and replay " + Topics.FETCH_STATUS
                    + " to rebuild it").upgrade(name, JSON.readTree(body).path("mappings")));
        }
        try {
            es.indices().create(c -> c.index(name).withJson(new StringReader(body)));
            log.info("created index {}", name);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
        return Optional.empty();
    }

    static String definition() {
        try (InputStream in = FetchStatusIndex.class.getResourceAsStream(RESOURCE)) {
            return new String(Objects.requireNonNull(in, RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
