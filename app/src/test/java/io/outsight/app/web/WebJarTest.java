package io.outsight.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebJarTest {
    @Test
    void findsTheVersionOfAWebJarFromItsMavenMetadata(@TempDir Path dir) throws IOException {
        Path metadata = dir.resolve("META-INF/maven/org.webjars.npm/charts/pom.properties");
        Files.createDirectories(metadata.getParent());
        Files.writeString(metadata, "#Generated\nversion=5.3.1\ngroupId=org.webjars.npm\nartifactId=charts\n");
        try (var loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            var webJar = WebJar.find(loader, "org.webjars.npm", "charts").orElseThrow();
            assertEquals("5.3.1", webJar.version());
            assertEquals("/webjars/charts/5.3.1/dist/charts.js", webJar.path("dist/charts.js"));
            assertEquals("META-INF/resources/webjars/charts/5.3.1/dist/charts.js", webJar.resource("/dist/charts.js"));
            assertEquals(Optional.empty(), WebJar.find(loader, "org.webjars.npm", "absent"));
        }
    }

    @Test
    void refusesAVersionThatIsNotAPathSegment(@TempDir Path dir) throws IOException {
        Path metadata = dir.resolve("META-INF/maven/g/a/pom.properties");
        Files.createDirectories(metadata.getParent());
        Files.writeString(metadata, "version=../../etc\n");
        try (var loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertEquals(Optional.empty(), WebJar.find(loader, "g", "a"));
        }
    }

    @Test
    void theBuildBundlesTheEChartsModuleThePageImports() {
        var echarts = WebJar.find(getClass().getClassLoader(), "org.webjars.npm", "echarts").orElseThrow();
        assertTrue(echarts.version().startsWith("5."), echarts.version());
        assertNotNull(getClass().getClassLoader().getResource(echarts.resource(Dashboard.ECHARTS_FILE)));
    }
}
