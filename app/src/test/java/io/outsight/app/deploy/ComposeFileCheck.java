package io.outsight.app.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code docker-compose.yml} the way {@code docker compose config} would, without a Docker engine: first
 * against the Compose Specification JSON schema, then for what a schema cannot express (references between
 * services, health conditions that need a healthcheck) and for the rules of this project (pinned images, ports
 * bound to 127.0.0.1, the Outsight workers, the HTTP API service, configuration keys that exist).
 *
 * <p>Thread-safe: the schema and the mappers are immutable once built.
 */
final class ComposeFileCheck {
    /** The Outsight workers: service name (also the {@code worker} subcommand) to the services it must wait for. */
    static final Map<String, List<String>> WORKERS = workers();

    /** The service that runs {@code outsight serve}: the HTTP API and dashboard. */
    static final String API = "api";
    /** The port {@code outsight serve} listens on when nothing else is set ({@code api.port}). */
    static final int API_DEFAULT_PORT = 8080;
    private static final String API_PORT_ENV = "OUTSIGHT_API_PORT";

    /** The bundled Compose Specification schema, see {@code src/test/resources/deploy/README.md}. */
    static final String SCHEMA_RESOURCE = "/deploy/compose-spec.json";

    private static final String LOOPBACK = "127.0.0.1";

    private final Schema schema;
    private final ObjectMapper yaml;
    private final Set<String> configurationEnvNames;
    private final List<String> requiredWorkerEnvNames;

