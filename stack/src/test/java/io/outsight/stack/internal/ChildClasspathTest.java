package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {

    @Test
    void spellsOutTheClassPathOfAManifestOnlyJar(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib dir"));
        Path a = Files.createFile(lib.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Path booter = jarWithClassPath(dir.resolve("booter.jar"),
                "lib%20dir/a.jar " + b.toUri() + " missing.jar");

        String expanded = ChildClasspath.expand(booter.toString());

        assertEquals(String.join(File.pathSeparator, booter.toString(), a.toString(), b.toString()), expanded);
    }

    @Test
    void leavesAnOrdinaryClassPathAlone() {
        String classPath = String.join(File.pathSeparator, "/x/classes", "/x/a.jar");
        assertEquals(classPath, ChildClasspath.expand(classPath));
    }

    @Test
    void findsClassesOnThisJvmsClassPath() {
        assertTrue(ChildClasspath.has("kafka.Kafka"));
        assertFalse(ChildClasspath.has("no.such.Clazz"));
    }

    private static Path jarWithClassPath(Path jar, String classPath) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
