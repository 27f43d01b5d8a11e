package org.duallist.supervision.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.Topics;
import org.duallist.contracts.WarningLight;
import org.duallist.supervision.BusinessDays;
import org.duallist.supervision.TaskEvents;
import org.duallist.supervision.command.Supervision;
import org.duallist.testing.DualListTestStack;
import org.duallist.testing.KafkaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluation passes on a moved business clock, through the admin endpoint and the evaluator the
 * schedule runs: each light and notice once, however often and however concurrently it runs.
 */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class SupervisionEvaluationTest {

    private static final LocalDate CLAIMED_ON = LocalDate.of(2027, 3, 1);
    private static final LocalDate DEADLINE = LocalDate.of(2027, 3, 31);

    @Inject
    SupervisionEvaluator evaluator;

    @Inject
    EventStore eventStore;

    @AfterEach
    void realTime() {
        BusinessDays.reset();
    }

    private static List<Map<String, Object>> emittedFor(JsonPath report, UUID id) {
        return report.<Map<String, Object>>getList("emitted").stream().filter(e -> id.toString().equals(e.get("taskId"))).toList();
    }

    private List<SupervisionNoticeIssuedEvent> storedNotices(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> eventStore.readEvents(id.toString()).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(SupervisionNoticeIssuedEvent.class::isInstance)
                .map(SupervisionNoticeIssuedEvent.class::cast)
                .toList());
    }

    @Test
    void aJumpIssuesEveryDueNoticeDatedAndARepeatedPassNothing() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);

        BusinessDays.moveTo(CLAIMED_ON);
        JsonPath first = BusinessDays.evaluate().extract().jsonPath();
        assertThat(first.getString("businessDate")).isEqualTo("2027-03-01");
        assertThat(emittedFor(first, task.id())).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("light", "GREEN").containsEntry("reason", "正常"));
        assertThat(emittedFor(BusinessDays.evaluate().extract().jsonPath(), task.id())).isEmpty();

        BusinessDays.moveTo(DEADLINE.plusDays(15));
        List<Map<String, Object>> jump = emittedFor(BusinessDays.evaluate().extract().jsonPath(), task.id());
        assertThat(jump).extracting(e -> e.get("light"), e -> e.get("grade"), e -> e.get("businessDate")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("RED", null, "2027-04-15"),
                org.assertj.core.groups.Tuple.tuple(null, "REMINDER", "2027-04-01"),
                org.assertj.core.groups.Tuple.tuple(null, "NOTICE", "2027-04-07"),
                org.assertj.core.groups.Tuple.tuple(null, "SPECIAL", "2027-04-13"));
        assertThat(emittedFor(BusinessDays.evaluate().extract().jsonPath(), task.id())).isEmpty();

        assertThat(storedNotices(task.id())).extracting(SupervisionNoticeIssuedEvent::grade)
                .containsExactly(SupervisionGrade.REMINDER, SupervisionGrade.NOTICE, SupervisionGrade.SPECIAL);
    }

    @Test
    void aQuietTaskIsPassedOverUntilItsLightMayChangeOrItsFactsChange() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        BusinessDays.moveTo(CLAIMED_ON);
        assertThat(emittedFor(BusinessDays.evaluate().extract().jsonPath(), task.id())).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("light", "GREEN"));

        // nothing changed: after the pass that stored the light, every pass on the day evaluates nothing
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            EvaluationReport pass = evaluator.evaluateAll();
            assertThat(pass.evaluated()).isZero();
            assertThat(pass.unchanged()).isPositive();
        });

        // the day its progress lags (no progress in 7 of 30 days) it is judged again
        BusinessDays.moveTo(CLAIMED_ON.plusDays(7));
        assertThat(evaluator.evaluateAll().emitted()).filteredOn(e -> e.taskId().equals(task.id())).singleElement()
                .satisfies(e -> assertThat(e.light()).isEqualTo(WarningLight.YELLOW));

        // a progress report changes its facts: the next pass judges it at once, though the day is the same
        task.publish(task.progress(new ProgressReportedEvent(task.id(), 60, "已完成选址", null, null,
                TaskEvents.on(CLAIMED_ON.plusDays(7)), TaskEvents.RESPONSIBLE_ACTOR), TaskEvents.on(CLAIMED_ON.plusDays(7))));
        task.awaitFacts(facts -> facts.percent == 60);
        assertThat(evaluator.evaluateAll().emitted()).filteredOn(e -> e.taskId().equals(task.id())).singleElement()
                .satisfies(e -> assertThat(e.light()).isEqualTo(WarningLight.GREEN));
    }

    @Test
    void concurrentPassesIssueEachNoticeOnce() throws Exception {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        BusinessDays.moveTo(DEADLINE.plusDays(19));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<EvaluationReport>> passes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                passes.add(evaluator::evaluateAll);
            }
            List<EvaluationReport.Emitted> emitted = new ArrayList<>();
            for (Future<EvaluationReport> pass : pool.invokeAll(passes)) {
                pass.get().emitted().stream().filter(e -> e.taskId().equals(task.id())).forEach(emitted::add);
            }
            assertThat(emitted).extracting(EvaluationReport.Emitted::grade).containsExactlyInAnyOrder(
                    null, SupervisionGrade.REMINDER, SupervisionGrade.NOTICE, SupervisionGrade.SPECIAL, SupervisionGrade.REFERRAL);
            assertThat(emitted).filteredOn(e -> e.light() != null).singleElement()
                    .satisfies(e -> assertThat(e.light()).isEqualTo(WarningLight.RED));
        } finally {
            pool.shutdownNow();
        }
        // and once more, as after a restart: the events alone say what was done
        assertThat(evaluator.evaluateAll().emitted()).noneMatch(e -> e.taskId().equals(task.id()));
        assertThat(storedNotices(task.id())).extracting(SupervisionNoticeIssuedEvent::grade).containsExactly(
                SupervisionGrade.REMINDER, SupervisionGrade.NOTICE, SupervisionGrade.SPECIAL, SupervisionGrade.REFERRAL);
    }

    @Test
    void anotherInstanceThatDecidedOnAStaleStreamLosesOnTheSequenceNumber() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        BusinessDays.moveTo(DEADLINE.plusDays(1));
        BusinessDays.evaluate();
        String id = task.id().toString();
        long last = QuarkusTransaction.requiringNew().call(() -> eventStore.lastSequenceNumberFor(id).orElseThrow());
        SupervisionNoticeIssuedEvent stale = storedNotices(task.id()).get(0);

        // a second instance that loaded the stream before the first stored its reminder appends at the same position
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> eventStore.publish(
                new GenericDomainEventMessage<>(Supervision.class.getSimpleName(), id, last, stale))));

        assertThat(storedNotices(task.id())).singleElement()
                .satisfies(n -> assertThat(n.grade()).isEqualTo(SupervisionGrade.REMINDER));
    }

    @Test
    void theLightsAndNoticesArePublishedOnTheSupervisionTopic() {
        TaskEvents task = TaskEvents.newTask().publishClaimed(CLAIMED_ON, DEADLINE);
        BusinessDays.moveTo(DEADLINE.plusDays(7));
        BusinessDays.evaluate();
        KafkaTestClient kafka = new KafkaTestClient();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                kafka.readAll(Topics.SUPERVISION, Duration.ofSeconds(5)).stream()
                        .filter(e -> task.id().toString().equals(e.key()))
                        .map(e -> e.envelope().type().name()))
                .containsExactly("dual-list.task.warning-light-changed.v1", "dual-list.task.supervision-notice-issued.v1",
                        "dual-list.task.supervision-notice-issued.v1"));
    }
}
