package io.outsight.core.kafka;

import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKey;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.config.PemCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.jspecify.annotations.Nullable;

/**
 * How Outsight's Kafka clients reach secured brokers: the client properties of {@code kafka.security-protocol}, the
 * SASL credentials, the CA file and a client certificate. The secrets go only into properties that Kafka types as
 * passwords and so never logs ({@code sasl.jaas.config}, {@code ssl.keystore.key}, {@code ssl.key.password});
 * {@link #toString()} names the user and the files, never a secret.
 */
public final class KafkaSecurity {
    /** No TLS, no credentials: what the local stack's broker speaks. */
    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", Map.of(), null, null, null);

    private final String protocol;
    private final Map<String, Object> properties;
    private final @Nullable String user;
    private final @Nullable Path caFile;
    private final @Nullable Path certificate;

    private KafkaSecurity(String protocol, Map<String, Object> properties, @Nullable String user,
            @Nullable Path caFile, @Nullable Path certificate) {
        this.protocol = protocol;
        this.properties = Map.copyOf(properties);
        this.user = user;
        this.caFile = caFile;
        this.certificate = certificate;
    }

    /**
     * The security the configuration asks for. {@link io.outsight.core.config.ConfigLoader} has checked that the
     * keys fit together (credentials with a SASL protocol only, a CA file with TLS only).
     *
     * @throws ConfigException when the CA file holds no PEM certificate, or the client certificate or key cannot be
     *     read
     */
    public static KafkaSecurity from(Config config) {
        Objects.requireNonNull(config, "config");
        String protocol = config.get(ConfigKeys.KAFKA_SECURITY_PROTOCOL);
        if (protocol.equals("PLAINTEXT")) {
            return PLAINTEXT;
        }
        var properties = new LinkedHashMap<String, Object>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        String user = null;
        if (protocol.startsWith("SASL_")) {
            String mechanism = config.get(ConfigKeys.KAFKA_SASL_MECHANISM);
            user = config.get(ConfigKeys.KAFKA_SASL_USERNAME);
            properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG,
                    jaasConfig(mechanism, user, config.get(ConfigKeys.KAFKA_SASL_PASSWORD)));
        }
        Path caFile = config.find(ConfigKeys.KAFKA_CA_FILE).orElse(null);
        if (caFile != null) {
            PemCertificates.read(ConfigKeys.KAFKA_CA_FILE, caFile); // a wrong file is told here, by its key
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caFile.toAbsolutePath().toString());
        }
        Path certificate = config.find(ConfigKeys.KAFKA_SSL_CERTIFICATE_FILE).orElse(null);
        if (certificate != null) {
            // The files' contents, not their paths: Kafka takes a PEM key store's key and chain only inline (or both
            // in one file), and types the key as a password, which it never logs.
            properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
            properties.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
                    text(ConfigKeys.KAFKA_SSL_CERTIFICATE_FILE, certificate));
            properties.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG,
                    text(ConfigKeys.KAFKA_SSL_KEY_FILE, config.get(ConfigKeys.KAFKA_SSL_KEY_FILE)));
            config.find(ConfigKeys.KAFKA_SSL_KEY_PASSWORD).ifPresent(password ->
                    properties.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, password));
        }
        return new KafkaSecurity(protocol, properties, user, caFile, certificate);
    }

    private static String text(ConfigKey<Path> key, Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException(List.of(key.name() + ": cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** The properties to add to a client's configuration. */
    Map<String, Object> properties() {
        return properties;
    }

    /**
     * The login module line of the mechanism with the credentials quoted. Kafka reads it with a
     * {@link java.io.StreamTokenizer}, whose quoted strings take backslash escapes and end at a line break.
     */
    static String jaasConfig(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=" + quoted(user) + " password=" + quoted(password) + ";";
    }

    private static String quoted(String value) {
        var quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** The protocol, the user, the CA file and the client certificate, for messages and logs; never a secret. */
    @Override
    public String toString() {
        return protocol + (user == null ? "" : " as " + user) + (caFile == null ? "" : ", CA " + caFile)
                + (certificate == null ? "" : ", client certificate " + certificate);
    }
}
