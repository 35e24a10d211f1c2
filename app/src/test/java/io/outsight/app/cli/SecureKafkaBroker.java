package io.outsight.app.cli;

import io.outsight.stack.LocalKafka;
import io.outsight.stack.internal.ChildClasspath;
import io.outsight.stack.internal.KafkaConfig;
import io.outsight.stack.internal.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, one node, a child JVM) with two secured listeners beside its plain one: SASL_SSL, and
 * SSL that requires a client certificate (mutual TLS). It has its own self-signed certificate for 127.0.0.1 (made
 * with the JDK's keytool), PLAIN users from its JAAS configuration, SCRAM users added through the plain listener
 * (which only the test uses), and trusts one client certificate, made the same way. Files under the given folder,
 * emptied first.
 */
final class SecureKafkaBroker implements AutoCloseable {
    static final String PLAIN_USER = "outsight";
    static final String PLAIN_PASSWORD = "plain-secret-4711";
    private static final String STORE_PASSWORD = "broker-store-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int plainPort;
    private final int securePort;
    private final int mutualTlsPort;
    private final Path caFile;
    private final Path otherCaFile;
    private final Path logFile;

    private SecureKafkaBroker(Process process, int plainPort, int securePort, int mutualTlsPort, Path caFile,
            Path otherCaFile, Path logFile) {
        this.process = process;
        this.plainPort = plainPort;
        this.securePort = securePort;
        this.mutualTlsPort = mutualTlsPort;
        this.caFile = caFile;
        this.otherCaFile = otherCaFile;
        this.logFile = logFile;
    }

    static SecureKafkaBroker start(Path dir) throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path keystore = dir.resolve("broker.p12");
        Path caFile = dir.resolve("ca.pem");
        Path otherCaFile = dir.resolve("other-ca.pem");
        selfSigned(dir, keystore, "broker", caFile);
        selfSigned(dir, dir.resolve("other.p12"), "other", otherCaFile);
        selfSigned(dir, dir.resolve("client.p12"), "client", dir.resolve("client.pem"));
        Files.writeString(dir.resolve("client-key.pem"), privateKeyPem(dir.resolve("client.p12"), "client"));

        var config = new KafkaConfig(dir.resolve("data"), dir.resolve("logs"), Ports.free(), Ports.free(), 1);
        int securePort = Ports.free();
        int mutualTlsPort = Ports.free();
        Path properties = dir.resolve("server.properties");
        // Later keys of a properties file win: the plain broker of the local stack, with the secured listeners added.
        Files.writeString(properties, config.serverProperties() + """
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d,SECURE://127.0.0.1:%3$d,\
                MTLS://127.0.0.1:%8$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,SECURE://127.0.0.1:%3$d,MTLS://127.0.0.1:%8$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SASL_SSL,MTLS:SSL
                listener.name.secure.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512
                listener.name.secure.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule \
                required user_%4$s="%5$s";
                listener.name.secure.scram-sha-512.sasl.jaas.config=\
                org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.secure.ssl.keystore.type=PKCS12
                listener.name.secure.ssl.keystore.location=%6$s
                listener.name.secure.ssl.keystore.password=%7$s
                listener.name.mtls.ssl.client.auth=required
                listener.name.mtls.ssl.keystore.type=PKCS12
                listener.name.mtls.ssl.keystore.location=%6$s
                listener.name.mtls.ssl.keystore.password=%7$s
                listener.name.mtls.ssl.truststore.type=PEM
                listener.name.mtls.ssl.truststore.location=%9$s
                """.formatted(config.port(), config.controllerPort(), securePort, PLAIN_USER, PLAIN_PASSWORD,
                escaped(keystore), STORE_PASSWORD, mutualTlsPort, escaped(dir.resolve("client.pem"))),
                StandardCharsets.UTF_8);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = ChildClasspath.current();
        Path logFile = dir.resolve("broker.log");
        run(dir, List.of(java, "-Xmx128m", "-cp", classpath, "kafka.tools.StorageTool", "format", "--cluster-id",
                Uuid.randomUuid().toString(), "--config", properties.toString()));
        Process process = new ProcessBuilder(java, "-Xmx512m", "-Dkafka.logs.dir=" + dir.resolve("logs"), "-cp",
                classpath, "kafka.Kafka", properties.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        var broker = new SecureKafkaBroker(process, config.port(), securePort, mutualTlsPort, caFile, otherCaFile,
                logFile);
        try {
            broker.awaitReady();
            return broker;
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
    }

    /** The SASL_SSL listener, {@code host:port}. */
    String secureAddress() {
        return "127.0.0.1:" + securePort;
    }

    /** The SSL listener that requires a client certificate, {@code host:port}. */
    String mutualTlsAddress() {
        return "127.0.0.1:" + mutualTlsPort;
    }

    /** The PEM certificate of the one client the mutual TLS listener trusts. */
    Path clientCertificate() {
        return caFile.resolveSibling("client.pem");
    }

    /** Its private key, PEM (PKCS#8, not encrypted). */
    Path clientKey() {
        return caFile.resolveSibling("client-key.pem");
    }

    /** The PEM certificate the broker presents, which a client trusts as its CA. */
    Path caFile() {
        return caFile;
    }

    /** A PEM certificate that did not sign the broker's. */
    Path otherCaFile() {
        return otherCaFile;
    }

    /** Adds (or replaces) a SCRAM-SHA-512 user, through the plain listener. */
    void addScramUser(String user, String password) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + plainPort))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Ports.accepts(securePort, 200) || !Ports.accepts(mutualTlsPort, 200)
                || !LocalKafka.isResponding("127.0.0.1:" + plainPort, Duration.ofSeconds(2))) {
            if (!process.isAlive() || System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("the secured broker did not start: " + tail());
            }
            Thread.sleep(100); // between polls of the condition above
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** A key pair with a self-signed certificate for 127.0.0.1 in a PKCS12 store, the certificate also as PEM. */
    private static void selfSigned(Path dir, Path store, String alias, Path pem) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(dir, List.of(keytool, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + alias, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
        run(dir, List.of(keytool, "-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-file", pem.toString()));
    }

    /** The private key of a PKCS12 store's entry as PEM: keytool has no command that exports one. */
    private static String privateKeyPem(Path store, String alias) throws Exception {
        var keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD.toCharArray());
        }
        byte[] pkcs8 = keyStore.getKey(alias, STORE_PASSWORD.toCharArray()).getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Backslashes are escapes in properties files. */
    private static String escaped(Path path) {
        return path.toString().replace("\\", "\\\\");
    }

    private static void run(Path dir, List<String> command) throws Exception {
        Path output = Files.createTempFile(dir, "run", ".log");
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " " + command.get(1) + " failed: "
                    + Files.readString(output));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
