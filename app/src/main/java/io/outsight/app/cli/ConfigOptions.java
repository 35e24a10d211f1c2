package io.outsight.app.cli;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.config.ConfigLoader;
import io.outsight.core.config.ConfigSources;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command shares: where the configuration comes from, and the most common keys as flags. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (.properties or .yaml); default: $OUTSIGHT_CONFIG_FILE, else "
                    + "outsight.properties/.yaml in the working folder if present.")
    @Nullable Path configFile;

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers (kafka.bootstrap-servers). Default: the local stack.")
    @Nullable String kafka;

    @Option(names = "--elasticsearch", paramLabel = "URL",
            description = "Elasticsearch URL (elasticsearch.url). Default: the local stack.")
    @Nullable String elasticsearch;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Local stack folder (stack.data-dir), default .outsight.")
    @Nullable Path dataDir;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "Set any configuration key, e.g. -D ingest.fetch.timeout=30s (see docs/configuration.md).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = {"-v", "--verbose"}, description = "Log progress, and print stack traces of errors.")
    boolean verbose;

    /** Extra flags a command contributes (e.g. --allow-private-addresses). */
    private final Map<String, String> commandFlags = new LinkedHashMap<>();

    void flag(String key, String value) {
        commandFlags.put(key, value);
    }

    /** The configuration: defaults, file, environment, then these flags; validated. */
    public Config load() {
        var flags = new LinkedHashMap<>(settings);
        if (kafka != null) {
            flags.put(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name(), kafka);
        }
        if (elasticsearch != null) {
            flags.put(ConfigKeys.ELASTICSEARCH_URL.name(), elasticsearch);
        }
        if (dataDir != null) {
            flags.put(ConfigKeys.STACK_DATA_DIR.name(), dataDir.toString());
        }
        flags.putAll(commandFlags);
        return new ConfigLoader().load(ConfigSources.of(configFile, System.getenv(), flags, Path.of("")));
    }
}
