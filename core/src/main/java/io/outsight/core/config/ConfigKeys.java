package io.outsight.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Every configuration key Outsight reads, declared once. docs/configuration.md is generated from this list. */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.string("kafka.bootstrap-servers", null,
            "Kafka bootstrap servers (host:port,...); unset: use a running local stack or start one");

    public static final ConfigKey<String> ELASTICSEARCH_URL = ConfigKey.string("elasticsearch.url", null,
            "Elasticsearch URL (http[s]://host:port); unset: use a running local stack or start one");

    public static final ConfigKey<String> ELASTICSEARCH_API_KEY = ConfigKey.secret("elasticsearch.api-key",
            "Elasticsearch API key (encoded form); exclusive with username/password");

    public static final ConfigKey<String> ELASTICSEARCH_USERNAME = ConfigKey.string("elasticsearch.username", null,
            "Elasticsearch user for basic authentication");

    public static final ConfigKey<String> ELASTICSEARCH_PASSWORD = ConfigKey.secret("elasticsearch.password",
            "Elasticsearch password for basic authentication");

    public static final ConfigKey<Path> ELASTICSEARCH_CA_FILE = ConfigKey.path("elasticsearch.ca-file", null,
            "PEM file of the CA that signed the Elasticsearch certificate, for TLS");

    public static final ConfigKey<String> INDEX_ALIAS = ConfigKey.string("index.alias", "outsight-articles",
            "Alias that searches and writes use; it points at the current versioned index");

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
            Duration.ofSeconds(20), "Total time allowed to fetch one page");

    public static final ConfigKey<Long> INGEST_FETCH_MAX_BODY_SIZE = ConfigKey.byteSize("ingest.fetch.max-body-size",
            10L * 1024 * 1024, "Largest response body read; larger pages get the status too_large");

    public static final ConfigKey<Boolean> INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES = ConfigKey.bool(
            "ingest.fetch.allow-private-addresses", false,
            "Allow fetching loopback, private and link-local addresses (local use, demo and tests only)");

    public static final ConfigKey<Duration> RUN_TIMEOUT = ConfigKey.duration("run.timeout", Duration.ofMinutes(5),
            "How long 'outsight run' waits for every URL to be indexed or to get a status");

    public static final List<ConfigKey<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            ELASTICSEARCH_URL,
            ELASTICSEARCH_API_KEY,
            ELASTICSEARCH_USERNAME,
            ELASTICSEARCH_PASSWORD,
            ELASTICSEARCH_CA_FILE,
            INDEX_ALIAS,
            STACK_DATA_DIR,
            STACK_KAFKA_PORT,
            STACK_ELASTICSEARCH_PORT,
            STACK_ELASTICSEARCH_USER,
            STACK_TOPIC_PARTITIONS,
            STACK_START_TIMEOUT,
            INGEST_FETCH_USER_AGENT,
            INGEST_FETCH_TIMEOUT,
            INGEST_FETCH_MAX_BODY_SIZE,
            INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES,
            RUN_TIMEOUT);
}
