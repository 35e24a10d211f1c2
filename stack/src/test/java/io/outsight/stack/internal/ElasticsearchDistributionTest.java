package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.stack.StackException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchDistributionTest {

    @Test
    void theVersionIsTheOneThePomDownloads() {
        assertTrue(ElasticsearchDistribution.version().matches("\\d+\\.\\d+\\.\\d+"),
                ElasticsearchDistribution.version());
    }

    @Test
    void findsTheZipWhereMavenPutsIt() {
        assertEquals(Path.of("/repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/9.2.4/"
                + "elasticsearch-9.2.4.zip"), ElasticsearchDistribution.inRepository(Path.of("/repo"), "9.2.4"));
    }

    @Test
    void aMissingExplicitZipIsNamed(@TempDir Path dir) {
        Path zip = dir.resolve("es.zip");
        StackException e = assertThrows(StackException.class, () -> ElasticsearchDistribution.locate(zip, "9.2.4"));
        assertTrue(e.getMessage().contains(zip.toString()), e.getMessage());
    }

    @Test
    void unpacksOnceKeepingTheScriptsExecutable(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("es.zip");
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path bin = Files.createDirectories(fs.getPath("/elasticsearch-1.2.3/bin"));
            Files.writeString(bin.resolve("elasticsearch"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve("elasticsearch"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path config = Files.createDirectories(fs.getPath("/elasticsearch-1.2.3/config"));
            Files.writeString(config.resolve("elasticsearch.yml"), "# empty\n");
        }
        Path dist = dir.resolve("dist");

        Path home = ElasticsearchDistribution.unpack(zip, dist, "1.2.3");

        assertEquals(dist.resolve("elasticsearch-1.2.3"), home);
        assertTrue(Files.isExecutable(home.resolve("bin/elasticsearch")));
        assertFalse(Files.isExecutable(home.resolve("config/elasticsearch.yml")));
        assertEquals("# empty\n", Files.readString(home.resolve("config/elasticsearch.yml")));

        Files.writeString(home.resolve("config/elasticsearch.yml"), "# changed by the node\n");
        Files.delete(zip);
        assertEquals(home, ElasticsearchDistribution.unpack(zip, dist, "1.2.3")); // reused, zip not read again
        assertEquals("# changed by the node\n", Files.readString(home.resolve("config/elasticsearch.yml")));
        try (var leftovers = Files.list(dist)) {
            assertEquals(1, leftovers.count()); // no scratch folder left behind
        }
    }
}
