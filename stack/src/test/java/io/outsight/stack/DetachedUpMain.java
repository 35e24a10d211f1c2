package io.outsight.stack;

import java.nio.file.Path;

/** What {@code outsight stack up} does, in a JVM of its own: starts a detached stack, prints its state, exits. */
final class DetachedUpMain {
    private DetachedUpMain() {}

    /** Arguments: data folder, preferred Kafka port, preferred Elasticsearch port. */
    public static void main(String[] args) {
        StackSettings settings = StackSettings.defaults(Path.of(args[0]))
                .withKafkaPort(Integer.parseInt(args[1]))
                .withElasticsearchPort(Integer.parseInt(args[2]))
                .withStartupTimeout(java.time.Duration.ofSeconds(180));
        System.out.println(LocalStack.up(settings).toJson());
    }
}
