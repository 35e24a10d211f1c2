package io.outsight.index.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.config.ConfigLoader;
import io.outsight.core.config.ConfigSources;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index and search through TLS with credentials: a local node with security on (its own CA, a file-realm user),
 * reached with basic auth or with an API key, the CA given as a PEM file. The clients are configured as a deployment
 * would be: {@code OUTSIGHT_*} variables naming secret files (the Docker-secrets convention), read by
 * {@link ConfigLoader}.
 */
class SecuredElasticsearchIT {
    private static final RecordCodec CODEC = new RecordCodec();
    private static SecureNode node;
    private static Path workDir;

    @BeforeAll
    static void startSecuredNode() throws Exception {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        workDir = Path.of(moduleDir, "target", "secure-es");
        node = SecureNode.start(workDir);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void indexesAndSearchesOverTlsWithAnApiKeyReadFromASecretFile() throws Exception {
        String apiKey;
        try (ElasticsearchClient admin = ElasticsearchClients.create(node.url(),
                node.config(SecureNode.USER, node.password(), null, true))) {
            // Least privilege, as an operator would issue it: the key may touch only its own indices.
            apiKey = admin.security().createApiKey(k -> k.name("outsight-it").expiration(t -> t.time("1h"))
                    .roleDescriptors("outsight-writer", r -> r
                            .cluster("monitor", "manage_index_templates")
                            .indices(i -> i.names("secure-api-key*").privileges("all"))))
                    .encoded();
        }
        Config config = loadFromEnvironment(Map.of(
                "OUTSIGHT_ELASTICSEARCH_URL", node.url(),
                "OUTSIGHT_ELASTICSEARCH_API_KEY_FILE", secretFile("es_api_key", apiKey).toString(),
                "OUTSIGHT_ELASTICSEARCH_CA_FILE", node.caFile().toString()));
        assertFalse(String.join("\n", config.describe()).contains(apiKey), "the rendered configuration shows the key");
        try (ElasticsearchClient keyed = ElasticsearchClients.create(config.get(ConfigKeys.ELASTICSEARCH_URL),
                config)) {
            indexAndSearch(keyed, "secure-api-key", "https://secure.example/api-key");
            var e = assertThrows(ElasticsearchException.class,
                    () -> keyed.indices().create(c -> c.index("outside-the-key")));
            assertEquals(403, e.status(), "the key's role descriptor limits it to secure-api-key*");
        }
    }

    @Test
    void indexesAndSearchesOverTlsWithBasicAuthAndAPasswordFile() throws Exception {
        Config config = loadFromEnvironment(Map.of(
                "OUTSIGHT_ELASTICSEARCH_URL", node.url(),
                "OUTSIGHT_ELASTICSEARCH_USERNAME", SecureNode.USER,
                "OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE", secretFile("es_password", node.password()).toString(),
                "OUTSIGHT_ELASTICSEARCH_CA_FILE", node.caFile().toString()));
        assertFalse(String.join("\n", config.describe()).contains(node.password()),
                "the rendered configuration shows the password");
        try (ElasticsearchClient basic = ElasticsearchClients.create(config.get(ConfigKeys.ELASTICSEARCH_URL),
                config)) {
            indexAndSearch(basic, "secure-basic", "https://secure.example/basic");
        }
    }

    @Test
    void refusesWrongCredentialsAndAnUntrustedCertificate() throws Exception {
        try (ElasticsearchClient wrongPassword = ElasticsearchClients.create(node.url(),
                node.config(SecureNode.USER, "not-the-password", null, true))) {
            var e = assertThrows(ElasticsearchException.class, () -> wrongPassword.cluster().health());
            assertEquals(401, e.status());
            // The failure as a log line with its stack trace would show it: neither the password sent nor the
            // header that carried it.
            assertNoneIn(stackTrace(e), "not-the-password", node.password(), Base64.getEncoder().encodeToString(
                    (SecureNode.USER + ":not-the-password").getBytes(StandardCharsets.UTF_8)));
        }
        String unknownKey = Base64.getEncoder().encodeToString("no-such-id:no-such-secret".getBytes(
                StandardCharsets.UTF_8));
        try (ElasticsearchClient wrongKey = ElasticsearchClients.create(node.url(),
                node.config(null, null, unknownKey, true))) {
            var e = assertThrows(ElasticsearchException.class, () -> wrongKey.cluster().health());
            assertEquals(401, e.status());
            assertNoneIn(stackTrace(e), unknownKey, "no-such-secret");
        }
        try (ElasticsearchClient noCa = ElasticsearchClients.create(node.url(),
                node.config(SecureNode.USER, node.password(), null, false))) {
            var e = assertThrows(IOException.class, () -> noCa.cluster().health());
            assertTrue(causedBy(e, SSLException.class), "expected a TLS failure, got " + e);
        }
    }

    private static String stackTrace(Throwable e) {
        var text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void assertNoneIn(String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "the failure shows a credential:\n" + text);
        }
    }

    /** A secret file as Docker mounts one: the value and a trailing newline, readable by its owner only. */
    private static Path secretFile(String name, String value) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("run-secrets"));
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, value + "\n");
    }

    private static Config loadFromEnvironment(Map<String, String> environment) {
        return new ConfigLoader().load(new ConfigSources(null, environment, Map.of()));
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
