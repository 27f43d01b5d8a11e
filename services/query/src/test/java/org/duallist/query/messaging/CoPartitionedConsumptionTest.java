package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.KafkaClients;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.TaskRecord;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

/**
 * The service's consumer threads each read the same partition numbers of every topic, over the real
 * broker: a task's events, whichever topic carries them, reach one thread, so that no two threads
 * update one task at once; a task's progress published before its filing is applied once the
 * filing is, also when both arrive in one poll; and once caught up, the group's committed offsets
 * are at the end of every partition.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class CoPartitionedConsumptionTest {

    /** dual-list.kafka.partitions, the topics' partition count in the tests as in the local stack. */
    private static final int PARTITIONS = 6;

    @Inject
    KafkaClients clients;

    @Test
    void eachConsumerThreadReadsTheSamePartitionNumbersOfEveryTopic() throws Exception {
        try (Admin admin = Admin.create(clients.admin())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(clients.groupId()))
                        .describedGroups().get(clients.groupId()).get();
                assertThat(group.groupState()).isEqualTo(GroupState.STABLE);
                // dual-list.consumer.threads: 2, one replica
                assertThat(group.members()).hasSize(2);
                Map<String, Set<Integer>> coveredByTopic = new HashMap<>();
                for (MemberDescription member : group.members()) {
                    Map<String, Set<Integer>> partitionsByTopic = new HashMap<>();
                    for (TopicPartition partition : member.assignment().topicPartitions()) {
                        partitionsByTopic.computeIfAbsent(partition.topic(), topic -> new TreeSet<>()).add(partition.partition());
                        coveredByTopic.computeIfAbsent(partition.topic(), topic -> new TreeSet<>()).add(partition.partition());
                    }
                    assertThat(partitionsByTopic.keySet()).as("topics of %s", member.consumerId())
                            .containsExactlyInAnyOrderElementsOf(Topics.ALL);
                    assertThat(new HashSet<>(partitionsByTopic.values())).as("partition numbers of %s by topic: %s",
                            member.consumerId(), partitionsByTopic).hasSize(1);
                }
                Set<Integer> all = new TreeSet<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    all.add(partition);
                }
                Topics.ALL.forEach(topic -> assertThat(coveredByTopic.get(topic)).as(topic).isEqualTo(all));
            });
        }
    }

    @Test
    void progressPublishedBeforeItsTaskWasFiledIsAppliedOnceTheFilingIs() {
        List<UUID> ids = new ArrayList<>();
        List<EventEnvelope> reports = new ArrayList<>();
        List<EventEnvelope> filings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            reports.add(TaskEvents.progressReported(id, 70, 0));
            filings.add(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "先反馈后提报 " + i, "赛罕区人民武装部"));
            filings.add(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
        }
        KafkaTestClient kafka = new KafkaTestClient();
        kafka.publishAll(reports);
        kafka.publishAll(filings);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> TaskRecord.count("id in ?1 and percent = 70", ids)) == ids.size());
    }

    @Test
    void onceCaughtUpTheGroupsCommittedOffsetsReachTheEndOfEveryPartition() throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            events.add(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "偏移提交 " + i, "赛罕区人民武装部"));
            events.add(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
            events.add(TaskEvents.progressReported(id, 10, 0));
        }
        new KafkaTestClient().publishAll(events);
        // the rebuild's progress and the lag alerts read the group's committed offsets: a consumer that has applied
        // everything must have said so
        try (Admin admin = Admin.create(clients.admin())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(clients.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (String topic : Topics.ALL) {
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(latest).all().get().forEach((partition, end) -> {
                    long reached = committed.containsKey(partition) ? committed.get(partition).offset() : 0;
                    assertThat(reached).as("committed offset of %s", partition).isEqualTo(end.offset());
                });
            });
        }
    }
}
