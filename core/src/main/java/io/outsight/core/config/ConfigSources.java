package io.outsight.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where configuration is read from, lowest precedence first: the file, the environment, the command-line flags.
 *
 * @param file a properties or YAML file; null for none
 * @param environment the process environment (only {@code OUTSIGHT_*} variables are read)
 * @param flags values given on the command line, by key name
 */
public record ConfigSources(@Nullable Path file, Map<String, String> environment, Map<String, String> flags) {
    /** Names the configuration file when no {@code --config} flag does. */
    public static final String CONFIG_FILE_ENV = "OUTSIGHT_CONFIG_FILE";

    public ConfigSources {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        flags = Map.copyOf(Objects.requireNonNull(flags, "flags"));
    }

    /** Names only: the environment and the flags may hold secrets (and the environment much else). */
    @Override
    public String toString() {
        return "ConfigSources[file=" + file + ", environment="
                + environment.keySet().stream().filter(name -> name.startsWith("OUTSIGHT_")).sorted().toList()
                + ", flags=" + flags.keySet().stream().sorted().toList() + "]";
    }

    public static ConfigSources none() {
        return new ConfigSources(null, Map.of(), Map.of());
    }

    /**
     * The usual sources of a process: the file named by {@code --config}, else by {@value #CONFIG_FILE_ENV}, else
     * {@code outsight.properties}, {@code outsight.yaml} or {@code outsight.yml} in the working folder if present.
     */
    public static ConfigSources of(@Nullable Path configFlag, Map<String, String> environment,
            Map<String, String> flags, Path workingDir) {
        Path file = configFlag;
        if (file == null && environment.containsKey(CONFIG_FILE_ENV)) {
            file = Path.of(environment.get(CONFIG_FILE_ENV));
        }
        if (file == null) {
            for (String name : new String[] {"outsight.properties", "outsight.yaml", "outsight.yml"}) {
                Path candidate = workingDir.resolve(name);
                if (candidate.toFile().isFile()) {
                    file = candidate;
                    break;
                }
            }
        }
        return new ConfigSources(file, environment, flags);
    }
}
