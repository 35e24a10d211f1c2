package io.outsight.stack.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalStackExtensionDirTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(LocalStackExtension.DIR_PROPERTY);
    }

    @Test
    void theStackLivesInTargetItStackByDefault() {
        System.clearProperty(LocalStackExtension.DIR_PROPERTY);
        assertEquals("it-stack", LocalStackExtension.dataDir().getFileName().toString());
        assertEquals("target", LocalStackExtension.dataDir().getParent().getFileName().toString());
    }

    @Test
    void aRunMayNameItsOwnFolderUnderTarget() {
        System.setProperty(LocalStackExtension.DIR_PROPERTY, "it-stack-faults");
        assertEquals("it-stack-faults", LocalStackExtension.dataDir().getFileName().toString());
        assertEquals("target", LocalStackExtension.dataDir().getParent().getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "../elsewhere", "a/b", ".hidden"})
    void aFolderOutsideTargetIsRefused(String name) {
        System.setProperty(LocalStackExtension.DIR_PROPERTY, name);
        assertThrows(IllegalArgumentException.class, LocalStackExtension::dataDir);
    }
}
