package io.outsight.app.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks the repository's {@code Dockerfile} by reading its instructions, without a Docker engine: a multi-stage
 * build whose dependency layer is cached, pinned base images, a JRE runtime stage that runs as a non-root user, and
 * an entrypoint whose class path and main class exist. Also checks the {@code .dockerignore}.
 *
 * <p>Stateless and thread-safe.
 */
final class DockerfileCheck {
    private static final Pattern FEATURE_VERSION = Pattern.compile("^(\\d+)");
    private static final Set<String> ROOT_USERS = Set.of("root", "0");

    /** One instruction, with its continuation lines joined. */
    record Instruction(int line, String keyword, String arguments) {
        /** The arguments without the leading {@code --flag=value} options. */
        List<String> words() {
            return Arrays.stream(arguments.strip().split("\\s+")).filter(word -> !word.startsWith("--")).toList();
        }

        Optional<String> flag(String name) {
            return Arrays.stream(arguments.strip().split("\\s+"))
                    .filter(word -> word.startsWith("--" + name + "="))
                    .map(word -> word.substring(name.length() + 3))
                    .findFirst();
        }
    }

    /** A build stage: its FROM instruction and the instructions after it. */
    record Stage(Instruction from, String image, @Nullable String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
        }

        int indexOf(Predicate<Instruction> predicate) {
            for (int i = 0; i < instructions.size(); i++) {
                if (predicate.test(instructions.get(i))) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Path repositoryRoot;
    private final List<String> reactorModules;

    DockerfileCheck(Path repositoryRoot, List<String> reactorModules) {
        this.repositoryRoot = Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        this.reactorModules = List.copyOf(reactorModules);
    }

    /** The instructions of a Dockerfile: comments and blank lines dropped, continuation lines joined. */
    static List<Instruction> instructions(String dockerfile) {
        var instructions = new ArrayList<Instruction>();
        String[] lines = dockerfile.split("\\R", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue; // Docker also skips comment lines inside a continued instruction.
            }
            boolean continues = line.endsWith("\\");
            String content = continues ? line.substring(0, line.length() - 1).strip() : line;
            if (pending == null) {
                pending = new StringBuilder(content);
                start = i + 1;
            } else {
                pending.append(' ').append(content);
            }
            if (!continues) {
                String text = pending.toString();
                int space = text.indexOf(' ');
                String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
                instructions.add(new Instruction(start, keyword, space < 0 ? "" : text.substring(space + 1).strip()));
                pending = null;
            }
        }
        return instructions;
    }

    static List<Stage> stages(List<Instruction> instructions) {
        var stages = new ArrayList<Stage>();
        Instruction from = null;
        var body = new ArrayList<Instruction>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(stage(from, body));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(instruction);
            }
        }
        if (from != null) {
            stages.add(stage(from, body));
        }
        return stages;
    }

    private static Stage stage(Instruction from, List<Instruction> body) {
        List<String> words = from.words();
        String image = words.isEmpty() ? "" : words.get(0);
        String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
        return new Stage(from, image, name, List.copyOf(body));
    }

    /** Every problem found in the Dockerfile's text; empty when it follows the rules. */
    List<String> problems(String dockerfile) {
        Objects.requireNonNull(dockerfile, "dockerfile");
        List<Stage> stages = stages(instructions(dockerfile));
        var problems = new ArrayList<String>();
        if (stages.size() < 2) {
            problems.add("the Dockerfile must be multi-stage: a build stage with the JDK and a runtime stage with the"
                    + " JRE, but it has " + stages.size() + " stage(s)");
            return problems;
        }
        checkBaseImages(stages, problems);
        checkBuildStage(stages.get(0), problems);
        checkRuntimeStage(stages.get(stages.size() - 1), problems);
        return problems;
    }

    private static void checkBaseImages(List<Stage> stages, List<String> problems) {
        var earlierStageNames = new ArrayList<String>();
        for (Stage stage : stages) {
            if (!earlierStageNames.contains(stage.image())) {
                ImageReference.parse(stage.image()).whyNotPinned().ifPresent(why -> problems.add("line "
                        + stage.from().line() + ": FROM " + stage.image() + " " + why));
            }
            if (stage.name() != null) {
                earlierStageNames.add(stage.name());
            }
        }
        checkTemurin(stages.get(0), "jdk", "the build stage", problems);
        checkTemurin(stages.get(stages.size() - 1), "jre", "the runtime stage", problems);
    }

    private static void checkTemurin(Stage stage, String kind, String role, List<String> problems) {
        ImageReference image = ImageReference.parse(stage.image());
        String tag = image.tag() == null ? "" : image.tag();
        if (!image.repository().equals("eclipse-temurin") || !tag.contains("-" + kind)) {
            problems.add(role + " must start from an eclipse-temurin " + kind.toUpperCase(Locale.ROOT)
                    + " image (eclipse-temurin:<version>-" + kind + "-<os>), not " + stage.image());
            return;
        }
        Matcher feature = FEATURE_VERSION.matcher(tag);
        if (!feature.find() || Integer.parseInt(feature.group(1)) < 21) {
            problems.add(role + " must run Java 21 or newer, but starts from " + stage.image());
        }
    }

    private void checkBuildStage(Stage build, List<String> problems) {
        int goOffline = build.indexOf(instruction -> instruction.keyword().equals("RUN")
                && instruction.arguments().contains("dependency:go-offline"));
        int copySources = build.indexOf(instruction -> instruction.keyword().equals("COPY")
                && instruction.words().size() >= 2 && instruction.words().get(0).equals("."));
        if (goOffline < 0 || copySources < 0 || goOffline > copySources) {
            problems.add("the build stage must resolve the dependencies (RUN ./mvnw dependency:go-offline) after"
                    + " copying the poms and before copying the sources (COPY . .), so the dependency layer is cached");
        } else {
            var copiedFirst = new ArrayList<String>();
            build.instructions().subList(0, goOffline).stream()
                    .filter(instruction -> instruction.keyword().equals("COPY"))
                    .forEach(copy -> copiedFirst.addAll(sources(copy)));
            var needed = new ArrayList<>(List.of("mvnw", "pom.xml", ".mvn/"));
            reactorModules.forEach(module -> needed.add(module + "/pom.xml"));
            for (String file : needed) {
                if (!copiedFirst.contains(file)) {
                    problems.add("the build stage does not copy " + file + " before dependency:go-offline"
                            + " (every module of the root pom must be there, or the reactor cannot be read)");
                }
            }
        }
        boolean packages = build.all("RUN").stream().map(Instruction::arguments).anyMatch(run ->
                run.contains("./mvnw") && run.contains("-B") && run.contains("-DskipTests") && run.contains(" package"));
        if (!packages) {
            problems.add("the build stage must build the app distribution with RUN ./mvnw -B -DskipTests package");
        }
    }

    private void checkRuntimeStage(Stage runtime, List<String> problems) {
        List<Instruction> users = runtime.all("USER");
        if (users.isEmpty()) {
            problems.add("the runtime stage has no USER instruction, so the container would run as root");
        } else {
            String user = users.get(users.size() - 1).arguments().strip().split(":", 2)[0];
            if (ROOT_USERS.contains(user)) {
                problems.add("the runtime stage runs as root (USER " + user + "); use a non-root user");
            }
        }
        List<Instruction> entrypoints = runtime.all("ENTRYPOINT");
        if (entrypoints.isEmpty()) {
            problems.add("the runtime stage has no ENTRYPOINT");
            return;
        }
        String entrypoint = entrypoints.get(entrypoints.size() - 1).arguments();
        List<String> command = execForm(entrypoint);
        if (command.isEmpty()) {
            problems.add("the ENTRYPOINT must use the exec form [\"java\", ...], so java runs as PID 1 and receives"
                    + " SIGTERM, but is: " + entrypoint);
            return;
        }
        int classPathFlag = Math.max(command.indexOf("-cp"), command.indexOf("-classpath"));
        if (!command.get(0).equals("java") || classPathFlag < 0 || classPathFlag + 2 >= command.size()) {
            problems.add("the ENTRYPOINT must run java -cp <class path> <main class>, but is " + command);
            return;
        }
        checkClassPath(runtime, command.get(classPathFlag + 1), problems);
        checkMainClass(command.get(classPathFlag + 2), problems);
    }

    private static void checkClassPath(Stage runtime, String classPath, List<String> problems) {
        List<Instruction> copies = runtime.all("COPY").stream()
                .filter(copy -> copy.flag("from").isPresent())
                .toList();
        List<String> destinations = copies.stream().map(DockerfileCheck::destination).toList();
        for (String entry : classPath.split(":")) {
            String wanted = entry.endsWith("/*") ? entry.substring(0, entry.length() - 1) : entry;
            boolean copied = destinations.stream().anyMatch(destination ->
                    destination.equals(wanted) || (destination + "/").equals(wanted));
            if (!copied) {
                problems.add("the class path entry " + entry + " is not copied into the runtime stage"
                        + " (COPY --from=<build stage> ... " + wanted + ")");
            }
        }
        List<String> copiedSources = copies.stream().flatMap(copy -> sources(copy).stream()).toList();
        for (String artefact : List.of("app/target/outsight-app.jar", "app/target/lib/")) {
            if (copiedSources.stream().noneMatch(source -> source.endsWith(artefact))) {
                problems.add("the runtime stage does not copy the app distribution's " + artefact
                        + " from the build stage");
            }
        }
    }

    private void checkMainClass(String mainClass, List<String> problems) {
        String source = "app/src/main/java/" + mainClass.replace('.', '/') + ".java";
        if (!Files.isRegularFile(repositoryRoot.resolve(source))) {
            problems.add("the ENTRYPOINT's main class " + mainClass + " has no source file " + source);
        }
    }

    /** The words of an exec-form (JSON array) instruction, or an empty list for the shell form. */
    private static List<String> execForm(String arguments) {
        if (!arguments.startsWith("[")) {
            return List.of();
        }
        try {
            return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() {});
        } catch (JacksonException e) {
            return List.of();
        }
    }

    private static List<String> sources(Instruction copy) {
        List<String> words = copy.words();
        return words.size() < 2 ? List.of() : words.subList(0, words.size() - 1);
    }

    private static String destination(Instruction copy) {
        List<String> words = copy.words();
        return words.isEmpty() ? "" : words.get(words.size() - 1);
    }

    /** Every problem found in the {@code .dockerignore}'s text; empty when it keeps build output and state out. */
    static List<String> dockerignoreProblems(String dockerignore) {
        Set<String> patterns = dockerignore.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
                .collect(Collectors.toSet());
        var problems = new ArrayList<String>();
        // Modules build into <module>/target, so these must match at any depth.
        for (String required : List.of("**/target", "**/.outsight")) {
            if (!patterns.contains(required)) {
                problems.add("the .dockerignore does not exclude " + required + "/ (at any depth)");
            }
        }
        if (!patterns.contains(".git") && !patterns.contains("**/.git")) {
            problems.add("the .dockerignore does not exclude .git");
        }
        return problems;
    }
}
