package io.outsight.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets read from files ({@code elasticsearch.password-file}, {@code elasticsearch.api-key-file}). */
class SecretFilesTest {
    /** Distinctive enough that finding it anywhere in a message means the secret leaked. */
    private static final String SECRET = "Zq7-pässwörd-LEAK-CANARY";

    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private Config load(Map<String, String> environment, Map<String, String> flags) {
        return loader.load(new ConfigSources(null, environment, flags));
    }

    private ConfigException failure(Map<String, String> environment, Map<String, String> flags) {
        return assertThrows(ConfigException.class, () -> load(environment, flags));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3cret\\n        | s3cret",
        "s3cret\\r\\n     | s3cret",
        "s3cret           | s3cret",
        "\\ssp ace\\s\\n | \\ssp ace\\s",
        "pässwörd\\n      | pässwörd",
    })
    void readsTheFileWithoutOneTrailingNewline(String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("password"), unescape(content), StandardCharsets.UTF_8);
        Config config = load(Map.of(), Map.of("elasticsearch.username", "outsight",
                "elasticsearch.password-file", file.toString()));
        assertEquals(unescape(expected), config.get(ConfigKeys.ELASTICSEARCH_PASSWORD));
    }

    @Test
    void readsADockerSecretNamedByTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("es_api_key"), SECRET + "\n");
        Config config = load(Map.of("OUTSIGHT_ELASTICSEARCH_API_KEY_FILE", file.toString()), Map.of());
        assertEquals(SECRET, config.get(ConfigKeys.ELASTICSEARCH_API_KEY));
        assertEquals("file " + file + " (elasticsearch.api-key-file from env OUTSIGHT_ELASTICSEARCH_API_KEY_FILE)",
                config.origin(ConfigKeys.ELASTICSEARCH_API_KEY));
    }

    @Test
    void readsTheFileNamedInTheConfigurationFile() throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), SECRET + "\n");
        Path properties = Files.writeString(dir.resolve("outsight.properties"),
                "elasticsearch.username=outsight\nelasticsearch.password-file=" + secret + "\n");
        Config config = loader.load(new ConfigSources(properties, Map.of(), Map.of()));
        assertEquals(SECRET, config.get(ConfigKeys.ELASTICSEARCH_PASSWORD));
    }

    @Test
    void settingTheSecretAndItsFileIsAnErrorWhateverTheLayers() throws IOException {
        Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");
        Path properties = Files.writeString(dir.resolve("outsight.properties"),
                "elasticsearch.username=outsight\nelasticsearch.password=" + SECRET + "\n");
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(properties,
                Map.of("OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE", file.toString()), Map.of())));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("set either elasticsearch.password (from file " + properties + ") or elasticsearch.password-file"
                + " (from env OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE), not both", e.problems().getFirst());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void anApiKeyFromAFileStillExcludesUserAndPassword() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), SECRET);
        var e = failure(Map.of("OUTSIGHT_ELASTICSEARCH_API_KEY_FILE", key.toString()),
                Map.of("elasticsearch.username", "outsight", "elasticsearch.password", "other-" + SECRET));
        assertTrue(e.getMessage().contains("set either elasticsearch.api-key or elasticsearch.username/"
                + "elasticsearch.password, not both"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "missing    | cannot be read (no such file)",
        "folder     | is a folder, not a file",
        "empty      | is empty",
        "blank      | is empty",
        "two-lines  | holds more than one line",
        "two-breaks | holds more than one line",
        "latin-1    | is not UTF-8 text",
        "huge       | is larger than 64 KiB",
    })
    void anUnusableFileGivesOneLineNamingTheKeyAndThePathButNotTheContent(String kind, String reason)
            throws IOException {
        Path file = dir.resolve(kind);
        switch (kind) {
            case "missing" -> { }
            case "folder" -> Files.createDirectory(file);
            case "empty" -> Files.writeString(file, "");
            case "blank" -> Files.writeString(file, " \n");
            case "two-lines" -> Files.writeString(file, SECRET + "\n" + SECRET + "\n");
            case "two-breaks" -> Files.writeString(file, SECRET + "\n\n");
            case "latin-1" -> Files.writeString(file, SECRET + "\n", StandardCharsets.ISO_8859_1);
            case "huge" -> Files.writeString(file, SECRET.repeat(SecretFiles.MAX_BYTES / SECRET.length() + 1));
            default -> throw new IllegalArgumentException(kind);
        }
        var e = failure(Map.of("OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE", file.toString()),
                Map.of("elasticsearch.username", "outsight"));
        assertEquals(1, e.problems().size(), e.getMessage());
        String message = e.getMessage();
        assertTrue(message.startsWith("invalid configuration: elasticsearch.password-file from env "
                + "OUTSIGHT_ELASTICSEARCH_PASSWORD_FILE: " + file.toAbsolutePath() + " " + reason), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(message.contains(SECRET) || message.contains("pässwörd"), message);
    }

    @Test
    void theRenderedConfigurationMasksSecretsFromFilesAndShowsOnlyWhereTheyCameFrom() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), SECRET + "\n");
        Config config = load(Map.of("OUTSIGHT_ELASTICSEARCH_USERNAME", "outsight"),
                Map.of("elasticsearch.password-file", password.toString()));
        String rendered = String.join("\n", config.describe());
        assertFalse(rendered.contains(SECRET), rendered);
        assertFalse(config.toString().contains(SECRET), config.toString());
        assertTrue(rendered.contains("elasticsearch.password = ******  (file " + password
                + " (elasticsearch.password-file from flag --elasticsearch.password-file))"), rendered);
        assertTrue(rendered.contains("elasticsearch.password-file = " + password), rendered);
    }

    @Test
    void theSourcesNeverPrintValues() {
        var sources = new ConfigSources(null, Map.of("OUTSIGHT_ELASTICSEARCH_PASSWORD", SECRET, "HOME", "/root"),
                Map.of("elasticsearch.api-key", SECRET));
        String shown = sources.toString();
        assertFalse(shown.contains(SECRET) || shown.contains("HOME"), shown);
        assertTrue(shown.contains("OUTSIGHT_ELASTICSEARCH_PASSWORD") && shown.contains("elasticsearch.api-key"), shown);
    }

    @Test
    void aYamlSyntaxErrorIsLocatedWithoutQuotingTheFile() throws IOException {
        Path yaml = Files.writeString(dir.resolve("outsight.yaml"), """
                elasticsearch:
                  username: outsight
                  password: "%s
                """.formatted(SECRET));
        var e = assertThrows(ConfigException.class, () -> loader.load(new ConfigSources(yaml, Map.of(), Map.of())));
        assertTrue(e.getMessage().contains(yaml + " is not valid YAML (line "), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void onlySecretKeysHaveFileKeys() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.secretFile(ConfigKeys.ELASTICSEARCH_USERNAME));
        assertEquals("elasticsearch.password-file", ConfigKeys.ELASTICSEARCH_PASSWORD_FILE.name());
        assertEquals("OUTSIGHT_ELASTICSEARCH_API_KEY_FILE", ConfigKeys.ELASTICSEARCH_API_KEY_FILE.envName());
        assertEquals(ConfigKeys.ELASTICSEARCH_PASSWORD, ConfigKeys.ELASTICSEARCH_PASSWORD_FILE.secretHeld().orElseThrow());
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.isSecret()) {
                assertTrue(ConfigKeys.ALL.stream().anyMatch(k -> k.secretHeld().orElse(null) == key),
                        key.name() + " has no " + key.name() + "-file key");
            }
        }
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\s", " ");
    }
}
