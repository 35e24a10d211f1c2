package io.outsight.index.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.outsight.core.json.RecordCodec;
import io.outsight.index.TestArticles;
import io.outsight.index.layout.IndexLayout;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.ArticleSearch;
import io.outsight.index.sink.BulkOutcome;
import io.outsight.index.sink.BulkSettings;
import io.outsight.index.sink.BulkSink;
import io.outsight.index.sink.IndexDocument;
import io.outsight.index.sink.IndexHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index and search through TLS with credentials: a local node with security on (its own CA, a file-realm user),
 * reached with basic auth, the CA given as a PEM file.
 */
class SecuredElasticsearchIT {
    private static final RecordCodec CODEC = new RecordCodec();
    private static SecureNode node;

    @BeforeAll
    static void startSecuredNode() throws Exception {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        node = SecureNode.start(Path.of(moduleDir, "target", "secure-es"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /*
     * API keys are not covered here: creating one makes the node create its .security index, whose mappings use the
     * pattern_capture token filter of the analysis-common module, which the integ-test distribution lacks ("Unknown
     * filter type [pattern_capture]"). ElasticsearchClientsTest checks that the client sends the key.
     */
    @Test
    void indexesAndSearchesOverTlsWithBasicAuth() throws Exception {
        try (ElasticsearchClient basic = ElasticsearchClients.create(node.url(),
                node.config(SecureNode.USER, node.password(), null, true))) {
            indexAndSearch(basic, "secure-basic", "https://secure.example/basic");
        }
    }

    @Test
    void refusesWrongCredentialsAndAnUntrustedCertificate() throws Exception {
        try (ElasticsearchClient wrongPassword = ElasticsearchClients.create(node.url(),
                node.config(SecureNode.USER, "not-the-password", null, true))) {
            var e = assertThrows(ElasticsearchException.class, () -> wrongPassword.cluster().health());
            assertEquals(401, e.status());
            assertFalse(String.valueOf(e.getMessage()).contains(node.password()));
        }
        try (ElasticsearchClient noCa = ElasticsearchClients.create(node.url(),
                node.config(SecureNode.USER, node.password(), null, false))) {
            var e = assertThrows(IOException.class, () -> noCa.cluster().health());
            assertTrue(causedBy(e, SSLException.class), "expected a TLS failure, got " + e);
        }
    }

    private static void indexAndSearch(ElasticsearchClient es, String alias, String url) throws Exception {
        new IndexLayout(es, alias).ensure();
        var article = TestArticles.article(url, "Secured " + alias, "BPO", "IN", "BPO", 2026, 1e9,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
        try (var sink = new BulkSink(es, alias, true, BulkSettings.DEFAULT)) {
            var outcomes = sink.write(List.of(new IndexDocument(article.id(), IndexHandler.versionOf(article),
                    CODEC.encode(article))));
            assertEquals(List.of(BulkOutcome.WRITTEN), outcomes);
        }
        var search = new ArticleSearch(es, alias);
        search.refresh();
        var results = search.search(ArticleQuery.text("Secured"));
        assertEquals(1, results.total());
        assertEquals(article.id(), results.hits().getFirst().id());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
