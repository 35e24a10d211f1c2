package io.outsight.app.pipeline;

import java.util.Objects;

/** Where the pipeline's Kafka and Elasticsearch are. */
public record Endpoints(String kafkaBootstrapServers, String elasticsearchUrl) {
    public Endpoints {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
    }
}
