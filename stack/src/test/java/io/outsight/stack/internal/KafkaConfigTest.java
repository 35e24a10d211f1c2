package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
    private final KafkaConfig config =
            new KafkaConfig(Path.of("/data/kafka/data"), Path.of("/data/kafka/logs"), 19092, 19093, 6);

    @Test
    void serverPropertiesDescribeOneCombinedNodeOnLoopback() throws Exception {
        Properties p = load(config.serverProperties());

        assertEquals("broker,controller", p.getProperty("process.roles"));
        assertEquals("1", p.getProperty("node.id"));
        assertEquals("1@127.0.0.1:19093", p.getProperty("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", p.getProperty("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:19092", p.getProperty("advertised.listeners"));
        assertEquals("CONTROLLER", p.getProperty("controller.listener.names"));
        assertEquals("/data/kafka/data", p.getProperty("log.dirs"));
    }

    @Test
    void serverPropertiesFitASingleNode() throws Exception {
        Properties p = load(config.serverProperties());

        for (String key : new String[] {"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr", "default.replication.factor", "min.insync.replicas"}) {
            assertEquals("1", p.getProperty(key), key);
        }
        assertEquals("0", p.getProperty("group.initial.rebalance.delay.ms"));
        assertEquals("6", p.getProperty("num.partitions"));
    }

    @Test
    void bootstrapServersNameTheListener() {
        assertEquals("127.0.0.1:19092", config.bootstrapServers());
    }

    @Test
    void log4jWritesTheServerLogIntoTheLogsFolder() throws Exception {
        Properties p = load(config.log4j2Properties());

        assertEquals("/data/kafka/logs/server.log", p.getProperty("appender.file.fileName"));
        assertEquals("/data/kafka/logs/server.log.%i", p.getProperty("appender.file.filePattern"));
        assertEquals("[%d] %p %m (%c)%n", p.getProperty("appender.file.layout.pattern"));
        assertEquals("FILE", p.getProperty("rootLogger.appenderRef.file.ref"));
    }

    private static Properties load(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
