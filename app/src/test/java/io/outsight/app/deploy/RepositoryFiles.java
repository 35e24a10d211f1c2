package io.outsight.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Finds and reads files at the root of the repository from a test of the app module. Stateless and thread-safe. */
final class RepositoryFiles {
    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    private RepositoryFiles() {}

    /**
     * The repository root: the parent of the app module's basedir. Surefire sets {@code basedir}; an IDE usually
     * runs tests in the module folder, hence the fallback to the working directory.
     */
    static Path root() {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path root = moduleDir.toAbsolutePath().resolve("..").normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("app"))) {
            throw new IllegalStateException("cannot find the repository root from the app module at " + moduleDir
                    + ": expected ../pom.xml and ../app; run the test from the app module");
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        Path file = path(relative);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The modules of the Maven reactor, as listed in the root pom. */
    static List<String> reactorModules() {
        return MODULE.matcher(read("pom.xml")).results().map(m -> m.group(1)).toList();
    }
}
