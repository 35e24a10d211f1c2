package io.outsight.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One configuration key: its greppable name ({@code ingest.fetch.timeout}), how its text is parsed, its default
 * (none when the key is optional) and a one-line description. Secrets are never printed.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {
    private final String name;
    private final String typeName;
    private final Function<String, T> parser;
    private final @Nullable T defaultValue;
    private final String description;
    private final boolean secret;
    private final @Nullable ConfigKey<String> fileOf;

    private ConfigKey(String name, String typeName, Function<String, T> parser, @Nullable T defaultValue,
            String description, boolean secret) {
        this(name, typeName, parser, defaultValue, description, secret, null);
    }

    private ConfigKey(String name, String typeName, Function<String, T> parser, @Nullable T defaultValue,
            String description, boolean secret, @Nullable ConfigKey<String> fileOf) {
        this.name = Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
            throw new IllegalArgumentException("config key name must be dotted lower-case words: " + name);
        }
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.secret = secret;
        this.fileOf = fileOf;
    }

    public static ConfigKey<String> string(String name, @Nullable String defaultValue, String description) {
        return new ConfigKey<>(name, "string", ConfigKey::nonBlank, defaultValue, description, false);
    }

    public static ConfigKey<String> secret(String name, String description) {
        return new ConfigKey<>(name, "secret", ConfigKey::nonBlank, null, description, true);
    }

    /**
     * The key {@code <secret>-file}: a file that holds the value of a secret key, as Docker and Kubernetes mount
     * secrets ({@code /run/secrets/…}). {@link ConfigLoader} reads it: the content without one trailing newline
     * becomes the secret's value; setting both the secret and its file is an error.
     */
    public static ConfigKey<Path> secretFile(ConfigKey<String> secret) {
        if (!secret.isSecret()) {
            throw new IllegalArgumentException(secret.name() + " is not a secret key");
        }
        return new ConfigKey<>(secret.name() + "-file", "path", text -> Path.of(nonBlank(text)), null,
                "File holding " + secret.name() + " (e.g. a mounted secret); one trailing newline is ignored",
                false, secret);
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        Function<String, Integer> parser = text -> {
            int value;
            try {
                value = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer: '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is outside " + min + ".." + max);
            }
            return value;
        };
        return new ConfigKey<>(name, "integer " + min + ".." + max, parser, defaultValue, description, false);
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        Function<String, Boolean> parser = text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean (true/false): '" + text + "'");
        };
        return new ConfigKey<>(name, "boolean", parser, defaultValue, description, false);
    }

    public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new ConfigKey<>(name, "duration", Values::duration, defaultValue, description, false);
    }

    public static ConfigKey<Long> byteSize(String name, long defaultValue, String description) {
        return new ConfigKey<>(name, "size", Values::byteSize, defaultValue, description, false);
    }

    /** One of a few names, given in any case and kept in upper case ({@code sasl_ssl} is {@code SASL_SSL}). */
    public static ConfigKey<String> choice(String name, String defaultValue, List<String> choices,
            String description) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": the default " + defaultValue + " is not one of " + choices);
        }
        Function<String, String> parser = text -> {
            String value = text.strip().toUpperCase(Locale.ROOT);
            if (!choices.contains(value)) {
                throw new IllegalArgumentException("not one of " + String.join(", ", choices) + ": '" + text + "'");
            }
            return value;
        };
        return new ConfigKey<>(name, String.join("|", choices), parser, defaultValue, description, false);
    }

    public static ConfigKey<Path> path(String name, @Nullable Path defaultValue, String description) {
        return new ConfigKey<>(name, "path", text -> Path.of(nonBlank(text)), defaultValue, description, false);
    }

    public String name() {
        return name;
    }

    /** The environment variable that sets this key: {@code OUTSIGHT_INGEST_FETCH_TIMEOUT}. */
    public String envName() {
        return "OUTSIGHT_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The command-line flag that sets this key: {@code --ingest.fetch.timeout}. */
    public String flagName() {
        return "--" + name;
    }

    public String typeName() {
        return typeName;
    }

    public @Nullable T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return secret;
    }

    /** For a key made by {@link #secretFile}, the secret key whose value its file holds. */
    public Optional<ConfigKey<String>> secretHeld() {
        return Optional.ofNullable(fileOf);
    }

    /** Parses a value given as text; the message of the exception says what is wrong with the text. */
    T parse(String text) {
        return parser.apply(text);
    }

    /** The value as it may be shown in logs and messages. */
    public String display(@Nullable Object value) {
        if (value == null) {
            return "(unset)";
        }
        return secret ? "******" : Values.format(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty value");
        }
        return text.strip();
    }
}
