package io.outsight.app.pipeline;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackSettings;

/** The local stack's settings from the configuration (the stack.* keys). */
public final class LocalStackSettings {
    private LocalStackSettings() {}

    public static StackSettings from(Config config) {
        return StackSettings.defaults(config.get(ConfigKeys.STACK_DATA_DIR))
                .withKafkaPort(config.get(ConfigKeys.STACK_KAFKA_PORT))
                .withElasticsearchPort(config.get(ConfigKeys.STACK_ELASTICSEARCH_PORT))
                .withPartitions(config.get(ConfigKeys.STACK_TOPIC_PARTITIONS))
                .withElasticsearchUser(config.get(ConfigKeys.STACK_ELASTICSEARCH_USER))
                .withStartupTimeout(config.get(ConfigKeys.STACK_START_TIMEOUT));
    }
}
