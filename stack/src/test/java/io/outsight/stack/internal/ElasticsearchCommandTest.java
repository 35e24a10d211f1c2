package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticsearchCommandTest {
    private static final Path HOME = Path.of("/d/elasticsearch/dist/elasticsearch-9.2.4");

    private static ElasticsearchCommand command(String user) {
        return new ElasticsearchCommand(HOME, Path.of("/jdk"), Path.of("/d/elasticsearch/data"),
                Path.of("/d/elasticsearch/logs"), Path.of("/d/elasticsearch/tmp"), 19200, 19300, "512m", user);
    }

    @Test
    void asRootRunsTheNodeAsTheUnprivilegedUserWithItsVariables() {
        List<String> command = command("outsight-es").command();

        assertEquals(List.of("/usr/sbin/runuser", "-u", "outsight-es", "--", "/usr/bin/env",
                "ES_JAVA_HOME=/jdk", "ES_JAVA_OPTS=-Xms512m -Xmx512m", "ES_TMPDIR=/d/elasticsearch/tmp",
                "CLI_JAVA_OPTS=-Djava.io.tmpdir=/d/elasticsearch/tmp", HOME + "/bin/elasticsearch"),
                command.subList(0, 10));
    }

    @Test
    void asAnotherUserRunsTheScriptDirectly() {
        List<String> command = command(null).command();

        assertEquals("/usr/bin/env", command.getFirst());
        assertTrue(command.contains(HOME + "/bin/elasticsearch"));
    }

    @Test
    void configuresASingleLoopbackNodeWithoutSecurityInTheDataFolder() {
        List<String> settings = command(null).command().stream().filter(a -> a.startsWith("-E")).toList();

        assertEquals(List.of(
                "-Ecluster.name=outsight-local",
                "-Ediscovery.type=single-node",
                "-Expack.security.enabled=false",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=19200",
                "-Etransport.port=19300",
                "-Epath.data=/d/elasticsearch/data",
                "-Epath.logs=/d/elasticsearch/logs",
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"), settings);
    }

    @Test
    void namesItsUrlAndServerLog() {
        assertEquals("http://127.0.0.1:19200", command(null).url());
        assertEquals(Path.of("/d/elasticsearch/logs/outsight-local.log"), command(null).serverLog());
    }
}
