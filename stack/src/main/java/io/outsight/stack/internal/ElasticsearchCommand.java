package io.outsight.stack.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line that starts the local Elasticsearch node. A pure function of its parameters; thread-safe.
 *
 * @param home          the unpacked distribution
 * @param javaHome      Java 21+ that runs the node ({@code ES_JAVA_HOME})
 * @param dataDir       {@code path.data}
 * @param logsDir       {@code path.logs}
 * @param tmpDir        {@code ES_TMPDIR}, also the launcher's {@code java.io.tmpdir}, so nothing is left in /tmp
 * @param httpPort      HTTP port on 127.0.0.1
 * @param transportPort transport port on 127.0.0.1 (unused by a single node, but it binds one)
 * @param heap          {@code -Xms} and {@code -Xmx}
 * @param runAsUser     the user to run as through {@code runuser}, or null to run as this process's user
 */
public record ElasticsearchCommand(Path home, Path javaHome, Path dataDir, Path logsDir, Path tmpDir, int httpPort,
        int transportPort, String heap, @Nullable String runAsUser) {

    /** The cluster name, hence also the server log's name ({@code <logs>/outsight-local.log}). */
    public static final String CLUSTER_NAME = "outsight-local";

    /** The program and its arguments. Variables are set through {@code env}, since {@code runuser} resets some. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        if (runAsUser != null) {
            command.addAll(List.of(ElasticsearchUser.RUNUSER.toString(), "-u", runAsUser, "--"));
        }
        command.add("/usr/bin/env");
        environment().forEach((name, value) -> command.add(name + "=" + value));
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        command.addAll(List.of(
                "-Ecluster.name=" + CLUSTER_NAME,
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + dataDir,
                "-Epath.logs=" + logsDir,
                // a nearly full development disk must not turn the indices read-only
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        return command;
    }

    /** The variables the node's scripts read. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        env.put("ES_TMPDIR", tmpDir.toString());
        env.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + tmpDir);
        return env;
    }

    /** The node's own log file. */
    public Path serverLog() {
        return logsDir.resolve(CLUSTER_NAME + ".log");
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }
}
