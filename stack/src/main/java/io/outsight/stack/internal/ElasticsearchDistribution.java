package io.outsight.stack.internal;

import io.outsight.stack.StackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch integ-test-zip: where it is and its unpacked copy in the data folder. Stateless; unpacking is
 * safe against concurrent unpackers of the same folder (the complete tree is moved into place atomically).
 */
public final class ElasticsearchDistribution {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchDistribution.class);
    private static final String VERSIONS = "/io/outsight/stack/stack-versions.properties";
    private static final String UNPACKED_MARKER = ".outsight-unpacked";

    private ElasticsearchDistribution() {}

    /** The Elasticsearch version the build downloads (the root pom's {@code elasticsearch.version}). */
    public static String version() {
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream(VERSIONS)) {
            if (in == null) {
                throw new IllegalStateException(VERSIONS + " is missing from the outsight-stack jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("elasticsearch.version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(VERSIONS + " was not filtered by the build: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The coordinates, for messages. */
    public static String coordinates(String version) {
        return "org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + version + ":zip";
    }

    /** The zip: the explicit one if given, else the one in the local Maven repository. Must exist. */
    public static Path locate(@Nullable Path explicitZip, String version) {
        if (explicitZip != null) {
            if (!Files.isRegularFile(explicitZip)) {
                throw new StackException("The Elasticsearch distribution " + explicitZip + " does not exist (set by"
                        + " StackSettings.elasticsearchZip).");
            }
            return explicitZip;
        }
        Path zip = inRepository(mavenRepository(), version);
        if (!Files.isRegularFile(zip)) {
            throw new StackException("The Elasticsearch " + version + " distribution is not in the local Maven"
                    + " repository: " + zip + " does not exist. Build Outsight once with ./mvnw (it downloads "
                    + coordinates(version) + "), or give the zip's path explicitly (StackSettings.elasticsearchZip).");
        }
        return zip;
    }

    /** {@code maven.repo.local} if set, else {@code ~/.m2/repository}. */
    public static Path mavenRepository() {
        String local = System.getProperty("maven.repo.local");
        if (local != null && !local.isBlank()) {
            return Path.of(local);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Where Maven puts the zip in a repository. */
    public static Path inRepository(Path repository, String version) {
        return repository.resolve(Path.of("org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch",
                version, "elasticsearch-" + version + ".zip"));
    }

    /**
     * Unpacks the zip into {@code <distDir>/elasticsearch-<version>} unless it is there already; returns that
     * folder (the node's home). File modes come from the zip, so the scripts in {@code bin/} stay executable.
     */
    public static Path unpack(Path zip, Path distDir, String version) {
        Path home = distDir.resolve("elasticsearch-" + version);
        if (Files.exists(home.resolve(UNPACKED_MARKER))) {
            return home;
        }
        Path scratch = distDir.resolve(".unpacking-" + UUID.randomUUID());
        try {
            Files.createDirectories(distDir);
            LOG.info("Unpacking Elasticsearch {} into {}", version, home);
            copyTree(zip, scratch);
            Path unpackedHome = scratch.resolve("elasticsearch-" + version);
            if (!Files.isRegularFile(unpackedHome.resolve("bin").resolve("elasticsearch"))) {
                throw new StackException(zip + " is not an Elasticsearch " + version + " distribution: it has no"
                        + " elasticsearch-" + version + "/bin/elasticsearch.");
            }
            Files.createFile(unpackedHome.resolve(UNPACKED_MARKER));
            if (Files.exists(home)) {
                deleteTree(home); // an earlier unpacking that did not finish
            }
            try {
                Files.move(unpackedHome, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another process finished first; its copy is as good as ours
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(unpackedHome, home);
            }
            return home;
        } catch (IOException e) {
            throw new StackException("Cannot unpack " + zip + " into " + distDir + ": " + e, e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void copyTree(Path zip, Path target) throws IOException {
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = fs.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Path out = target.resolve(root.relativize(entry).toString()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("zip entry outside the target folder: " + entry);
                    }
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(entry, out);
                        Files.setPosixFilePermissions(out, permissions(entry, out));
                    }
                }
            }
        }
    }

    /** The entry's mode when the zip records one; otherwise rw-r--r--, plus x for the scripts in bin/. */
    private static Set<PosixFilePermission> permissions(Path entry, Path out) {
        try {
            Set<PosixFilePermission> recorded = Files.getPosixFilePermissions(entry);
            if (!recorded.isEmpty()) {
                recorded.add(PosixFilePermission.OWNER_READ);
                recorded.add(PosixFilePermission.OWNER_WRITE);
                return recorded;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no mode recorded
        }
        Set<PosixFilePermission> mode = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if (out.getParent().getFileName().toString().equals("bin")) {
            mode.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return mode;
    }

    /** Deletes a folder tree; a missing folder is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", dir, e.toString());
        }
    }
}
