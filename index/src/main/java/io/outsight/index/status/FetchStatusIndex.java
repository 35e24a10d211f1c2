package io.outsight.index.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
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

    /** Creates the index with its mappings, or adds new fields of the mappings to an existing one. */
    public void ensure() throws IOException {
        String body = definition();
        if (es.indices().exists(e -> e.index(name)).value()) {
            String mappings = JSON.readTree(body).path("mappings").toString();
            try {
                es.indices().putMapping(m -> m.index(name).withJson(new StringReader(mappings)));
            } catch (ElasticsearchException e) {
                log.warn("the mappings of {} cannot be updated in place ({}); delete the index and replay {} to "
                        + "rebuild it", name, e.error().reason(), io.outsight.core.Topics.FETCH_STATUS);
            }
            return;
        }
        try {
            es.indices().create(c -> c.index(name).withJson(new StringReader(body)));
            log.info("created index {}", name);
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    static String definition() {
        try (InputStream in = FetchStatusIndex.class.getResourceAsStream(RESOURCE)) {
            return new String(Objects.requireNonNull(in, RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
