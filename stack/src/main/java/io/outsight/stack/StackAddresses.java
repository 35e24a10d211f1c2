package io.outsight.stack;

import java.util.Objects;

/**
 * Where the servers of a stack listen.
 *
 * @param kafkaBootstrapServers the {@code bootstrap.servers} value, such as {@code 127.0.0.1:9092}
 * @param elasticsearchUrl      the HTTP base URL without a trailing slash, such as {@code http://127.0.0.1:9200}
 */
public record StackAddresses(String kafkaBootstrapServers, String elasticsearchUrl) {
    public StackAddresses {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
    }
}
