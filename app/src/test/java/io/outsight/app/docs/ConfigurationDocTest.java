package io.outsight.app.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.config.ConfigKey;
import io.outsight.core.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/configuration.md documents every configuration key with its variable and default. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    static Stream<ConfigKey<?>> keys() {
        return ConfigKeys.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("keys")
    void documentsKeyWithItsEnvironmentVariableAndDefault(ConfigKey<?> key) throws IOException {
        String doc = Files.readString(DOC);
        String row = doc.lines()
                .filter(line -> line.startsWith("| `" + key.name() + "` | `" + key.envName() + "` |"))
                .findFirst()
                .orElse("");
        assertTrue(!row.isEmpty(), "docs/configuration.md has no row for " + key.name() + " / " + key.envName());
        if (key.defaultValue() != null && !(key.defaultValue() instanceof Long)) {
            assertTrue(row.contains("`" + key.display(key.defaultValue()) + "`"),
                    "docs/configuration.md shows a wrong default for " + key.name() + ": " + row);
        }
    }
}
