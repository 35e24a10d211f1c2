package io.outsight.app.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks the one-shot compose service that loads the Kibana saved objects: it waits for a healthy Kibana, posts to
 * the saved-objects import API with overwrite and the {@code kbn-xsrf} header Kibana requires, does not restart,
 * publishes no port, and every file it uploads ({@code @/path.ndjson}) is mounted from a file of the repository,
 * which holds no other saved-objects file that it would forget. {@link ComposeFileCheck} checks the rest of the
 * compose file. Thread-safe.
 */
final class KibanaSetupCheck {
    static final String SERVICE = "kibana-setup";
    private static final Pattern UPLOAD = Pattern.compile("@(/[^\\s'\";)]+)");

    private final ObjectMapper yaml = new YAMLMapper();
    private final Path root;

    /** @param root the folder relative bind-mount sources resolve against (the compose file's folder) */
    KibanaSetupCheck(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** Every problem of the service in the compose file's text; empty when the service is sound. */
    List<String> problems(String composeText) {
        JsonNode document;
        try {
            document = yaml.readTree(composeText);
        } catch (JacksonException e) {
            return List.of("not valid YAML: " + e.getOriginalMessage());
        }
        JsonNode service = document.path("services").path(SERVICE);
        if (!service.isObject()) {
            return List.of("no service '" + SERVICE + "' loads the Kibana saved objects");
        }
        var problems = new ArrayList<String>();
        String prefix = "service '" + SERVICE + "'";
        if (!"service_healthy".equals(service.path("depends_on").path("kibana").path("condition").asText(null))) {
            problems.add(prefix + " must wait for 'kibana' to be healthy (depends_on: kibana: condition:"
                    + " service_healthy): the import API answers 503 while Kibana starts");
        }
        String restart = service.path("restart").asText("no");
        if (!restart.equals("no")) {
            problems.add(prefix + " runs once, so its restart policy must be \"no\", not '" + restart + "'");
        }
        if (service.has("ports")) {
            problems.add(prefix + " publishes ports; a one-shot client needs none");
        }
        String script = words(service.path("entrypoint")) + " " + words(service.path("command"));
        for (String required : List.of("/api/saved_objects/_import", "overwrite=true", "kbn-xsrf")) {
            if (!script.contains(required)) {
                problems.add(prefix + ": its command does not contain '" + required + "' (it must POST the file to"
                        + " /api/saved_objects/_import?overwrite=true with the kbn-xsrf header)");
            }
        }
        Map<String, String> mounts = bindMounts(service);
        var uploaded = new LinkedHashSet<Path>();
        Matcher upload = UPLOAD.matcher(script);
        while (upload.find()) {
            String target = upload.group(1);
            Path host = hostPath(mounts, target);
            if (host == null) {
                problems.add(prefix + " uploads " + target + ", which no bind mount of the service provides");
            } else if (!Files.isRegularFile(host)) {
                problems.add(prefix + " uploads " + target + ", mounted from " + root.relativize(host)
                        + ", which does not exist in the repository");
            } else {
                uploaded.add(host);
            }
        }
        if (uploaded.isEmpty() && problems.stream().noneMatch(p -> p.contains(" uploads "))) {
            problems.add(prefix + " uploads no file (curl --form file=@/path/objects.ndjson)");
        }
        for (Path folder : uploaded.stream().map(Path::getParent).distinct().toList()) {
            for (Path file : ndjsonFiles(folder)) {
                if (!uploaded.contains(file)) {
                    problems.add(prefix + " mounts " + root.relativize(folder) + " but does not import "
                            + file.getFileName() + ", which is in it");
                }
            }
        }
        return problems;
    }

    /** The saved-objects files the service uploads, as paths in the repository; empty when it uploads none. */
    Set<Path> uploadedFiles(String composeText) {
        var files = new LinkedHashSet<Path>();
        try {
            JsonNode service = yaml.readTree(composeText).path("services").path(SERVICE);
            Map<String, String> mounts = bindMounts(service);
            Matcher upload = UPLOAD.matcher(words(service.path("entrypoint")) + " " + words(service.path("command")));
            while (upload.find()) {
                Path host = hostPath(mounts, upload.group(1));
                if (host != null) {
                    files.add(root.relativize(host));
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        return files;
    }

    /** Container path to host path (relative to the root) of each bind mount, short or long syntax. */
    private static Map<String, String> bindMounts(JsonNode service) {
        var mounts = new LinkedHashMap<String, String>();
        for (JsonNode volume : service.path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                if (parts.length >= 2 && (parts[0].startsWith(".") || parts[0].startsWith("/"))) {
                    mounts.put(parts[1], parts[0]);
                }
            } else if (volume.path("type").asText("").equals("bind")) {
                mounts.put(volume.path("target").asText(), volume.path("source").asText());
            }
        }
        return mounts;
    }

    private @Nullable Path hostPath(Map<String, String> mounts, String containerPath) {
        for (Map.Entry<String, String> mount : mounts.entrySet()) {
            String target = mount.getKey().endsWith("/") ? mount.getKey() : mount.getKey() + "/";
            if (containerPath.equals(mount.getKey()) || containerPath.startsWith(target)) {
                String rest = containerPath.substring(mount.getKey().length()).replaceFirst("^/", "");
                Path source = root.resolve(mount.getValue()).normalize();
                return rest.isEmpty() ? source : source.resolve(rest).normalize();
            }
        }
        return null;
    }

    private static List<Path> ndjsonFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".ndjson")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String words(JsonNode command) {
        if (command.isArray()) {
            var words = new ArrayList<String>();
            command.forEach(word -> words.add(word.asText()));
            return String.join(" ", words);
        }
        return command.asText("");
    }
}
