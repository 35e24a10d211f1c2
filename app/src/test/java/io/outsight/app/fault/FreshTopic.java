package io.outsight.app.fault;

import io.outsight.stack.PartitionReadiness;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** A topic of a test's own, ready to take writes on every partition when {@link #create} returns. */
final class FreshTopic {
    private FreshTopic() {}

    /** Creates {@code prefix.<now>} with the given partitions and returns its name. */
    static String create(String kafka, String prefix, int partitions) throws Exception {
        String topic = prefix + "." + System.currentTimeMillis();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            PartitionReadiness.await(admin, List.of(topic), System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        }
        return topic;
    }
}
