package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.stack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaRuntimeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            JAVA_VERSION="17.0.15"              | 17
            JAVA_VERSION="25.0.3"               | 25
            JAVA_VERSION="21"                   | 21
            JAVA_VERSION="1.8.0_392"            | 8
            JAVA_VERSION="26-ea"                | 26
            """)
    void readsTheFeatureVersionFromTheReleaseFile(String line, int expected) {
        String release = "IMPLEMENTOR=\"Eclipse Adoptium\"\n" + line + "\nOS_NAME=\"Linux\"\n";
        assertEquals(OptionalInt.of(expected), JavaRuntime.parseRelease(release));
    }

    @Test
    void aReleaseFileWithoutVersionTellsNothing() {
        assertTrue(JavaRuntime.parseRelease("IMPLEMENTOR=\"x\"\n").isEmpty());
    }

    @Test
    void knowsTheRunningJava() {
        Path home = Path.of(System.getProperty("java.home"));
        assertEquals(Runtime.version().feature(), JavaRuntime.featureVersion(home));
    }

    @Test
    void tooOldAJavaFailsNamingItsHome(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");

        StackException e = assertThrows(StackException.class,
                () -> JavaRuntime.requireAtLeast(home, 21, "Elasticsearch 9.2.4"));

        assertEquals("Elasticsearch 9.2.4 needs Java 21 or newer, but " + home + " is Java 17. Point the local stack"
                + " at a newer JDK (StackSettings.javaHome), for example the one Outsight is built with.",
                e.getMessage());
    }

    @Test
    void aFolderWithoutJavaIsRejected(@TempDir Path empty) {
        StackException e = assertThrows(StackException.class, () -> JavaRuntime.featureVersion(empty));
        assertTrue(e.getMessage().startsWith("No Java at " + empty.resolve("bin/java")), e.getMessage());
    }
}
