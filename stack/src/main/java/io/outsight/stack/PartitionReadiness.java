package io.outsight.stack;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until new topics take writes, not only until the metadata names their leaders.
 *
 * <p>A KRaft broker publishes a new partition's leader in its metadata cache before its replica manager has opened the
 * partition. A produce request in that window is answered NOT_LEADER_OR_FOLLOWER; an idempotent producer with a second
 * request in flight then has the second appended and the first refused as out of order until its delivery timeout,
 * its records lost (KAFKA-15591; the broker this stack runs has it). Asking each partition's leader for its end offset
 * goes through the replica manager, as a produce request does, so an answer for every partition means the window is
 * past.
 */
public final class PartitionReadiness {
    private static final long PAUSE_MILLIS = 100;

    private PartitionReadiness() {}

    /**
     * Returns once every partition of {@code topics} has a leader that answers for it, asking again until the deadline.
     *
     * @param deadline a {@link System#nanoTime()} instant
     * @throws TimeoutException if some partition was still not ready at the deadline; the message says what it lacked
     */
    public static void await(Admin admin, Collection<String> topics, long deadline)
            throws InterruptedException, TimeoutException {
        List<TopicPartition> partitions = awaitLeaders(admin, topics, deadline);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        String missing = "partitions of " + topics + " not yet taking writes";
        while (true) {
            try {
                admin.listOffsets(request).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // the replica manager has not opened a partition yet (NOT_LEADER_OR_FOLLOWER)
                missing = "partitions of " + topics + " not yet taking writes: " + e.getCause();
            } catch (TimeoutException e) {
                throw new TimeoutException(missing);
            }
            pauseUnlessPast(deadline, missing);
        }
    }

    private static List<TopicPartition> awaitLeaders(Admin admin, Collection<String> topics, long deadline)
            throws InterruptedException, TimeoutException {
        String missing = "partitions of " + topics + " without a leader";
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(Set.copyOf(topics)).allTopicNames()
                        .get(remaining(deadline), TimeUnit.MILLISECONDS);
                boolean led = described.values().stream()
                        .flatMap(t -> t.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led) {
                    return described.values().stream()
                            .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                            .toList();
                }
            } catch (ExecutionException e) {
                // metadata not propagated yet (UnknownTopicOrPartition): ask again
            } catch (TimeoutException e) {
                throw new TimeoutException(missing);
            }
            pauseUnlessPast(deadline, missing);
        }
    }

    private static void pauseUnlessPast(long deadline, String missing) throws InterruptedException, TimeoutException {
        if (deadline - System.nanoTime() <= TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS)) {
            throw new TimeoutException(missing);
        }
        Thread.sleep(PAUSE_MILLIS);
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
