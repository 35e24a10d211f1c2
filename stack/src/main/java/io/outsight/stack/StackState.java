package io.outsight.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A detached stack as recorded in {@code <data>/stack.json} by {@link LocalStack#up}: where its servers listen and
 * the pids that {@link LocalStack#down} stops. Immutable.
 *
 * @param kafkaBootstrapServers {@code 127.0.0.1:<port>}
 * @param elasticsearchUrl      {@code http://127.0.0.1:<port>}
 * @param kafkaPid              the broker JVM
 * @param elasticsearchPid      the root of the node's process tree ({@code runuser} as root, else the launcher)
 * @param startedAt             when the stack was ready
 */
public record StackState(
        @JsonProperty("kafka_bootstrap_servers") String kafkaBootstrapServers,
        @JsonProperty("elasticsearch_url") String elasticsearchUrl,
        @JsonProperty("kafka_pid") long kafkaPid,
        @JsonProperty("elasticsearch_pid") long elasticsearchPid,
        @JsonProperty("started_at") Instant startedAt) {

    /** The file name in the data folder. */
    public static final String FILE_NAME = "stack.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer versions may record more
            .build();

    public StackState {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    public StackAddresses addresses() {
        return new StackAddresses(kafkaBootstrapServers, elasticsearchUrl);
    }

    /** {@code <data>/stack.json}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a StackState as JSON", e);
        }
    }

    /** @throws IllegalArgumentException if the text is not a stack state */
    public static StackState fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            StackState state = JSON.readValue(json, StackState.class);
            if (state == null) {
                throw new IllegalArgumentException("not a stack state: " + json);
            }
            return state;
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("not a stack state: " + e.getMessage(), e);
        }
    }

    /**
     * The state recorded in the data folder, if any.
     *
     * @throws StackException if the file exists but cannot be read or is not a stack state (the message names it)
     */
    public static Optional<StackState> read(Path dataDir) {
        Path file = file(dataDir);
        try {
            return Optional.of(fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new StackException("Cannot read " + file + " (" + e.getMessage() + "). If no stack runs there,"
                    + " delete the file.", e);
        }
    }

    /** Writes {@code <data>/stack.json} atomically (a reader never sees half of it). */
    void write(Path dataDir) {
        Path file = file(dataDir);
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(temporary, toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StackException("Cannot write " + file + ": " + e, e);
        }
    }
}
