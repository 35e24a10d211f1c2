package io.outsight.app.pipeline;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka and Elasticsearch a command talks to: the configured addresses, else a running local stack (recorded
 * in the data folder by {@code outsight stack up}), else, when the command may, a local stack started for it.
 * Closing stops a stack that was started for the command only.
 */
public final class Connection implements AutoCloseable {
    /** What to do when nothing is configured and no local stack runs. */
    public enum WhenNoStack {
        FAIL,
        /** Start a stack for this command only if the data folder holds an index from an earlier stack. */
        START_IF_DATA_EXISTS,
        START_FOR_THIS_COMMAND,
        START_AND_KEEP_RUNNING
    }

    private final Endpoints endpoints;
    private final String description;
    private final @Nullable LocalStack ownedStack;
    private final Map<String, Long> serverPids;

    private Connection(Endpoints endpoints, String description, @Nullable LocalStack ownedStack,
            Map<String, Long> serverPids) {
        this.endpoints = endpoints;
        this.description = description;
        this.ownedStack = ownedStack;
        this.serverPids = Collections.unmodifiableMap(new LinkedHashMap<>(serverPids));
    }

    private static Map<String, Long> pids(long kafka, long elasticsearch) {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("kafka", kafka);
        pids.put("elasticsearch", elasticsearch);
        return pids;
    }

    /**
     * @param progress told when a stack is being started (it takes 15–30 s)
     * @throws ConfigException when only one of the two addresses is configured, or no stack runs and the command
     *     may not start one
     */
    public static Connection open(Config config, WhenNoStack whenNoStack, Consumer<String> progress) {
        Objects.requireNonNull(whenNoStack, "whenNoStack");
        Objects.requireNonNull(config, "config");
        Optional<String> kafka = config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS);
        Optional<String> es = config.find(ConfigKeys.ELASTICSEARCH_URL);
        if (kafka.isPresent() && es.isPresent()) {
            return new Connection(new Endpoints(kafka.get(), es.get()), "configured servers", null, Map.of());
        }
        if (kafka.isPresent() != es.isPresent()) {
            throw new ConfigException(List.of("set both " + ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name() + " and "
                    + ConfigKeys.ELASTICSEARCH_URL.name() + " (--kafka and --elasticsearch), or neither to use the "
                    + "local stack"));
        }
        var settings = LocalStackSettings.from(config);
        var running = LocalStack.running(settings.dataDir());
        if (running.isPresent()) {
            var a = running.get();
            return new Connection(new Endpoints(a.kafkaBootstrapServers(), a.elasticsearchUrl()),
                    "local stack in " + settings.dataDir(), null, pids(a.kafkaPid(), a.elasticsearchPid()));
        }
        WhenNoStack effective = whenNoStack != WhenNoStack.START_IF_DATA_EXISTS ? whenNoStack
                : hasData(settings.dataDir()) ? WhenNoStack.START_FOR_THIS_COMMAND : WhenNoStack.FAIL;
        return switch (effective) {
            case FAIL, START_IF_DATA_EXISTS -> throw new ConfigException(List.of("no Kafka and Elasticsearch: no local stack runs in "
                    + settings.dataDir() + " (start one with 'outsight stack up') and none is configured "
                    + "(--kafka and --elasticsearch)"));
            case START_AND_KEEP_RUNNING -> {
                progress.accept("starting the local stack in " + settings.dataDir() + " (Kafka and Elasticsearch) …");
                var state = LocalStack.up(settings);
                var a = state.addresses();
                yield new Connection(new Endpoints(a.kafkaBootstrapServers(), a.elasticsearchUrl()),
                        "local stack in " + settings.dataDir() + " (left running)", null,
                        pids(state.kafkaPid(), state.elasticsearchPid()));
            }
            case START_FOR_THIS_COMMAND -> {
                progress.accept("starting a local stack in " + settings.dataDir() + " for this command (Kafka and "
                        + "Elasticsearch) …");
                var stack = LocalStack.start(settings);
                var a = stack.addresses();
                yield new Connection(new Endpoints(a.kafkaBootstrapServers(), a.elasticsearchUrl()),
                        "local stack in " + settings.dataDir() + " (stopped after the run)", stack,
                        pids(stack.kafka().pid(), stack.elasticsearch().pid()));
            }
        };
    }

    /** Whether an earlier local stack left Elasticsearch data in the folder (a run that was not kept running). */
    private static boolean hasData(Path dataDir) {
        try (var entries = Files.list(dataDir.resolve("elasticsearch").resolve("data"))) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * The process of each local server ("kafka", "elasticsearch": the root of its process tree) when they are a
     * local stack on this machine; empty for configured servers.
     */
    public Map<String, Long> serverPids() {
        return serverPids;
    }

    /** Where the servers come from, for messages. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (ownedStack != null) {
            ownedStack.close();
        }
    }
}
