package io.outsight.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves a {@link Config} from defaults, then a file, then {@code OUTSIGHT_*} environment variables, then
 * command-line flags, and validates the whole result: unknown keys, unparseable values and contradictions are all
 * reported at once, each naming the key and where it was set. Thread-safe.
 */
public final class ConfigLoader {
    private final List<ConfigKey<?>> keys;
    private final Map<String, ConfigKey<?>> byName;
    private final Map<String, ConfigKey<?>> byEnvName;

    public ConfigLoader() {
        this(ConfigKeys.ALL);
    }

    ConfigLoader(List<ConfigKey<?>> keys) {
        this.keys = List.copyOf(keys);
        byName = keys.stream().collect(Collectors.toMap(ConfigKey::name, Function.identity()));
        byEnvName = keys.stream().collect(Collectors.toMap(ConfigKey::envName, Function.identity()));
    }

    /** @throws ConfigException naming every key at fault */
    public Config load(ConfigSources sources) {
        var problems = new ArrayList<String>();
        var values = new LinkedHashMap<ConfigKey<?>, Object>();
        var origins = new LinkedHashMap<ConfigKey<?>, String>();

        if (sources.file() != null) {
            Path file = sources.file();
            String origin = "file " + file;
            readFile(file, problems).forEach((name, text) -> {
                ConfigKey<?> key = byName.get(name);
                if (key == null) {
                    problems.add("unknown key '" + name + "' in " + file + suggestion(name));
                } else {
                    set(key, text, origin, values, origins, problems);
                }
            });
        }
        sources.environment().forEach((variable, text) -> {
            if (!variable.startsWith("OUTSIGHT_") || variable.equals(ConfigSources.CONFIG_FILE_ENV)) {
                return;
            }
            ConfigKey<?> key = byEnvName.get(variable);
            if (key == null) {
                problems.add("unknown environment variable " + variable + " (no configuration key maps to it)");
            } else {
                set(key, text, "env " + variable, values, origins, problems);
            }
        });
        sources.flags().forEach((name, text) -> {
            ConfigKey<?> key = byName.get(name);
            if (key == null) {
                problems.add("unknown key '" + name + "' given on the command line" + suggestion(name));
            } else {
                set(key, text, "flag " + key.flagName(), values, origins, problems);
            }
        });

        readSecretFiles(values, origins, problems);
        var config = new Config(values, origins);
        validate(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static void set(ConfigKey<?> key, String text, String origin, Map<ConfigKey<?>, Object> values,
            Map<ConfigKey<?>, String> origins, List<String> problems) {
        try {
            values.put(key, key.parse(text));
            origins.put(key, origin);
        } catch (IllegalArgumentException e) {
            String shown = key.isSecret() ? "" : " '" + text + "'";
            problems.add(key.name() + " from " + origin + ":" + shown + " is invalid: " + e.getMessage()
                    + " (expected " + key.typeName() + ")");
        }
    }

    /**
     * Replaces every {@code <secret>-file} key that is set by the secret its file holds. A secret set both directly
     * and through a file is an error whatever the layers: which one was meant cannot be guessed.
     */
    private void readSecretFiles(Map<ConfigKey<?>, Object> values, Map<ConfigKey<?>, String> origins,
            List<String> problems) {
        for (ConfigKey<?> key : keys) {
            var secret = key.secretHeld().orElse(null);
            if (secret == null || !(values.get(key) instanceof Path file)) {
                continue;
            }
            String origin = origins.get(key);
            if (values.containsKey(secret)) {
                problems.add("set either " + secret.name() + " (from " + origins.get(secret) + ") or " + key.name()
                        + " (from " + origin + "), not both");
                continue;
            }
            try {
                values.put(secret, SecretFiles.read(file));
                origins.put(secret, "file " + file + " (" + key.name() + " from " + origin + ")");
            } catch (SecretFiles.UnusableSecretFile e) {
                problems.add(key.name() + " from " + origin + ": " + file.toAbsolutePath() + " " + e.getMessage());
            }
        }
    }

    /** Checks that span several keys, or values that parse but cannot work. */
    private static void validate(Config config, List<String> problems) {
        config.find(ConfigKeys.ELASTICSEARCH_URL).ifPresent(url -> {
            String at = ConfigKeys.ELASTICSEARCH_URL.name() + " from " + config.origin(ConfigKeys.ELASTICSEARCH_URL)
                    + ": '" + withoutUserInfo(url) + "'";
            URI uri = null;
            String reason = "";
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                reason = e.getReason(); // not the message: it quotes the whole input
            }
            // A password pasted unencoded (with '/', '#', '@' or a space) leaves no user info to parse, or no URL:
            // an '@' in a URL without a host is taken for credentials as well.
            boolean credentials = uri != null && uri.getRawUserInfo() != null
                    || (uri == null || uri.getHost() == null) && url.indexOf('@') >= 0;
            String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (credentials) {
                // Credentials in the URL would be shown wherever the URL is: 'outsight config', the log line of a
                // worker that starts, the messages of failed connections. They have keys of their own.
                problems.add(at + " holds credentials: set " + ConfigKeys.ELASTICSEARCH_USERNAME.name() + " and "
                        + ConfigKeys.ELASTICSEARCH_PASSWORD_FILE.name() + ", or "
                        + ConfigKeys.ELASTICSEARCH_API_KEY_FILE.name() + ", instead");
            } else if (uri == null) {
                problems.add(at + " is not a URL: " + reason);
            } else if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(at + " is not an http(s)://host:port URL");
            }
        });
        config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS).ifPresent(servers -> {
            for (String server : servers.split(",")) {
                if (!server.strip().matches("[^\\s:/]+:\\d{1,5}")) {
                    problems.add(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name() + " from "
                            + config.origin(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS) + ": '" + server.strip()
                            + "' is not host:port");
                }
            }
        });
        // A secret whose file could not be read counts as given: its own problem is reported, not a second one.
        boolean apiKey = config.find(ConfigKeys.ELASTICSEARCH_API_KEY).isPresent()
                || config.find(ConfigKeys.ELASTICSEARCH_API_KEY_FILE).isPresent();
        boolean user = config.find(ConfigKeys.ELASTICSEARCH_USERNAME).isPresent();
        boolean password = config.find(ConfigKeys.ELASTICSEARCH_PASSWORD).isPresent()
                || config.find(ConfigKeys.ELASTICSEARCH_PASSWORD_FILE).isPresent();
        if (apiKey && (user || password)) {
            problems.add("set either " + ConfigKeys.ELASTICSEARCH_API_KEY.name() + " or "
                    + ConfigKeys.ELASTICSEARCH_USERNAME.name() + "/" + ConfigKeys.ELASTICSEARCH_PASSWORD.name()
                    + ", not both");
        }
        if (user != password) {
            problems.add(ConfigKeys.ELASTICSEARCH_USERNAME.name() + " and " + ConfigKeys.ELASTICSEARCH_PASSWORD.name()
                    + " go together: " + (user ? "the password" : "the user name") + " is missing");
        }
        readable(config, ConfigKeys.ELASTICSEARCH_CA_FILE, problems);
        validateKafkaSecurity(config, problems);
    }

    /**
     * The Kafka credentials, CA file and client certificate fit the security protocol, and a protocol other than plain
     * text has an address.
     */
    private static void validateKafkaSecurity(Config config, List<String> problems) {
        String protocol = config.get(ConfigKeys.KAFKA_SECURITY_PROTOCOL);
        String protocolKey = ConfigKeys.KAFKA_SECURITY_PROTOCOL.name();
        boolean sasl = protocol.startsWith("SASL_");
        boolean tls = protocol.endsWith("SSL");
        boolean user = config.find(ConfigKeys.KAFKA_SASL_USERNAME).isPresent();
        boolean password = config.find(ConfigKeys.KAFKA_SASL_PASSWORD).isPresent()
                || config.find(ConfigKeys.KAFKA_SASL_PASSWORD_FILE).isPresent();
        if (sasl && (!user || !password)) {
            problems.add(protocolKey + " " + protocol + " needs " + ConfigKeys.KAFKA_SASL_USERNAME.name() + " and "
                    + ConfigKeys.KAFKA_SASL_PASSWORD.name() + " (or " + ConfigKeys.KAFKA_SASL_PASSWORD_FILE.name()
                    + "): " + (user ? "the password is" : password ? "the user name is" : "both are") + " missing");
        } else if (!sasl && (user || password)) {
            problems.add("Kafka credentials are set, but " + protocolKey + " is " + protocol
                    + ", which sends none: set it to SASL_SSL (or SASL_PLAINTEXT)");
        }
        if (!tls && config.find(ConfigKeys.KAFKA_CA_FILE).isPresent()) {
            problems.add(ConfigKeys.KAFKA_CA_FILE.name() + " is set, but " + protocolKey + " is " + protocol
                    + ", which does not use TLS: set it to SSL or SASL_SSL");
        }
        readable(config, ConfigKeys.KAFKA_CA_FILE, problems);
        boolean certificate = config.find(ConfigKeys.KAFKA_SSL_CERTIFICATE_FILE).isPresent();
        boolean key = config.find(ConfigKeys.KAFKA_SSL_KEY_FILE).isPresent();
        boolean keyPassword = config.find(ConfigKeys.KAFKA_SSL_KEY_PASSWORD).isPresent()
                || config.find(ConfigKeys.KAFKA_SSL_KEY_PASSWORD_FILE).isPresent();
        if (certificate != key) {
            problems.add(ConfigKeys.KAFKA_SSL_CERTIFICATE_FILE.name() + " and " + ConfigKeys.KAFKA_SSL_KEY_FILE.name()
                    + " go together: " + (certificate ? "the key" : "the certificate") + " is missing");
        } else if (certificate && !tls) {
            problems.add("a Kafka client certificate is set, but " + protocolKey + " is " + protocol
                    + ", which does not use TLS: set it to SSL or SASL_SSL");
        }
        if (keyPassword && !key) {
            problems.add(ConfigKeys.KAFKA_SSL_KEY_PASSWORD.name() + " is set without "
                    + ConfigKeys.KAFKA_SSL_KEY_FILE.name());
        }
        readable(config, ConfigKeys.KAFKA_SSL_CERTIFICATE_FILE, problems);
        readable(config, ConfigKeys.KAFKA_SSL_KEY_FILE, problems);
        if (!protocol.equals("PLAINTEXT") && config.find(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS).isEmpty()) {
            problems.add(protocolKey + " is " + protocol + ", but " + ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.name()
                    + " is unset: the local stack's broker speaks PLAINTEXT only; set the secured brokers' address");
        }
    }

    private static void readable(Config config, ConfigKey<Path> key, List<String> problems) {
        config.find(key).ifPresent(file -> {
            if (!Files.isReadable(file)) {
                problems.add(key.name() + " from " + config.origin(key) + ": cannot read " + file.toAbsolutePath());
            }
        });
    }

    /**
     * The URL as it may be shown: when it holds an {@code @}, everything between the scheme and the last {@code @}
     * is masked ({@code https://******@es:9200}), since a password pasted unencoded may hold {@code /}, {@code ?},
     * {@code #} or {@code @} and so end the authority early, or make the URL unparseable.
     */
    private static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return url.substring(0, start) + "******" + url.substring(at);
    }

    /** Reads a .properties file, or a YAML file whose nested maps are flattened into dotted keys. */
    private static Map<String, String> readFile(Path file, List<String> problems) {
        var entries = new LinkedHashMap<String, String>();
        if (!Files.isReadable(file)) {
            problems.add("cannot read the configuration file " + file.toAbsolutePath());
            return entries;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                JsonNode root = new YAMLMapper().readTree(file.toFile());
                if (root != null && !root.isMissingNode() && !root.isNull()) {
                    if (!root.isObject()) {
                        problems.add("the configuration file " + file + " must hold a YAML mapping of keys");
                    } else {
                        flatten("", root, entries);
                    }
                }
            } else {
                var properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                properties.stringPropertyNames().stream().sorted()
                        .forEach(key -> entries.put(key.strip(), properties.getProperty(key)));
            }
        } catch (JsonProcessingException e) {
            // Not e.getMessage(): the YAML parser quotes the offending line, which may hold a secret.
            var at = e.getLocation();
            problems.add("the configuration file " + file + " is not valid YAML"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException | RuntimeException e) {
            // Properties.load names the fault ("Malformed \\uxxxx encoding.", "Input length = 1"), never the text.
            problems.add("cannot parse the configuration file " + file + ": " + e.getMessage());
        }
        return entries;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray()) {
            var parts = new ArrayList<String>();
            node.forEach(element -> parts.add(element.asText()));
            out.put(prefix, String.join(",", parts));
        } else {
            out.put(prefix, node.asText());
        }
    }

    private String suggestion(String unknown) {
        return byName.keySet().stream()
                .filter(name -> name.endsWith(unknown) || unknown.endsWith(name.substring(name.lastIndexOf('.') + 1)))
                .findFirst()
                .map(name -> " (did you mean '" + name + "'?)")
                .orElse("");
    }
}
