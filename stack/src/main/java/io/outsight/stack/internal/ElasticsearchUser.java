package io.outsight.stack.internal;

import io.outsight.stack.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Running Elasticsearch as an unprivileged user when this JVM runs as root (Elasticsearch refuses to run as root):
 * checks that the user exists and can reach the data folder, and hands the node's folders over to it. Stateless.
 */
public final class ElasticsearchUser {
    /** Where util-linux installs {@code runuser}. */
    public static final Path RUNUSER = Path.of("/usr/sbin/runuser");

    private ElasticsearchUser() {}

    /** Whether this JVM runs as root (uid 0). */
    public static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The {@code runuser} program that switches to the user. */
    public static Path runuser() {
        if (!Files.isExecutable(RUNUSER)) {
            throw new StackException("Elasticsearch refuses to run as root, and " + RUNUSER + " (util-linux), which"
                    + " would run it as another user, is missing. Install util-linux, or run Outsight as a normal user.");
        }
        return RUNUSER;
    }

    /** Whether the system knows the user. */
    public static boolean exists(String user) {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new StackException("Cannot look up the user '" + user + "': " + e.getMessage(), e);
        }
    }

    /** Fails with {@link #missingUserMessage} unless the user exists. */
    public static void requireExists(String user) {
        if (!exists(user)) {
            throw new StackException(missingUserMessage(user));
        }
    }

    /** What to do when the user is missing: the exact command that creates it. */
    public static String missingUserMessage(String user) {
        return "Elasticsearch refuses to run as root, so Outsight runs it as the user '" + user + "', which does not"
                + " exist. Create it (a system user without a home or a login shell) with:\n"
                + "    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin " + user + "\n"
                + "or run Outsight as a normal user, or name another unprivileged user (StackSettings.elasticsearchUser).";
    }

    /**
     * Fails with a message naming the first folder on the way to {@code dir} that the user may not enter. Asks the
     * system ({@code runuser -u <user> -- test -x <folder>}) rather than guessing from modes and groups.
     */
    public static void requireTraversable(String user, Path dir) {
        if (canEnter(user, dir)) {
            return;
        }
        List<Path> path = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            path.addFirst(p);
        }
        for (Path folder : path) {
            if (!canEnter(user, folder)) {
                throw new StackException("Elasticsearch runs as the user '" + user + "' (it refuses to run as root),"
                        + " and that user cannot enter " + folder + " " + describe(folder) + ", on the way to "
                        + dir + ". Choose a data folder that user can reach (for example under /var/lib), or let it"
                        + " through with: chmod o+x " + folder);
            }
        }
        throw new StackException("The user '" + user + "' cannot enter " + dir + " " + describe(dir) + ".");
    }

    /** Makes the user (and its login group) own these trees. */
    public static void chown(String user, List<Path> trees) {
        List<String> command = new ArrayList<>(List.of("chown", "-R", user + ":"));
        trees.forEach(t -> command.add(t.toString()));
        String output = run(command);
        if (output != null) {
            throw new StackException("Cannot hand the Elasticsearch folders over to the user '" + user + "' ("
                    + String.join(" ", command) + "): " + output);
        }
    }

    private static boolean canEnter(String user, Path folder) {
        return run(List.of(runuser().toString(), "-u", user, "--", "test", "-x", folder.toString())) == null;
    }

    private static String describe(Path folder) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class);
            return "(" + PosixFilePermissions.toString(attributes.permissions()) + " " + attributes.owner().getName()
                    + ":" + attributes.group().getName() + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "(mode unknown)";
        }
    }

    /** Runs a command; null when it exited with 0, else its output (or the exit code). */
    private static @Nullable String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            return process.exitValue() == 0 ? null : output.isEmpty() ? "exit code " + process.exitValue() : output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
