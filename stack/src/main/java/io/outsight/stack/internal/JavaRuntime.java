package io.outsight.stack.internal;

import io.outsight.stack.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds out which Java a Java home holds, for the child JVMs. Stateless. */
public final class JavaRuntime {
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([0-9][0-9._+a-zA-Z-]*)\"?\\s*$");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([0-9][^\"]*)\"");

    private JavaRuntime() {}

    /** {@code <home>/bin/java}, which must exist. */
    public static Path javaExecutable(Path javaHome) {
        Path java = javaHome.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new StackException("No Java at " + java + ": the Java home for the local stack must be a JDK or JRE"
                    + " folder with bin/java (set StackSettings.javaHome).");
        }
        return java;
    }

    /** The feature version (17, 21, 25) of the Java in that home: from its {@code release} file, else {@code java -version}. */
    public static int featureVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            try {
                OptionalInt version = parseRelease(Files.readString(release, StandardCharsets.ISO_8859_1));
                if (version.isPresent()) {
                    return version.getAsInt();
                }
            } catch (IOException e) {
                // fall through to asking the java executable
            }
        }
        return askJava(javaExecutable(javaHome));
    }

    /** Fails with a message naming the Java home unless it holds Java {@code minimum} or newer. */
    public static void requireAtLeast(Path javaHome, int minimum, String forWhat) {
        int version = featureVersion(javaHome);
        if (version < minimum) {
            throw new StackException(forWhat + " needs Java " + minimum + " or newer, but " + javaHome + " is Java "
                    + version + ". Point the local stack at a newer JDK (StackSettings.javaHome), for example the"
                    + " one Outsight is built with.");
        }
    }

    /** The feature version in the contents of a {@code release} file ({@code JAVA_VERSION="17.0.15"}). */
    public static OptionalInt parseRelease(String releaseFile) {
        Matcher m = RELEASE_VERSION.matcher(releaseFile);
        return m.find() ? OptionalInt.of(feature(m.group(1))) : OptionalInt.empty();
    }

    /** 17 for "17.0.15", 25 for "25", 8 for "1.8.0_392". */
    static int feature(String version) {
        String[] parts = version.split("[._+-]");
        int first = Integer.parseInt(parts[0]);
        return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
    }

    private static int askJava(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Matcher m = VERSION_OUTPUT.matcher(output);
            if (m.find()) {
                return feature(m.group(1));
            }
            throw new StackException("Cannot tell the version of " + java + " from its output: " + output.strip());
        } catch (IOException e) {
            throw new StackException("Cannot run " + java + " -version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running " + java + " -version", e);
        }
    }
}
