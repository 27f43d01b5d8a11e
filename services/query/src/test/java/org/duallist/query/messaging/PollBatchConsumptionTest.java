package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.utils.Utils;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskList;
import org.duallist.platform.messaging.KafkaClients;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.TaskHistoryEntry;
import org.duallist.query.query.TaskRecord;
import org.duallist.query.query.TaskStatus;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

/**
 * The consumer applies a whole poll in one transaction, marking its events applied in one go:
 * through the real broker, an event delivered twice in one poll or in two polls counts once, and when
 * an event of a poll waits for its task, the events before it are applied, those after it in its
 * partition wait in order, the other partitions go on, and each is applied once, also when the group
 * rebalances while it waits.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class PollBatchConsumptionTest {

    /** dual-list.kafka.partitions, the topics' partition count in the tests as in the local stack. */
    private static final int PARTITIONS = 6;

    private static final String FILED = EventTypes.TASK_FILED.name();
    private static final String REGISTERED = EventTypes.TASK_REGISTERED.name();

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    KafkaClients clients;

    @Test
    void eventsDeliveredTwiceInOnePollOrInTwoAreAppliedOnce() {
        String requester = "批量重复投递-" + UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        List<EventEnvelope> once = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            once.add(TaskEvents.filed(id, "150102", TaskList.SUPPORT_THE_MILITARY, "批量事项 " + i, requester));
            once.add(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
        }
        List<EventEnvelope> twiceInARow = new ArrayList<>();
        once.forEach(event -> {
            twiceInARow.add(event);
            twiceInARow.add(event);
        });
        kafka.publishAll(twiceInARow);
        awaitRegistered(ids);

        kafka.publishAll(once);
        UUID marker = UUID.randomUUID();
        kafka.publish(TaskEvents.filed(marker, "150102", TaskList.SUPPORT_THE_MILITARY, "标记", requester));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> TaskRecord.findById(marker) != null));

        for (UUID id : ids) {
            assertThat(historyTypes(id)).as("history of %s", id).containsExactly(FILED, REGISTERED);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> TaskRecord.count("requesterUnit", requester))).isEqualTo(201);
    }

    @Test
    void theEventsBeforeOneThatWaitsForItsTaskAreAppliedAndThoseAfterItWaitInOrder() {
        UUID filed = UUID.randomUUID();
        UUID notYetFiled = onTheSamePartitionAs(filed);
        kafka.publishAll(List.of(
                TaskEvents.filed(filed, "150105", TaskList.SUPPORT_THE_MILITARY, "已提报事项", "赛罕区人民武装部"),
                TaskEvents.registered(filed, "呼和浩特市教育局", LocalDate.of(2026, 9, 1))));
        awaitRegistered(List.of(filed));

        // one poll of the progress topic: a report on a known task, one on a task not filed yet, another on the known one
        kafka.publishAll(List.of(TaskEvents.progressReported(filed, 30, 0), TaskEvents.progressReported(notYetFiled, 60, 0),
                TaskEvents.progressReported(filed, 50, 1)));
        // the first is applied at once; the third stays behind the waiting second, as the partition orders them
        await().atMost(Duration.ofSeconds(20)).until(() -> percentOf(filed) == 30);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> percentOf(filed) == 30
                && QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(notYetFiled) == null));

        kafka.publishAll(List.of(
                TaskEvents.filed(notYetFiled, "150105", TaskList.SUPPORT_THE_MILITARY, "后提报事项", "赛罕区人民武装部"),
                TaskEvents.registered(notYetFiled, "呼和浩特市教育局", LocalDate.of(2026, 9, 1))));
        await().atMost(Duration.ofSeconds(60)).until(() -> percentOf(filed) == 50 && percentOf(notYetFiled) == 60);

        // each stream numbers its own events: registration's 0 and 1, progress's 0 (and 1)
        assertThat(historyTypes(filed)).containsExactlyInAnyOrder(FILED, REGISTERED, EventTypes.PROGRESS_REPORTED.name(),
                EventTypes.PROGRESS_REPORTED.name());
        assertThat(historyTypes(notYetFiled)).containsExactlyInAnyOrder(FILED, REGISTERED, EventTypes.PROGRESS_REPORTED.name());
        for (UUID id : List.of(filed, notYetFiled)) {
            TaskRecord task = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
            assertThat(task.status).isEqualTo(TaskStatus.IN_PROGRESS);
        }
    }

    @Test
    void whileOnePartitionWaitsForATaskTheOtherPartitionsGoOn() {
        UUID notYetFiled = UUID.randomUUID();
        int waitingPartition = partitionOf(notYetFiled);
        List<UUID> others = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            if (partition != waitingPartition) {
                others.add(onPartition(partition));
            }
        }
        List<EventEnvelope> registrations = new ArrayList<>();
        for (UUID other : others) {
            registrations.add(TaskEvents.filed(other, "150105", TaskList.SUPPORT_THE_MILITARY, "其他分区事项", "赛罕区人民武装部"));
            registrations.add(TaskEvents.registered(other, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
        }
        kafka.publishAll(registrations);
        awaitRegistered(others);

        // one poll: the report that waits for its task, and reports on known tasks of every other partition
        List<EventEnvelope> reports = new ArrayList<>();
        reports.add(TaskEvents.progressReported(notYetFiled, 60, 0));
        others.forEach(other -> reports.add(TaskEvents.progressReported(other, 40, 0)));
        kafka.publishAll(reports);

        await().atMost(Duration.ofSeconds(20)).until(() -> others.stream().allMatch(other -> percentOf(other) == 40));
        assertThat(isProjected(notYetFiled)).isFalse();

        kafka.publishAll(List.of(
                TaskEvents.filed(notYetFiled, "150105", TaskList.SUPPORT_THE_MILITARY, "后提报事项", "赛罕区人民武装部"),
                TaskEvents.registered(notYetFiled, "呼和浩特市教育局", LocalDate.of(2026, 9, 1))));
        await().atMost(Duration.ofSeconds(60)).until(() -> isProjected(notYetFiled) && percentOf(notYetFiled) == 60);
        assertThat(historyTypes(notYetFiled)).containsExactlyInAnyOrder(FILED, REGISTERED, EventTypes.PROGRESS_REPORTED.name());
    }

    @Test
    void aPartitionWaitingForItsTaskLosesNothingWhenTheGroupRebalancesUnderIt() {
        UUID notYetFiled = UUID.randomUUID();
        kafka.publishAll(List.of(TaskEvents.progressReported(notYetFiled, 60, 0)));
        // the report waits for its task: its partition is paused
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !isProjected(notYetFiled));

        // another member joins the group and leaves it: the partitions are revoked and assigned twice, the paused one
        // too (the assignment forgets that it was paused, and the member that took it meanwhile read it and committed
        // nothing, as a replica stopped before its transaction commits)
        Map<String, Object> config = new HashMap<>(clients.consumer());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rebalance-test-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(config)) {
            member.subscribe(List.of(EventTypes.PROGRESS_REPORTED.topic()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
        }

        kafka.publishAll(List.of(
                TaskEvents.filed(notYetFiled, "150105", TaskList.SUPPORT_THE_MILITARY, "重平衡期间等待的事项", "赛罕区人民武装部"),
                TaskEvents.registered(notYetFiled, "呼和浩特市教育局", LocalDate.of(2026, 9, 1))));
        await().atMost(Duration.ofSeconds(90)).until(() -> isProjected(notYetFiled) && percentOf(notYetFiled) == 60);
        assertThat(historyTypes(notYetFiled)).containsExactlyInAnyOrder(FILED, REGISTERED, EventTypes.PROGRESS_REPORTED.name());
    }

    private static void awaitRegistered(List<UUID> ids) {
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> TaskRecord.count("id in ?1 and status = ?2", ids, TaskStatus.REGISTERED)) == ids.size());
    }

    private static boolean isProjected(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id) != null);
    }

    private static int percentOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TaskRecord.<TaskRecord>findById(id).percent);
    }

    private static List<String> historyTypes(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TaskHistoryEntry.<TaskHistoryEntry>list("taskId = ?1 order by source desc, sequence", id)
                .stream().map(entry -> entry.type).toList());
    }

    /** A task id whose records land on the same partition (Kafka's default partitioner), hence in the same poll. */
    private static UUID onTheSamePartitionAs(UUID id) {
        return onPartition(partitionOf(id));
    }

    private static UUID onPartition(int partition) {
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(UUID id) {
        return Utils.toPositive(Utils.murmur2(id.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }
}
