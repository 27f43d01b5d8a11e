package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duallist.contracts.CloudEventsKafkaBinding;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.AppliedEventLedger;
import org.duallist.platform.messaging.AppliedEventLedger.Position;
import org.duallist.platform.messaging.AppliedEventLedger.Verdict;
import org.duallist.platform.metrics.MetricNames;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.TaskHistoryEntry;
import org.duallist.query.query.TaskRecord;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.duallist.testing.ScrapedMetrics;
import org.junit.jupiter.api.Test;

/**
 * A broker that crashed with a task's earlier record unwritten may come back without the producer's
 * state and append the later record that was in flight; the publisher then sends the earlier one and
 * everything after it again. Found by the crash test: the query passed over the earlier one for good,
 * because it had applied a later sequence. Over the real database and broker: an event ahead of its
 * predecessor waits for the re-send, every event applies once and in its order, and a type this
 * version does not know still takes its place in the task's sequence.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class OvertakenEventConsumptionTest {

    private static final String PROGRESS = "/dual-list/progress";

    @Inject
    AppliedEventLedger ledger;

    @Test
    void theLedgerAppliesAnEventOnlyRightAfterItsPredecessor() {
        String task = UUID.randomUUID().toString();
        List<Verdict> first = QuarkusTransaction.requiringNew().call(() -> ledger.markApplied(List.of(
                new Position(PROGRESS, task, 1), new Position(PROGRESS, task, 0), new Position(PROGRESS, task, 1),
                new Position(PROGRESS, task, 2), new Position(PROGRESS, task, 0))));
        assertThat(first).containsExactly(Verdict.AHEAD_OF_PREDECESSOR, Verdict.NEXT, Verdict.NEXT, Verdict.NEXT,
                Verdict.APPLIED_BEFORE);

        assertThat(QuarkusTransaction.requiringNew().call(() -> ledger.markApplied(List.of(new Position(PROGRESS, task, 4)))))
                .containsExactly(Verdict.AHEAD_OF_PREDECESSOR);
        // a transaction that rolls back leaves the ledger where it was
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                assertThat(ledger.markApplied(List.of(new Position(PROGRESS, task, 3)))).containsExactly(Verdict.NEXT);
                throw new IllegalStateException("the projection failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> ledger.markApplied(List.of(
                new Position(PROGRESS, task, 3), new Position(PROGRESS, task, 4), new Position("/dual-list/registration", task, 1)))))
                .containsExactly(Verdict.NEXT, Verdict.NEXT, Verdict.AHEAD_OF_PREDECESSOR);
    }

    @Test
    void aProgressReportThatReachedKafkaAheadOfItsPredecessorIsAppliedOnceAfterItsRepublishedPredecessor() {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        UUID id = UUID.randomUUID();
        KafkaTestClient kafka = new KafkaTestClient();
        kafka.publishAll(List.of(
                TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "超前到达的进展", "赛罕区人民武装部"),
                TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1))));
        EventEnvelope forty = TaskEvents.progressReported(id, 40, 0);
        EventEnvelope sixty = TaskEvents.progressReported(id, 60, 1);
        EventEnvelope eighty = TaskEvents.progressReported(id, 80, 2);
        // as the crash test's topic held them: the in-flight 60 % alone, then the publisher's retry from 40 %
        kafka.publishAll(List.of(sixty, forty, sixty, eighty));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> TaskRecord.<TaskRecord>findById(id)) != null && percentOf(id) == 80);
        List<TaskHistoryEntry> reports = progressStepsOf(id);
        assertThat(reports).extracting(step -> step.sequence).containsExactly(0L, 1L, 2L);
        assertThat(reports).extracting(step -> step.eventId).containsExactly(forty.id(), sixty.id(), eighty.id());
        Map<String, String> progressTopic = Map.of("group", "dual-list.query", "topic", Topics.PROGRESS);
        assertThat(ScrapedMetrics.scrape().count(MetricNames.PROJECTION_EVENTS_AHEAD_OF_PREDECESSOR, progressTopic)
                - before.count(MetricNames.PROJECTION_EVENTS_AHEAD_OF_PREDECESSOR, progressTopic)).isEqualTo(1);
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowHoldsItsPlaceInItsTasksSequence() {
        UUID id = UUID.randomUUID();
        KafkaTestClient kafka = new KafkaTestClient();
        kafka.publishAll(List.of(
                TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "新版本的事件", "赛罕区人民武装部"),
                TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)),
                TaskEvents.progressReported(id, 30, 0)));
        // a newer progress service's event, between the task's reports
        kafka.publishRecord(Topics.PROGRESS, id.toString(), Map.of(
                CloudEventsKafkaBinding.HEADER_SPEC_VERSION, CloudEventsKafkaBinding.SPEC_VERSION,
                CloudEventsKafkaBinding.HEADER_ID, UUID.randomUUID().toString(),
                CloudEventsKafkaBinding.HEADER_TYPE, "dual-list.task.photographed.v1",
                CloudEventsKafkaBinding.HEADER_SOURCE, PROGRESS,
                CloudEventsKafkaBinding.HEADER_SUBJECT, id.toString(),
                CloudEventsKafkaBinding.HEADER_TIME, TaskEvents.FILED_AT.plusSeconds(450_000).toString(),
                CloudEventsKafkaBinding.HEADER_SEQUENCE, "1"), "{\"photos\":2}".getBytes(StandardCharsets.UTF_8));
        kafka.publish(TaskEvents.progressReported(id, 90, 2));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> TaskRecord.<TaskRecord>findById(id)) != null && percentOf(id) == 90);
        assertThat(progressStepsOf(id)).extracting(step -> step.sequence).containsExactly(0L, 2L);
    }

    private static int percentOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TaskRecord.<TaskRecord>findById(id).percent);
    }

    private static List<TaskHistoryEntry> progressStepsOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> TaskHistoryEntry.<TaskHistoryEntry>find("taskId = ?1 and source = ?2",
                Sort.by("id"), id, PROGRESS).list());
    }
}
