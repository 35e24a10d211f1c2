package io.outsight.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every configuration key Outsight reads, declared once. docs/configuration.md is generated from this list. */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrap-servers", null,
            "Kafka bootstrap servers (host:port,...); unset: use a running local stack or start one");

    public static final ConfigKey<Duration> KAFKA_CONSUMER_SESSION_TIMEOUT = ConfigKey.duration(
            "kafka.consumer.session-timeout", Duration.ofSeconds(45), "How long a stage's consumer group waits for a"
            + " worker that stopped answering before handing its partitions to others, unless a worker of the same"
            + " instance id takes them first (within the broker's bounds, 6s to 30min by default)");

    public static final ConfigKey<String> KAFKA_SECURITY_PROTOCOL = ConfigKey.choice("kafka.security-protocol",
            "PLAINTEXT", List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"), "How the clients talk to the"
            + " brokers of kafka.bootstrap-servers: TLS (SSL), SASL credentials, both, or neither");

    public static final ConfigKey<String> KAFKA_SASL_MECHANISM = ConfigKey.choice("kafka.sasl.mechanism", "PLAIN",
            List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"), "SASL mechanism of the Kafka credentials");

    public static final ConfigKey<String> KAFKA_SASL_USERNAME = ConfigKey.string("kafka.sasl.username", null,
            "Kafka user for SASL authentication");

    public static final ConfigKey<String> KAFKA_SASL_PASSWORD = ConfigKey.secret("kafka.sasl.password",
            "Kafka password for SASL authentication");

    public static final ConfigKey<Path> KAFKA_SASL_PASSWORD_FILE = ConfigKey.secretFile(KAFKA_SASL_PASSWORD);

    public static final ConfigKey<Path> KAFKA_CA_FILE = ConfigKey.path("kafka.ca-file", null,
            "PEM file of the CA that signed the Kafka brokers' certificates, for TLS; unset: the JVM's trusted CAs");

    public static final ConfigKey<Path> KAFKA_SSL_CERTIFICATE_FILE = ConfigKey.path("kafka.ssl.certificate-file",
            null, "PEM certificate (chain) of this client, for brokers that require client certificates (mutual TLS)");

    public static final ConfigKey<Path> KAFKA_SSL_KEY_FILE = ConfigKey.path("kafka.ssl.key-file", null,
            "PEM private key (PKCS#8) of kafka.ssl.certificate-file");

    public static final ConfigKey<String> KAFKA_SSL_KEY_PASSWORD = ConfigKey.secret("kafka.ssl.key-password",
            "Password of kafka.ssl.key-file, when the key is encrypted");

    public static final ConfigKey<Path> KAFKA_SSL_KEY_PASSWORD_FILE = ConfigKey.secretFile(KAFKA_SSL_KEY_PASSWORD);

    public static final ConfigKey<String> ELASTICSEARCH_URL = ConfigKey.string("elasticsearch.url", null,
            "Elasticsearch URL (http[s]://host:port); unset: use a running local stack or start one");

    public static final ConfigKey<String> ELASTICSEARCH_API_KEY = ConfigKey.secret("elasticsearch.api-key",
            "Elasticsearch API key (encoded form); exclusive with username/password");

    public static final ConfigKey<Path> ELASTICSEARCH_API_KEY_FILE = ConfigKey.secretFile(ELASTICSEARCH_API_KEY);

    public static final ConfigKey<String> ELASTICSEARCH_USERNAME = ConfigKey.string("elasticsearch.username", null,
            "Elasticsearch user for basic authentication");

    public static final ConfigKey<String> ELASTICSEARCH_PASSWORD = ConfigKey.secret("elasticsearch.password",
            "Elasticsearch password for basic authentication");

    public static final ConfigKey<Path> ELASTICSEARCH_PASSWORD_FILE = ConfigKey.secretFile(ELASTICSEARCH_PASSWORD);

    public static final ConfigKey<Path> ELASTICSEARCH_CA_FILE = ConfigKey.path("elasticsearch.ca-file", null,
            "PEM file of the CA that signed the Elasticsearch certificate, for TLS");

    public static final ConfigKey<String> INDEX_ALIAS = ConfigKey.string("index.alias", "outsight-articles",
            "Alias that searches and writes use; it points at the current versioned index");

    public static final ConfigKey<String> INDEX_FETCH_STATUS_INDEX = ConfigKey.string("index.fetch-status-index",
            "outsight-fetch-status", "Index holding the latest fetch status of every URL (the crawl-status view)");

    public static final ConfigKey<Integer> INDEX_BATCH_SIZE = ConfigKey.integer("index.batch-size", 1000, 1, 100_000,
            "Most records the index stage takes from Kafka at once; their offsets are committed once all are indexed");

    public static final ConfigKey<Integer> INDEX_BULK_MAX_OPERATIONS = ConfigKey.integer("index.bulk.max-operations",
            500, 1, 100_000, "Most documents in one Elasticsearch bulk request");

    public static final ConfigKey<Long> INDEX_BULK_MAX_SIZE = ConfigKey.byteSize("index.bulk.max-size",
            5L * 1024 * 1024, "Most bytes of documents in one Elasticsearch bulk request");

    public static final ConfigKey<Integer> INDEX_BULK_CONCURRENT_REQUESTS = ConfigKey.integer(
            "index.bulk.concurrent-requests", 2, 1, 64,
            "Most bulk requests in flight per index worker; more waits (back-pressure)");

    public static final ConfigKey<Duration> INDEX_BULK_TIMEOUT = ConfigKey.duration("index.bulk.timeout",
            Duration.ofMinutes(2), "How long Elasticsearch may take to acknowledge a batch before it is sent again");

    public static final ConfigKey<Path> STACK_DATA_DIR = ConfigKey.path("stack.data-dir", Path.of(".outsight"),
            "Folder of the local stack: server data, logs and the addresses of a running stack");

    public static final ConfigKey<Integer> STACK_KAFKA_PORT = ConfigKey.integer("stack.kafka.port", 9092, 1, 65535,
            "Preferred port of the local Kafka broker; another free port is used when it is taken");

    public static final ConfigKey<Integer> STACK_ELASTICSEARCH_PORT = ConfigKey.integer("stack.elasticsearch.port",
            9200, 1, 65535, "Preferred HTTP port of the local Elasticsearch node; another free port is used when taken");

    public static final ConfigKey<String> STACK_ELASTICSEARCH_USER = ConfigKey.string("stack.elasticsearch.user",
            "outsight-es", "Unprivileged system user that runs the local Elasticsearch node when Outsight runs as root");

    public static final ConfigKey<Integer> STACK_TOPIC_PARTITIONS = ConfigKey.integer("stack.topic-partitions", 6, 1,
            1000, "Partitions of each topic the local stack creates; stages scale out up to this many consumers");

    public static final ConfigKey<Duration> STACK_START_TIMEOUT = ConfigKey.duration("stack.start-timeout",
            Duration.ofSeconds(180), "How long to wait for the local Kafka and Elasticsearch to become ready");

    public static final ConfigKey<String> INGEST_FETCH_USER_AGENT = ConfigKey.string("ingest.fetch.user-agent",
            "OutsightBot/0.1 (+https://github.com/outsight/outsight)", "User-Agent header sent with every request");

    public static final ConfigKey<Duration> INGEST_FETCH_TIMEOUT = ConfigKey.duration("ingest.fetch.timeout",
            Duration.ofSeconds(20), "Total time allowed to fetch one page, redirects included (retries excluded)");

    public static final ConfigKey<Duration> INGEST_FETCH_CONNECT_TIMEOUT = ConfigKey.duration(
            "ingest.fetch.connect-timeout", Duration.ofSeconds(10), "Time allowed to open a connection to a server");

    public static final ConfigKey<Duration> INGEST_FETCH_READ_TIMEOUT = ConfigKey.duration("ingest.fetch.read-timeout",
            Duration.ofSeconds(15), "Longest wait for the next bytes of a response");

    public static final ConfigKey<Long> INGEST_FETCH_MAX_BODY_SIZE = ConfigKey.byteSize("ingest.fetch.max-body-size",
            10L * 1024 * 1024, "Largest response body read; larger pages get the status too_large");

    public static final ConfigKey<Boolean> INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES = ConfigKey.bool(
            "ingest.fetch.allow-private-addresses", false,
            "Allow fetching loopback, private and link-local addresses (local use, demo and tests only)");

    public static final ConfigKey<Integer> INGEST_FETCH_MAX_REDIRECTS = ConfigKey.integer("ingest.fetch.max-redirects",
            5, 0, 20, "Redirects followed per page; more, or a loop, gives the status failed");

    public static final ConfigKey<Integer> INGEST_FETCH_RETRIES = ConfigKey.integer("ingest.fetch.retries", 2, 0, 10,
            "Retries of a fetch that got HTTP 429, HTTP 503 or a connection error");

    public static final ConfigKey<Duration> INGEST_FETCH_RETRY_BACKOFF = ConfigKey.duration(
            "ingest.fetch.retry-backoff", Duration.ofSeconds(1),
            "Ceiling of the first retry wait; it doubles per retry, with full jitter");

    public static final ConfigKey<Duration> INGEST_FETCH_MAX_RETRY_WAIT = ConfigKey.duration(
            "ingest.fetch.max-retry-wait", Duration.ofSeconds(60),
            "Longest wait before a retry; a longer Retry-After gives up with the HTTP status");

    public static final ConfigKey<Integer> INGEST_BATCH_SIZE = ConfigKey.integer("ingest.batch-size", 50, 1, 10_000,
            "Most URL requests the ingest stage takes from Kafka at once; their outputs commit in one transaction");

    public static final ConfigKey<Integer> INGEST_FETCH_CONCURRENCY = ConfigKey.integer("ingest.fetch.concurrency", 16,
            1, 1024, "Pages fetched at once by one ingest worker, across hosts");

    public static final ConfigKey<Integer> INGEST_FETCH_HOST_CONCURRENCY = ConfigKey.integer(
            "ingest.fetch.host-concurrency", 1, 1, 64, "Pages fetched at once from one host (host and port)");

    public static final ConfigKey<Duration> INGEST_FETCH_HOST_DELAY = ConfigKey.duration("ingest.fetch.host-delay",
            Duration.ofSeconds(1), "Least time between two requests to one host; a longer robots.txt Crawl-delay wins");

    public static final ConfigKey<Duration> INGEST_FETCH_MAX_CRAWL_DELAY = ConfigKey.duration(
            "ingest.fetch.max-crawl-delay", Duration.ofSeconds(30),
            "Hosts whose robots.txt asks for a longer Crawl-delay are not fetched (status robots_denied)");

    public static final ConfigKey<Duration> INGEST_FETCH_BATCH_TIME_BUDGET = ConfigKey.duration(
            "ingest.fetch.batch-time-budget", Duration.ofMinutes(2),
            "How long one batch of URL requests may wait for busy hosts; later URLs go back on outsight.urls");

    public static final ConfigKey<Duration> INGEST_ROBOTS_CACHE_TTL = ConfigKey.duration("ingest.robots.cache-ttl",
            Duration.ofHours(1), "How long a host's robots.txt is kept before it is fetched again");

    public static final ConfigKey<Duration> INGEST_DEDUP_WINDOW = ConfigKey.duration("ingest.dedup-window",
            Duration.ofHours(1), "A URL requested again this soon after it was fetched gets the status duplicate; 0s: never");

    public static final ConfigKey<Integer> INGEST_URL_MEMORY_SIZE = ConfigKey.integer("ingest.url-memory-size", 100_000,
            0, 100_000_000, "URLs whose ETag, Last-Modified and content hash one worker keeps in memory for re-fetches");

    public static final ConfigKey<Path> ENRICH_TAXONOMY_DIR = ConfigKey.path("enrich.taxonomy-dir", null,
            "Folder of edited taxonomy and gazetteer files (docs/taxonomy.md); unset: the bundled ones");

    public static final ConfigKey<Duration> RUN_TIMEOUT = ConfigKey.duration("run.timeout", Duration.ofMinutes(5),
            "How long 'outsight run' waits for every URL to be indexed or to get a status");

    public static final ConfigKey<Integer> API_PORT = ConfigKey.integer("api.port", 8080, 0, 65535,
            "Port 'outsight serve' listens on for the HTTP API; 0: any free port");

    public static final ConfigKey<Integer> API_MAX_URLS = ConfigKey.integer("api.max-urls", 1000, 1, 1_000_000,
            "Most URLs one POST /jobs may submit (listed, or read from its sitemaps and feeds)");

    public static final ConfigKey<Long> API_MAX_BODY_SIZE = ConfigKey.byteSize("api.max-body-size", 1024L * 1024,
            "Largest HTTP API request body; larger ones get 413");

    public static final ConfigKey<Integer> WORKER_METRICS_PORT = ConfigKey.integer("worker.metrics-port", 0, 0, 65535,
            "Port 'outsight worker' serves Prometheus metrics on at /metrics; 0: no metrics server");

    public static final ConfigKey<String> WORKER_METRICS_HOST = ConfigKey.string("worker.metrics-host", "127.0.0.1",
            "Address the worker's metrics server listens on; 0.0.0.0 for every interface (containers)");

    public static final ConfigKey<Path> WORKER_INSTANCE_DIR = ConfigKey.path("worker.instance-dir", null,
            "Folder of the lock files that give each stage's workers on a host their instance ids (Kafka"
            + " transactional id, static group membership), taken again by the next worker once one is gone;"
            + " unset: .outsight/instances in the user's home");

    public static final List<ConfigKey<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            KAFKA_CONSUMER_SESSION_TIMEOUT,
            KAFKA_SECURITY_PROTOCOL,
            KAFKA_SASL_MECHANISM,
            KAFKA_SASL_USERNAME,
            KAFKA_SASL_PASSWORD,
            KAFKA_SASL_PASSWORD_FILE,
            KAFKA_CA_FILE,
            KAFKA_SSL_CERTIFICATE_FILE,
            KAFKA_SSL_KEY_FILE,
            KAFKA_SSL_KEY_PASSWORD,
            KAFKA_SSL_KEY_PASSWORD_FILE,
            ELASTICSEARCH_URL,
            ELASTICSEARCH_API_KEY,
            ELASTICSEARCH_API_KEY_FILE,
            ELASTICSEARCH_USERNAME,
            ELASTICSEARCH_PASSWORD,
            ELASTICSEARCH_PASSWORD_FILE,
            ELASTICSEARCH_CA_FILE,
            INDEX_ALIAS,
            INDEX_FETCH_STATUS_INDEX,
            INDEX_BATCH_SIZE,
            INDEX_BULK_MAX_OPERATIONS,
            INDEX_BULK_MAX_SIZE,
            INDEX_BULK_CONCURRENT_REQUESTS,
            INDEX_BULK_TIMEOUT,
            STACK_DATA_DIR,
            STACK_KAFKA_PORT,
            STACK_ELASTICSEARCH_PORT,
            STACK_ELASTICSEARCH_USER,
            STACK_TOPIC_PARTITIONS,
            STACK_START_TIMEOUT,
            INGEST_BATCH_SIZE,
            INGEST_FETCH_USER_AGENT,
            INGEST_FETCH_TIMEOUT,
            INGEST_FETCH_CONNECT_TIMEOUT,
            INGEST_FETCH_READ_TIMEOUT,
            INGEST_FETCH_MAX_BODY_SIZE,
            INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES,
            INGEST_FETCH_MAX_REDIRECTS,
            INGEST_FETCH_RETRIES,
            INGEST_FETCH_RETRY_BACKOFF,
            INGEST_FETCH_MAX_RETRY_WAIT,
            INGEST_FETCH_CONCURRENCY,
            INGEST_FETCH_HOST_CONCURRENCY,
            INGEST_FETCH_HOST_DELAY,
            INGEST_FETCH_MAX_CRAWL_DELAY,
            INGEST_FETCH_BATCH_TIME_BUDGET,
            INGEST_ROBOTS_CACHE_TTL,
            INGEST_DEDUP_WINDOW,
            INGEST_URL_MEMORY_SIZE,
            ENRICH_TAXONOMY_DIR,
            RUN_TIMEOUT,
            API_PORT,
            API_MAX_URLS,
            API_MAX_BODY_SIZE,
            WORKER_METRICS_PORT,
            WORKER_METRICS_HOST,
            WORKER_INSTANCE_DIR);
}