    /**
     * @param configurationEnvNames every environment variable that sets a configuration key ({@code OUTSIGHT_...})
     * @param requiredWorkerEnvNames the variables each worker must set (the addresses of Kafka and Elasticsearch)
     */
    ComposeFileCheck(Set<String> configurationEnvNames, List<String> requiredWorkerEnvNames) {
        this.configurationEnvNames = Set.copyOf(configurationEnvNames);
        this.requiredWorkerEnvNames = List.copyOf(requiredWorkerEnvNames);
        this.schema = loadSchema();
        // Compose rejects a key given twice in one mapping; Jackson would silently keep the last one.
        this.yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private static Map<String, List<String>> workers() {
        var workers = new LinkedHashMap<String, List<String>>();
        workers.put("ingest", List.of("kafka"));
        workers.put("enrich", List.of("kafka"));
        workers.put("index", List.of("kafka", "elasticsearch"));
        return Collections.unmodifiableMap(workers);
    }

    private static Schema loadSchema() {
        // The schema declares draft-07; the dialect is set here so that nothing is looked up on the network.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        try (InputStream in = ComposeFileCheck.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + SCHEMA_RESOURCE);
            }
            JsonNode node = new ObjectMapper().readTree(in);
            // A base location, against which the schema's relative $id (compose_spec.json) resolves.
            return registry.getSchema(SchemaLocation.of("classpath:deploy/compose-spec.json"), node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    /** The compose file as a tree, for tests that look at one value; fails on text that is not YAML. */
    JsonNode read(String composeText) {
        try {
            return yaml.readTree(composeText);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** Every problem found in the compose file's text; empty when the file is valid. */
    List<String> problems(String composeText) {
        Objects.requireNonNull(composeText, "composeText");
        JsonNode document;
        try {
            String alias = firstAlias(composeText);
            if (alias != null) {
                return List.of(alias);
            }
            document = yaml.readTree(composeText);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            String line = where == null ? "" : " at line " + where.getLineNr();
            return List.of("not valid YAML" + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compose text", e);
        }
        if (document == null || !document.isObject()) {
            return List.of("the compose file is empty or is not a mapping of top-level keys");
        }
        var problems = new ArrayList<String>();
        schema.validate(document).forEach(error -> problems.add("schema: " + error));
        if (!problems.isEmpty()) {
            // The checks below rely on the shapes the schema guarantees.
            return problems;
        }
        JsonNode services = document.path("services");
        services.properties().forEach(entry -> checkService(entry.getKey(), entry.getValue(), services, problems));
        WORKERS.forEach((worker, needs) -> checkWorker(worker, needs, services, problems));
        checkApi(services, problems);
        return problems;
    }

    /**
     * Jackson reads a YAML alias ({@code *name}, also in a merge key {@code <<: *name}) as the plain string
     * {@code name}, so a file that uses them would be checked wrongly: it is rejected with a clear message instead.
     */
    private @Nullable String firstAlias(String composeText) throws IOException {
        try (YAMLParser parser = (YAMLParser) yaml.createParser(composeText)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    return "line " + parser.currentLocation().getLineNr() + ": the YAML alias *" + parser.getText()
                            + " is not supported by this check (its YAML parser does not resolve aliases);"
                            + " write the values out";
                }
            }
        }
        return null;
    }

    private void checkService(String name, JsonNode service, JsonNode services, List<String> problems) {
        if (!service.has("image") && !service.has("build")) {
            problems.add("service '" + name + "' has neither image nor build");
        }
        JsonNode image = service.path("image");
        if (image.isTextual()) {
            ImageReference.parse(image.asText()).whyNotPinned().ifPresent(why ->
                    problems.add("service '" + name + "': image '" + image.asText() + "' " + why));
        }
        dependencies(service).forEach((target, condition) -> {
            if (!services.has(target)) {
                problems.add("service '" + name + "' depends on '" + target + "', which is not a service in this file");
            } else if (condition.equals("service_healthy") && !hasHealthcheck(services.path(target))) {
                problems.add("service '" + name + "' waits for '" + target + "' to be healthy, but '" + target
                        + "' has no healthcheck");
            }
        });
        for (JsonNode port : service.path("ports")) {
            checkPublishedPort(name, port, problems);
        }
        for (String variable : environmentNames(service)) {
            if (variable.startsWith("OUTSIGHT_") && !configurationEnvNames.contains(variable)) {
                problems.add("service '" + name + "' sets " + variable + ", which is not the environment variable of"
                        + " any configuration key (known: " + new TreeSet<>(configurationEnvNames) + ")");
            }
        }
    }

    private static void checkPublishedPort(String service, JsonNode port, List<String> problems) {
        String shown = port.isObject() ? port.toString() : port.asText();
        boolean loopback;
        if (port.isObject()) {
            loopback = LOOPBACK.equals(port.path("host_ip").asText(null));
        } else {
            // Short syntax: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]; a bare number is a container port.
            String[] parts = port.asText().split(":", -1);
            loopback = parts.length == 3 && parts[0].equals(LOOPBACK);
        }
        if (!loopback) {
            problems.add("service '" + service + "' publishes port '" + shown + "' on every interface; bind it to "
                    + LOOPBACK + " (for example \"127.0.0.1:9200:9200\")");
        }
    }

    private void checkWorker(String worker, List<String> needs, JsonNode services, List<String> problems) {
        JsonNode service = services.path(worker);
        if (!service.isObject()) {
            problems.add("no service '" + worker + "' for the Outsight " + worker + " worker");
            return;
        }
        if (!buildsFromThisRepository(service.path("build"))) {
            problems.add("service '" + worker + "' must build from this repository's Dockerfile"
                    + " (build: context '.', dockerfile 'Dockerfile'), but has "
                    + (service.has("build") ? "build " + service.get("build") : "no build"));
        }
        List<String> command = words(service.path("command"));
        if (!command.equals(List.of("worker", worker))) {
            problems.add("service '" + worker + "' must run the command 'worker " + worker + "', but runs " + command);
        }
        Set<String> environment = environmentNames(service);
        for (String required : requiredWorkerEnvNames) {
            if (!environment.contains(required)) {
                problems.add("service '" + worker + "' does not set " + required
                        + " (workers are configured by environment variables)");
            }
        }
        Map<String, String> dependencies = dependencies(service);
        for (String needed : needs) {
            if (!"service_healthy".equals(dependencies.get(needed))) {
                problems.add("service '" + worker + "' must wait for '" + needed + "' to be healthy"
                        + " (depends_on: " + needed + ": condition: service_healthy)");
            }
        }
        // A worker scales out by running more replicas: a fixed name or host port would allow only one.
        if (service.has("container_name")) {
            problems.add("service '" + worker + "' has a container_name, so it cannot run more than one replica");
        }
        if (service.has("ports")) {
            problems.add("service '" + worker + "' publishes ports, so it cannot run more than one replica");
        }
        if (worker.equals("enrich") && service.path("deploy").path("replicas").asInt(0) < 2) {
            problems.add("service 'enrich' must declare deploy.replicas of at least 2: it is the stage that scales out");
        }
    }

    /**
     * The API service: {@code outsight serve} built from this repository, listening on every interface of its
     * container on the port it publishes (on the host's loopback), waiting for Kafka and Elasticsearch, and
     * healthy only when {@code GET /health} on that port answers.
     */
    private void checkApi(JsonNode services, List<String> problems) {
        JsonNode service = services.path(API);
        if (!service.isObject()) {
            problems.add("no service '" + API + "' for the Outsight HTTP API (outsight serve)");
            return;
        }
        if (!buildsFromThisRepository(service.path("build"))) {
            problems.add("service '" + API + "' must build from this repository's Dockerfile (build: context '.', "
                    + "dockerfile 'Dockerfile')");
        }
        List<String> command = words(service.path("command"));
        if (command.isEmpty() || !command.getFirst().equals("serve")) {
            problems.add("service '" + API + "' must run the command 'serve', but runs " + command);
            return;
        }
        if (command.contains("--stages")) {
            problems.add("service '" + API + "' runs 'serve --stages', which would run the stages a second time "
                    + "next to the workers");
        }
        String host = optionValue(command, "--host");
        if (!"0.0.0.0".equals(host)) {
            problems.add("service '" + API + "' must listen with '--host 0.0.0.0' (serve listens on "
                    + (host == null ? "127.0.0.1 by default" : host) + ", which the published port cannot reach)");
        }
        String portText = optionValue(command, "--port");
        if (portText == null) {
            portText = service.path("environment").path(API_PORT_ENV).asText(Integer.toString(API_DEFAULT_PORT));
        }
        String port = portText.strip();
        Set<String> environment = environmentNames(service);
        for (String required : requiredWorkerEnvNames) {
            if (!environment.contains(required)) {
                problems.add("service '" + API + "' does not set " + required);
            }
        }
        Map<String, String> dependencies = dependencies(service);
        for (String needed : List.of("kafka", "elasticsearch")) {
            if (!"service_healthy".equals(dependencies.get(needed))) {
                problems.add("service '" + API + "' must wait for '" + needed + "' to be healthy"
                        + " (depends_on: " + needed + ": condition: service_healthy)");
            }
        }
        List<String> published = new ArrayList<>();
        service.path("ports").forEach(entry -> published.add(containerPort(entry)));
        if (!published.contains(port)) {
            problems.add("service '" + API + "' listens on port " + port + " but publishes container ports "
                    + published);
        }
        if (!hasHealthcheck(service)) {
            problems.add("service '" + API + "' has no healthcheck (GET /health on port " + port + ")");
        } else {
            String test = String.join(" ", words(service.path("healthcheck").path("test")));
            if (!test.contains("/health") || !test.matches("(?s).*\\D" + Pattern.quote(port)
                    + "(\\D.*)?")) {
                problems.add("service '" + API + "' healthcheck must ask GET /health on port " + port + ", but is: "
                        + test);
            }
        }
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} in a command, or null. */
    private static @Nullable String optionValue(List<String> command, String name) {
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            if (word.equals(name) && i + 1 < command.size()) {
                return command.get(i + 1);
            }
            if (word.startsWith(name + "=")) {
                return word.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The container side of a published port: {@code 8080} of {@code "127.0.0.1:8080:8080/tcp"} or of a target. */
    private static String containerPort(JsonNode port) {
        if (port.isObject()) {
            return port.path("target").asText();
        }
        String[] parts = port.asText().split(":", -1);
        return parts[parts.length - 1].split("/", 2)[0];
    }

    private static boolean buildsFromThisRepository(JsonNode build) {
        if (build.isTextual()) {
            return isRepositoryRoot(build.asText());
        }
        return build.isObject()
                && isRepositoryRoot(build.path("context").asText("."))
                && build.path("dockerfile").asText("Dockerfile").equals("Dockerfile")
                && !build.has("dockerfile_inline");
    }

    private static boolean isRepositoryRoot(String context) {
        return context.equals(".") || context.equals("./");
    }

    private static boolean hasHealthcheck(JsonNode service) {
        JsonNode healthcheck = service.path("healthcheck");
        return healthcheck.isObject() && healthcheck.has("test") && !healthcheck.path("disable").asBoolean(false);
    }

    /** The services this one depends on, with the condition it waits for (short syntax: service_started). */
    private static Map<String, String> dependencies(JsonNode service) {
        JsonNode dependsOn = service.path("depends_on");
        var dependencies = new LinkedHashMap<String, String>();
        if (dependsOn.isArray()) {
            dependsOn.forEach(target -> dependencies.put(target.asText(), "service_started"));
        } else if (dependsOn.isObject()) {
            dependsOn.properties().forEach(entry ->
                    dependencies.put(entry.getKey(), entry.getValue().path("condition").asText("service_started")));
        }
        return dependencies;
    }

    /** The names of the environment variables a service sets, from the map or the list ({@code KEY=VALUE}) form. */
    private static Set<String> environmentNames(JsonNode service) {
        JsonNode environment = service.path("environment");
        var names = new LinkedHashSet<String>();
        if (environment.isObject()) {
            environment.fieldNames().forEachRemaining(names::add);
        } else if (environment.isArray()) {
            environment.forEach(entry -> names.add(entry.asText().split("=", 2)[0]));
        }
        return names;
    }

    /** A command in either form: a list of words, or one string split on white space as compose does. */
    private static List<String> words(JsonNode command) {
        if (command.isArray()) {
            var words = new ArrayList<String>();
            command.forEach(word -> words.add(word.asText()));
            return words;
        }
        if (command.isTextual()) {
            return List.of(command.asText().strip().split("\\s+"));
        }
        return List.of();
    }
}
