package io.outsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {
    private final StackState state = new StackState("127.0.0.1:9092", "http://127.0.0.1:9200", 4242, 4343,
            Instant.parse("2026-11-26T01:02:03.456Z"));

    @Test
    void roundTripsThroughJson() {
        assertEquals(state, StackState.fromJson(state.toJson()));
    }

    @Test
    void writesSnakeCaseFieldsAndAnIsoTimestamp() {
        String json = state.toJson();

        assertTrue(json.contains("\"kafka_bootstrap_servers\" : \"127.0.0.1:9092\""), json);
        assertTrue(json.contains("\"elasticsearch_url\" : \"http://127.0.0.1:9200\""), json);
        assertTrue(json.contains("\"kafka_pid\" : 4242"), json);
        assertTrue(json.contains("\"elasticsearch_pid\" : 4343"), json);
        assertTrue(json.contains("\"started_at\" : \"2026-11-26T01:02:03.456Z\""), json);
    }

    @Test
    void readsWhatWasWrittenToTheDataFolder(@TempDir Path dir) {
        assertEquals(Optional.empty(), StackState.read(dir));

        state.write(dir);

        assertEquals(Optional.of(state), StackState.read(dir));
        assertTrue(Files.exists(dir.resolve("stack.json")));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = state.toJson().replace("{", "{\"written_by\" : \"a newer version\",");
        assertEquals(state, StackState.fromJson(json));
    }

    @Test
    void aDamagedFileIsReportedByName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.json"), "{\"kafka_pid\": ");

        StackException e = assertThrows(StackException.class, () -> StackState.read(dir));

        assertTrue(e.getMessage().startsWith("Cannot read " + dir.resolve("stack.json")), e.getMessage());
    }

    @Test
    void givesTheAddresses() {
        assertEquals(new StackAddresses("127.0.0.1:9092", "http://127.0.0.1:9200"), state.addresses());
    }
}
