package io.outsight.stack.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path for child JVMs (the Kafka broker, its storage tool): this JVM's own class path, so that the child
 * runs exactly the Kafka jars this module depends on. Stateless.
 *
 * <p>When the class path is a single jar whose manifest lists the real class path ({@code java -jar app.jar}, or the
 * manifest-only jar Surefire and Failsafe fork with), the manifest's entries are spelled out: that jar may be deleted
 * when this JVM exits, while a detached broker lives on and still loads classes lazily.
 */
public final class ChildClasspath {
    private ChildClasspath() {}

    /** The class path of this JVM, expanded as described above. */
    public static String current() {
        return expand(System.getProperty("java.class.path", ""));
    }

    /** Whether a class (binary name) is on the class path of this JVM, as a resource. */
    public static boolean has(String className) {
        return ChildClasspath.class.getClassLoader().getResource(className.replace('.', '/') + ".class") != null;
    }

    static String expand(String classPath) {
        List<String> entries = List.of(classPath.split(File.pathSeparator));
        if (entries.size() != 1 || !entries.getFirst().endsWith(".jar")) {
            return classPath;
        }
        Path jar = Path.of(entries.getFirst()).toAbsolutePath();
        Set<String> expanded = new LinkedHashSet<>();
        expanded.add(jar.toString());
        expanded.addAll(manifestClassPath(jar));
        return String.join(File.pathSeparator, expanded);
    }

    /** The existing files named by a jar's {@code Class-Path} manifest attribute, resolved against the jar's folder. */
    static List<String> manifestClassPath(Path jar) {
        List<String> paths = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (value == null) {
                return paths;
            }
            URI base = jar.getParent().toUri();
            for (String token : value.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                try {
                    Path path = Path.of(base.resolve(token)).normalize();
                    if (Files.exists(path)) {
                        paths.add(path.toString());
                    }
                } catch (IllegalArgumentException e) {
                    // not a file URL: the JVM would ignore it as well
                }
            }
        } catch (IOException e) {
            // unreadable jar: keep just the jar, as the JVM would fail the same way
        }
        return paths;
    }
}
