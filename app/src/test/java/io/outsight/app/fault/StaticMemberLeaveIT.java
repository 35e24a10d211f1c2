package io.outsight.app.fault;

import io.outsight.core.kafka.Backoff;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.kafka.StageLoop;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stage loop whose consumer is a static member of its group (as every worker's is, under its instance id) leaves
 * the group when it stops, so the other members get its partitions at once: a static member that only closed would
 * keep them until its session timed out, five minutes here, longer than the test waits.
 */
@ExtendWith(LocalStackExtension.class)
class StaticMemberLeaveIT {
    private static final int PARTITIONS = 4;

    @Test
    void aStoppingStaticMemberHandsItsPartitionsOnAtOnce(StackAddresses stack) throws Exception {
        String kafka = stack.kafkaBootstrapServers();
        String topic = FreshTopic.create(kafka, "static-leave", PARTITIONS);
        String group = "it-static-leave-" + System.currentTimeMillis();
        var clients = new KafkaClients(kafka).withSessionTimeout(Duration.ofMinutes(5));
        try (var producer = clients.producer("it-static-leave");
                var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
                var staying = loop(clients, producer, group, "staying", topic)) {
            try (var leaving = loop(clients, producer, group, "leaving", topic)) {
                Poll.until(Duration.ofSeconds(60), "both members holding partitions", () -> describe(admin, group),
                        () -> partitionsOf(admin, group, "staying") > 0 && partitionsOf(admin, group, "leaving") > 0);
            }
            Duration handedOn = Poll.until(Duration.ofSeconds(60), "every partition with the member that stays",
                    () -> describe(admin, group), () -> partitionsOf(admin, group, "staying") == PARTITIONS
                            && member(admin, group, "leaving").isEmpty());
            System.out.printf("Static member leave: partitions handed on %d ms after the loop stopped%n",
                    handedOn.toMillis());
        }
    }

    /** A running loop with a consumer under the given instance id, and a handler that only reads. */
    private static StageLoop loop(KafkaClients clients, Producer<String, byte[]> producer, String group,
            String instanceId, String topic) {
        var loop = new StageLoop("static-leave-" + instanceId, clients.consumer(group, instanceId, instanceId, 100),
                producer, List.of(topic), batch -> List.of(), Backoff.DEFAULT);
        Thread.ofPlatform().daemon().name("static-leave-" + instanceId).start(loop);
        return loop;
    }

    private static int partitionsOf(Admin admin, String group, String instanceId) {
        return member(admin, group, instanceId).map(m -> m.assignment().topicPartitions().size()).orElse(0);
    }

    private static Optional<MemberDescription> member(Admin admin, String group, String instanceId) {
        return description(admin, group).members().stream()
                .filter(m -> m.groupInstanceId().equals(Optional.of(instanceId))).findFirst();
    }

    private static String describe(Admin admin, String group) {
        return description(admin, group).members().stream()
                .map(m -> m.groupInstanceId().orElse("?") + " " + m.assignment().topicPartitions()).toList().toString();
    }

    private static ConsumerGroupDescription description(Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe group " + group, e);
        }
    }
}
