package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.outsight.app.api.ElasticsearchArticleStore;
import io.outsight.core.Topics;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.config.ConfigLoader;
import io.outsight.core.config.ConfigSources;
import io.outsight.core.id.ArticleIds;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.StageLoop;
import io.outsight.core.record.EnrichedArticle;
import io.outsight.core.record.RawArticle;
import io.outsight.core.record.Tags;
import io.outsight.index.client.ElasticsearchClients;
import io.outsight.index.sink.IndexHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch credentials, given in the environment or in secret files, never reach the log, whatever happens to
 * them: loaded and described, sent to a node that refuses them (401), sent nowhere (connection refused), or part of
 * a configuration that is rejected. Every log event of the JVM is captured (see {@link SecretLogCapture}) under the
 * shipped log4j2.xml turned up to TRACE, with the Elasticsearch client and Apache HttpClient 5 logging everything
 * the file does not silence, and searched for each secret and for the base64 forms that travel in
 * {@code Authorization: Basic …} and {@code Authorization: ApiKey …}. Each test also checks that the capture saw
 * the failure it provoked and that the server got the credentials, so that it fails when nothing was captured.
 */
class SecretsNeverLoggedTest {
    private static final Logger log = LoggerFactory.getLogger(SecretsNeverLoggedTest.class);

