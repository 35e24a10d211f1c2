package io.outsight.index.client;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.Lifetime;
import io.outsight.stack.internal.ChildProcess;
import io.outsight.stack.internal.ElasticsearchDistribution;
import io.outsight.stack.internal.ElasticsearchUser;
import io.outsight.stack.internal.Ports;
import io.outsight.stack.internal.ProcessTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

/**
 * A local Elasticsearch node with security on: TLS on HTTP with a certificate from its own CA
 * ({@code elasticsearch-certutil}), and a superuser in the file realm ({@code elasticsearch-users}). Built from the
 * same distribution as the stack module's node, with the stack module's process helpers; the stack module itself
 * only starts nodes with security off, so the command line is assembled here. Lives under {@code target/secure-es}.
 */
final class SecureNode implements AutoCloseable {
    static final String USER = "outsight-it";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final ChildProcess process;
    private final int port;
    private final Path caFile;
    private final String password;
    private final Path log;

    private SecureNode(ChildProcess process, int port, Path caFile, String password, Path log) {
        this.process = process;
        this.port = port;
        this.caFile = caFile;
        this.password = password;
        this.log = log;
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    Path caFile() {
        return caFile;
    }

    String password() {
        return password;
    }

    /** The configuration of a client with the given credentials (null for none) and the node's CA. */
    Config config(String user, String pass, String apiKey, boolean trustCa) {
        Config config = Config.defaults().with(ConfigKeys.ELASTICSEARCH_URL, url(), "test");
        if (user != null) {
            config = config.with(ConfigKeys.ELASTICSEARCH_USERNAME, user, "test")
                    .with(ConfigKeys.ELASTICSEARCH_PASSWORD, pass, "test");
        }
        if (apiKey != null) {
            config = config.with(ConfigKeys.ELASTICSEARCH_API_KEY, apiKey, "test");
        }
        if (trustCa) {
            config = config.with(ConfigKeys.ELASTICSEARCH_CA_FILE, caFile, "test");
        }
        return config;
    }

    static SecureNode start(Path dir) throws Exception {
        dir = dir.toAbsolutePath().normalize();
        String version = ElasticsearchDistribution.version();
        Path dist = dir.resolve("dist");
        String marker = dist + java.io.File.separator;
        ProcessTrees.stop(ProcessTrees.withMarker(marker), Duration.ofSeconds(30)); // left by a killed test JVM
        Path home = ElasticsearchDistribution.unpack(ElasticsearchDistribution.locate(null, version), dist, version);
        // Lets the node create its .security index, and so API keys, on the integ-test distribution.
        SecurityIndexAnalysisPlugin.install(home, version, dir.resolve("analysis-plugin"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        Path tmp = dir.resolve("tmp");
        ElasticsearchDistribution.deleteTree(data);
        ElasticsearchDistribution.deleteTree(tmp);
        for (Path p : List.of(data, logs, tmp)) {
            Files.createDirectories(p);
        }
        Path certs = home.resolve("config").resolve("certs");
        Path tools = dir.resolve("tools.log");
        if (!Files.exists(certs.resolve("node").resolve("node.key"))) {
            Files.createDirectories(certs);
            tool(home, javaHome, tools, "elasticsearch-certutil", "ca", "--pem", "--silent", "--out",
                    dir.resolve("ca.zip").toString());
            unzip(dir.resolve("ca.zip"), certs);
            tool(home, javaHome, tools, "elasticsearch-certutil", "cert", "--pem", "--silent", "--name", "node",
                    "--ca-cert", certs.resolve("ca/ca.crt").toString(), "--ca-key",
                    certs.resolve("ca/ca.key").toString(), "--ip", "127.0.0.1", "--dns", "localhost", "--out",
                    dir.resolve("node.zip").toString());
            unzip(dir.resolve("node.zip"), certs);
        }
        String password = "pw-" + Long.toHexString(System.nanoTime()) + "-secret";
        // A fresh, empty file realm (the tool wants the files to exist).
        Files.writeString(home.resolve("config").resolve("users"), "");
        Files.writeString(home.resolve("config").resolve("users_roles"), "");
        tool(home, javaHome, tools, "elasticsearch-users", "useradd", USER, "-p", password, "-r", "superuser");

        boolean asRoot = ElasticsearchUser.runningAsRoot();
        String user = "outsight-es";
        if (asRoot) {
            ElasticsearchUser.requireExists(user);
            ElasticsearchUser.requireTraversable(user, dir);
            ElasticsearchUser.chown(user, List.of(home, data, logs, tmp));
        }
        int port = Ports.free();
        var command = new ArrayList<String>();
        if (asRoot) {
            command.addAll(List.of(ElasticsearchUser.runuser().toString(), "-u", user, "--"));
        }
        command.addAll(List.of("/usr/bin/env", "ES_JAVA_HOME=" + javaHome, "ES_JAVA_OPTS=-Xms384m -Xmx384m",
                "ES_TMPDIR=" + tmp, "CLI_JAVA_OPTS=-Djava.io.tmpdir=" + tmp,
                home.resolve("bin").resolve("elasticsearch").toString(),
                "-Ecluster.name=outsight-secure-it", "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + port, "-Etransport.port=" + Ports.free(), "-Epath.data=" + data,
                "-Epath.logs=" + logs, "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Expack.security.enabled=true",
                "-Expack.security.http.ssl.enabled=true",
                "-Expack.security.http.ssl.key=certs/node/node.key",
                "-Expack.security.http.ssl.certificate=certs/node/node.crt",
                "-Expack.security.http.ssl.certificate_authorities=certs/ca/ca.crt"));
        Path console = logs.resolve("console.log");
        var process = ChildProcess.start("secured Elasticsearch node", command, home, Map.of(), console, marker,
                Lifetime.THIS_JVM);
        var node = new SecureNode(process, port, certs.resolve("ca/ca.crt"), password, console);
        node.awaitHealthy();
        return node;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        Exception last = null;
        try (ElasticsearchClient es = ElasticsearchClients.create(url(), config(USER, password, null, true))) {
            while (System.nanoTime() < deadline) {
                if (!process.isRunning()) {
                    throw new IllegalStateException("the secured node exited; see " + log);
                }
                try {
                    es.cluster().health(h -> h.waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus
                            .Yellow).timeout(t -> t.time("1s")));
                    return;
                } catch (IOException | RuntimeException e) {
                    last = e;
                }
                Thread.sleep(500);
            }
        }
        close();
        throw new IllegalStateException("the secured node did not become healthy within " + STARTUP.toSeconds()
                + " s; see " + log, last);
    }

    private static void tool(Path home, Path javaHome, Path output, String tool, String... args) {
        var command = new ArrayList<String>();
        command.add(home.resolve("bin").resolve(tool).toString());
        command.addAll(List.of(args));
        // ChildProcess.run has no environment parameter: pass ES_JAVA_HOME through env(1).
        command.addAll(0, List.of("/usr/bin/env", "ES_JAVA_HOME=" + javaHome));
        int exit = ChildProcess.run(tool, command, home, output, Duration.ofMinutes(2));
        if (exit != 0) {
            throw new IllegalStateException(tool + " " + args[0] + " failed with exit code " + exit + "; see "
                    + output);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); var entries = new ZipInputStream(in)) {
            for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside " + target + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() {
        process.stop();
    }
}
