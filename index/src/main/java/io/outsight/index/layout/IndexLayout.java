package io.outsight.index.layout;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article index layout: an index template for {@code <alias>-v*}, and the alias pointing at a versioned index
 * ({@code <alias>-v1} on first start). Writes and searches go through the alias, so a new version can be built
 * and swapped in atomically. {@link #ensure()} is idempotent and safe to call from several workers at once.
 */
public final class IndexLayout {
    public static final String TEMPLATE_RESOURCE = "articles-template.json";
    private static final Logger log = LoggerFactory.getLogger(IndexLayout.class);

    private final ElasticsearchClient es;
    private final String alias;

    public IndexLayout(ElasticsearchClient es, String alias) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    public String alias() {
        return alias;
    }

    /** The name of version {@code n} of the index. */
    public String versionedIndex(int n) {
        return alias + "-v" + n;
    }

    public String templateName() {
        return alias + "-template";
    }

    /** Installs or upgrades the template, and creates the first versioned index behind the alias if none exists. */
    public void ensure() throws IOException {
        try (InputStream template = IndexLayout.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (template == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE_RESOURCE);
            }
            // The template's pattern follows the alias, so a custom index.alias gets its own template.
            String body = new String(template.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"outsight-articles-v*\"", "\"" + alias + "-v*\"");
            es.indices().putIndexTemplate(t -> t.name(templateName()).withJson(new java.io.StringReader(body)));
        }
        if (es.indices().existsAlias(a -> a.name(alias)).value()) {
            return;
        }
        String first = versionedIndex(1);
        try {
            es.indices().create(c -> c.index(first).aliases(alias, a -> a.isWriteIndex(true)));
            log.info("created index {} behind alias {}", first, alias);
        } catch (ElasticsearchException e) {
            // Another worker created it first.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    /** The template as installed, for tests and docs. */
    public static String templateJson() {
        try (InputStream in = IndexLayout.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            return new String(Objects.requireNonNull(in, TEMPLATE_RESOURCE).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
