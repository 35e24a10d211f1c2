package io.outsight.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved, validated configuration: a value (or none) for every declared key, and where each came from.
 * Immutable and thread-safe. Build it with {@link ConfigLoader}.
 */
public final class Config {
    private final Map<ConfigKey<?>, Object> values;
    private final Map<ConfigKey<?>, String> origins;

    Config(Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> origins) {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    /** Only the defaults. */
    public static Config defaults() {
        return new ConfigLoader().load(ConfigSources.none());
    }

    /** The value of a key that has a default or was set. */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new ConfigException(List.of(key.name() + " is not set (set "
                + key.envName() + " or " + key.flagName() + ")")));
    }

    /** The value of a key, or empty when it has no default and was not set. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(ConfigKey<T> key) {
        Objects.requireNonNull(key, "key");
        Object value = values.get(key);
        if (value == null) {
            value = key.defaultValue();
        }
        return Optional.ofNullable((T) value);
    }

    /** Where the value of a key came from: "default", "file outsight.properties", "env OUTSIGHT_…", "flag --…". */
    public String origin(ConfigKey<?> key) {
        return origins.getOrDefault(key, key.defaultValue() == null ? "unset" : "default");
    }

    /** A copy with one key set programmatically (for example the addresses of a local stack just started). */
    public <T> Config with(ConfigKey<T> key, T value, String origin) {
        Objects.requireNonNull(value, "value");
        var newValues = new LinkedHashMap<>(values);
        var newOrigins = new LinkedHashMap<>(origins);
        newValues.put(key, value);
        newOrigins.put(key, origin);
        return new Config(newValues, newOrigins);
    }

    /** One line per key, {@code name = value  (origin)}, secrets masked: safe to print and log. */
    public List<String> describe() {
        var lines = new ArrayList<String>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            lines.add(key.name() + " = " + key.display(find(key).orElse(null)) + "  (" + origin(key) + ")");
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", describe());
    }
}
