package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackSettingsTest {

    @Test
    void hasTheDocumentedDefaults() {
        StackSettings s = StackSettings.defaults(Path.of("data"));

        assertEquals(Path.of("data").toAbsolutePath(), s.dataDir());
        assertEquals(9092, s.kafkaPort());
        assertEquals(9200, s.elasticsearchPort());
        assertEquals(6, s.partitions());
        assertEquals("512m", s.elasticsearchHeap());
        assertEquals("512m", s.kafkaHeap());
        assertEquals("outsight-es", s.elasticsearchUser());
        assertEquals(Duration.ofSeconds(120), s.startupTimeout());
        assertEquals(Path.of(System.getProperty("java.home")), s.javaHome());
        assertNull(s.elasticsearchZip());
        assertEquals(s.dataDir().resolve("kafka"), s.kafkaDir());
        assertEquals(s.dataDir().resolve("elasticsearch"), s.elasticsearchDir());
    }

    @Test
    void withersChangeOneThing() {
        StackSettings s = StackSettings.defaults(Path.of("/d")).withAnyFreePorts().withPartitions(3)
                .withHeaps("1g", "256m").withElasticsearchUser("es").withStartupTimeout(Duration.ofMinutes(3));

        assertEquals(new StackSettings(Path.of("/d"), 0, 0, 3, "1g", "256m", "es", Duration.ofMinutes(3),
                Path.of(System.getProperty("java.home")), null), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"512", "0m", "512 m", "-1g", "1.5g", "lots", ""})
    void rejectsHeapsTheJvmWouldNotTake(String heap) {
        StackSettings defaults = StackSettings.defaults(Path.of("/d"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> defaults.withHeaps(heap, "512m"));
        assertTrue(e.getMessage().startsWith("elasticsearchHeap must look like 512m or 1g"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536})
    void rejectsPortsOutOfRange(int port) {
        StackSettings defaults = StackSettings.defaults(Path.of("/d"));
        assertThrows(IllegalArgumentException.class, () -> defaults.withKafkaPort(port));
        assertThrows(IllegalArgumentException.class, () -> defaults.withElasticsearchPort(port));
    }

    @Test
    void rejectsNoPartitionsAndNoTime() {
        StackSettings defaults = StackSettings.defaults(Path.of("/d"));
        assertThrows(IllegalArgumentException.class, () -> defaults.withPartitions(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withStartupTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> defaults.withElasticsearchUser("not a user"));
    }
}