    private static final String USER = "outsight-writer";
    private static final String PASSWORD = "pw-Kangaroo7Q-äöü-never-logged";
    private static final String BASIC = base64(USER + ":" + PASSWORD);
    private static final String API_KEY_SECRET = "ui2lp2axTNmsyakw9tvNnw-wombat";
    /** An API key in the encoded form Elasticsearch issues: base64 of {@code id:secret}. */
    private static final String API_KEY = base64("VuaCfGcBCdbkQm-e5aOx:" + API_KEY_SECRET);
    /** The strings that must never be logged: each secret as given, and as it travels in a header or a URL. */
    private static final List<String> FORBIDDEN = List.of(PASSWORD, BASIC, API_KEY, API_KEY_SECRET,
            URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));

    private static final String ALIAS = "outsight-articles";
    private static final TopicPartition ENRICHED = new TopicPartition(Topics.ARTICLES_ENRICHED, 0);

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** What the command line printed on stderr: the one-line error, and the stack trace of --verbose. */
    private final StringBuilder printed = new StringBuilder();
    private SecretLogCapture capture;

    @BeforeEach
    void startRefusingNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // What a secured node answers to credentials it does not accept (no credential in the answer).
        server.createContext("/", exchange -> {
            try (exchange) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getRequestBody().readAllBytes();
                String reason = "unable to authenticate user [" + USER + "] for REST request ["
                        + exchange.getRequestURI().getPath() + "]";
                byte[] body = ("{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"" + reason
                        + "\"}],\"type\":\"security_exception\",\"reason\":\"" + reason + "\"},\"status\":401}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-Elastic-Product", "Elasticsearch");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\", charset=\"UTF-8\"");
                exchange.getResponseHeaders().add("WWW-Authenticate", "ApiKey");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        capture = SecretLogCapture.shippedConfigurationAtTrace();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        capture.close();
    }

    /** The two kinds of credentials, each given in a variable or through its secret file. */
    enum Credentials {
        BASIC_AUTH("OUTSIGHT_ELASTICSEARCH_PASSWORD", PASSWORD, Map.of("OUTSIGHT_ELASTICSEARCH_USERNAME", USER),
                "Basic " + BASIC),
        API_KEY_AUTH("OUTSIGHT_ELASTICSEARCH_API_KEY", API_KEY, Map.of(), "ApiKey " + API_KEY);

        private final String variable;
        private final String secret;
        private final Map<String, String> with;
        /** The Authorization header the node gets. */
        final String header;

        Credentials(String variable, String secret, Map<String, String> with, String header) {
            this.variable = variable;
            this.secret = secret;
            this.with = with;
            this.header = header;
        }

        /** The environment of a worker with the secret in its variable, or in a file its _FILE variable names. */
        Map<String, String> environment(String url, @Nullable Path secretFile) {
            var environment = new HashMap<>(with);
            environment.put("OUTSIGHT_ELASTICSEARCH_URL", url);
            if (secretFile == null) {
                environment.put(variable, secret);
            } else {
                environment.put(variable + "_FILE", secretFile.toString());
            }
            return environment;
        }
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void credentialsFromTheEnvironmentOrASecretFileAreNotLoggedWhenTheNodeRefusesThem(Credentials credentials)
            throws Exception {
        useAsTheWorkersDo(load(credentials.environment(url(), null)));
        useAsTheWorkersDo(load(credentials.environment(url(), secretFile(credentials))));

        assertEquals(List.of(credentials.header), authorizations.stream().distinct().toList(),
                "the node did not get the credentials");
        assertRefusalCaptured();
        assertNoSecretIn(capture.text(), "the log");
        assertNoSecretIn(printed.toString(), "what the command line printed");
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void credentialsAreNotLoggedWhenTheConnectionIsRefused(Credentials credentials) throws Exception {
        String closed = url();
        server.stop(0); // nothing listens on the port any more

        useAsTheWorkersDo(load(credentials.environment(closed, null)));
        useAsTheWorkersDo(load(credentials.environment(closed, secretFile(credentials))));

        assertTrue(capture.has(line -> line.logger().equals(StageLoop.class.getName())
                && line.text().contains("transient failure") && line.text().contains("Connection refused")),
                "the index loop's retry was not captured:\n" + capture.text());
        assertTrue(printed.toString().contains("is the server running?"), printed.toString());
        assertNoSecretIn(capture.text(), "the log");
        assertNoSecretIn(printed.toString(), "what the command line printed");
    }

    @Test
    void aRejectedConfigurationDoesNotQuoteItsSecrets() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("not-a-file"));
        List<Map<String, String>> rejected = List.of(
                // The password both directly and through a file: which one was meant cannot be guessed.
                Map.of("OUTSIGHT_ELASTICSEARCH_USERNAME", USER,
                        "OUTSIGHT_ELASTICSEARCH_PASSWORD", PASSWORD,
                        "OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE", secretFile("es_password", PASSWORD).toString()),
                // An API key and a user together, with other keys invalid.
                Map.of("OUTSIGHT_ELASTICSEARCH_API_KEY", API_KEY,
                        "OUTSIGHT_ELASTICSEARCH_USERNAME", USER,
                        "OUTSIGHT_ELASTICSEARCH_PASSWORD", PASSWORD,
                        "OUTSIGHT_INDEX_BATCH_SIZE", "lots",
                        "OUTSIGHT_ELASTICSEARCH_URL", "es.example:9200"),
                // A password file that is a folder, and a password without its user.
                Map.of("OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE", folder.toString()),
                Map.of("OUTSIGHT_ELASTICSEARCH_PASSWORD", PASSWORD),
                // Blank secrets.
                Map.of("OUTSIGHT_ELASTICSEARCH_API_KEY", " "),
                // Credentials in the URL, where every message and log line that names the node would show them.
                Map.of("OUTSIGHT_ELASTICSEARCH_URL", "https://" + USER + ":" + PASSWORD + "@es.example:9200"),
                Map.of("OUTSIGHT_ELASTICSEARCH_URL", "https://" + USER + ":"
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@es.example:9200/"),
                Map.of("OUTSIGHT_ELASTICSEARCH_URL", "https://" + USER + ":" + PASSWORD + "@es example:9200"),
                Map.of("OUTSIGHT_ELASTICSEARCH_URL", USER + ":" + PASSWORD + "@es.example:9200"));

        for (Map<String, String> environment : rejected) {
            var e = assertThrows(ConfigException.class, () -> load(environment), environment.keySet().toString());
            log.error("cannot start the worker", e);
            printed.append(OutsightCommand.runtimeError(e)).append('\n');
        }
        // The whole command line, as a user runs it: a conflict between secrets given as flags.
        var err = new StringWriter();
        int exit = OutsightCommand.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("config", "-D", "elasticsearch.password=" + PASSWORD, "-D", "elasticsearch.api-key=" + API_KEY);
        printed.append(err);

        assertEquals(ExitCodes.USAGE, exit, err.toString());
        assertEquals(rejected.size(), capture.lines().stream()
                .filter(line -> line.text().contains("cannot start the worker")).count(), capture.text());
        assertTrue(capture.text().contains("elasticsearch.url from env OUTSIGHT_ELASTICSEARCH_URL"), capture.text());
        assertTrue(capture.text().contains("holds credentials"), capture.text());
        assertNoSecretIn(capture.text(), "the log");
        assertNoSecretIn(printed.toString(), "what the command line printed");
    }

    @Test
    void theShippedConfigurationSilencesTheLoggersThatPrintHeadersAndBodies() {
        // Even with everything else at TRACE (the capture turned the root logger and io.outsight up). The last one
        // is the Elasticsearch client's request tracer: whole bodies, created API keys among them.
        for (String name : List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire",
                "org.apache.hc.client5.http2.frame.payload",
                "co.elastic.clients.transport.rest5_client.low_level.Request")) {
            assertFalse(LogManager.getLogger(name).isEnabled(Level.FATAL), name + " is not off");
        }
        assertTrue(LogManager.getLogger("org.apache.hc.client5.http.impl.async").isTraceEnabled(), "root not at TRACE");
        assertTrue(LogManager.getLogger("io.outsight.index").isTraceEnabled(), "io.outsight not at TRACE");
    }

    /**
     * Why the shipped file pins those loggers: Apache HttpClient 5 logs every request header at DEBUG, the
     * credentials the Elasticsearch client sends with every request among them. (This also shows that the capture
     * finds a secret that is logged.)
     */
    @Test
    void withoutTheShippedConfigurationTheHttpClientLogsTheAuthorizationHeaderAtDebug() throws Exception {
        capture.close();
        capture = SecretLogCapture.everythingAtTrace();
        Config config = load(Map.of(
                "OUTSIGHT_ELASTICSEARCH_URL", url(),
                "OUTSIGHT_ELASTICSEARCH_USERNAME", USER,
                "OUTSIGHT_ELASTICSEARCH_PASSWORD", PASSWORD));
        try (var es = ElasticsearchClients.create(config.get(ConfigKeys.ELASTICSEARCH_URL), config)) {
            assertThrows(Exception.class, () -> es.cluster().health());
        }
        assertTrue(capture.has(line -> line.logger().equals("org.apache.hc.client5.http.headers")
                && line.text().contains("Authorization: Basic " + BASIC)), capture.text());
    }

    /**
     * What the programs do with a configuration and a client: a worker or {@code outsight serve} logs the
     * configuration at most through its masked rendering; {@code outsight serve} checks the node's health (and logs
     * why it is down at DEBUG); the index worker's loop sends an article and logs the failure; a command that
     * fails prints the error in one line, and its stack trace with --verbose.
     */
    private void useAsTheWorkersDo(Config config) throws Exception {
        log.info("configuration:\n{}", config);
        try (var es = ElasticsearchClients.create(config.get(ConfigKeys.ELASTICSEARCH_URL), config)) {
            assertFalse(new ElasticsearchArticleStore(es, ALIAS, "outsight-fetch-status").reachable());

            var failure = assertThrows(Exception.class, () -> es.indices().putAlias(a -> a.index("x").name(ALIAS)));
            printed.append(OutsightCommand.runtimeError(failure)).append('\n');
            var trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            printed.append(trace);

            runIndexLoopUntilItFails(new IndexHandler(es, ALIAS, new RecordCodec()));
        }
    }

    /** The index worker's loop on one enriched article, until it logged that the batch failed. */
    private void runIndexLoopUntilItFails(IndexHandler handler) throws Exception {
        @SuppressWarnings("deprecation") // the String-strategy constructor is the one available in 4.x clients
        var consumer = new MockConsumer<String, byte[]>(OffsetResetStrategy.EARLIEST.name().toLowerCase(Locale.ROOT));
        var producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(ENRICHED)));
        consumer.updateBeginningOffsets(Map.of(ENRICHED, 0L));
        var codec = new RecordCodec();
        EnrichedArticle article = article("https://news.example/secured-" + System.nanoTime());
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(Topics.ARTICLES_ENRICHED, 0, 0L,
                article.id(), codec.encode(article))));
        int before = failuresLogged();
        try (handler; var loop = new StageLoop("index", consumer, producer, List.of(Topics.ARTICLES_ENRICHED),
                handler, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)))) {
            Thread.ofPlatform().daemon().name("secret-test-index-loop").start(loop);
            await(() -> failuresLogged() > before || !producer.history().isEmpty());
        }
    }

    /** Failures of a batch the index loop logged: a retry (WARN) or dead letters (ERROR). */
    private int failuresLogged() {
        return (int) capture.lines().stream().filter(line -> line.logger().equals(StageLoop.class.getName())
                && line.level().isMoreSpecificThan(Level.WARN)).count();
    }

    private void assertRefusalCaptured() {
        // Ours: the index loop's failure and the health check's reason, at their own levels.
        assertTrue(capture.has(line -> line.logger().equals(StageLoop.class.getName())
                && line.text().contains("security_exception")), "the index loop's failure was not captured:\n"
                + capture.text());
        assertTrue(capture.has(line -> line.logger().equals(ElasticsearchArticleStore.class.getName())
                && line.level() == Level.DEBUG && line.text().contains("401")), capture.text());
        // The clients': Elasticsearch's Rest5Client (through commons-logging) and Apache HttpClient 5, at DEBUG.
        assertTrue(capture.has(line -> line.logger().startsWith("co.elastic.clients")
                && line.text().contains("401")), "the Elasticsearch client's log was not captured");
        assertTrue(capture.hasFrom("org.apache.hc.client5", Level.DEBUG), "the HTTP client's log was not captured");
        assertTrue(printed.toString().contains("security_exception"), printed.toString());
    }

    private static void assertNoSecretIn(String text, String where) {
        var found = new ArrayList<String>();
        for (String secret : FORBIDDEN) {
            if (text.contains(secret)) {
                int at = text.indexOf(secret);
                found.add("'" + secret + "' in: …" + text.substring(Math.max(0, at - 200), Math.min(text.length(),
                        at + secret.length() + 50)) + "…");
            }
        }
        assertTrue(found.isEmpty(), where + " shows a secret: " + String.join("\n", found));
    }

    private Config load(Map<String, String> environment) {
        return new ConfigLoader().load(new ConfigSources(null, environment, Map.of()));
    }

    /** A secret file as Docker mounts one: the value and a trailing newline. */
    private Path secretFile(String name, String value) throws IOException {
        return Files.writeString(dir.resolve(name), value + "\n");
    }

    private Path secretFile(Credentials credentials) throws IOException {
        return secretFile(credentials.name().toLowerCase(Locale.ROOT), credentials.secret);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static EnrichedArticle article(String url) {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        String text = "Philippine BPO providers added seats in Manila for clients in the United States.";
        var raw = new RawArticle(ArticleIds.of(url), url, url, url, at.minusSeconds(60), 200, "text/html", null,
                null, "Manila BPO seats", List.of(), null, null, "Test Site", null, "en", text, List.of(),
                ArticleIds.contentHash(text), "test");
        var tags = new Tags(List.of("BPO"), List.of("PH"), List.of("APAC"), List.of(), List.of(), List.of());
        return new EnrichedArticle(raw, at, "test", tags, List.of(), List.of(), 0.9);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
