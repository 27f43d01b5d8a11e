package org.duallist.supervision.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionRejectedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ExtensionRequestedEvent;
import org.duallist.contracts.ObstacleRaisedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskAmendedEvent;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.platform.messaging.PrerequisiteMissingException;
import org.duallist.supervision.TaskEvents;
import org.duallist.supervision.command.TaskSnapshot;
import org.duallist.supervision.query.TaskFacts;
import org.duallist.supervision.query.TaskFactsLookup;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/** The projection's handlers, applied directly inside a transaction as the consumer does. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "supervision"))
class TaskFactsProjectionTest {

    /** 01:30 on 2 November in Asia/Shanghai, still 1 November in UTC: business dates are Shanghai's. */
    private static final Instant CLAIMED_AT = Instant.parse("2026-11-01T17:30:00Z");
    private static final Instant AT = Instant.parse("2026-11-01T02:00:00Z");
    private static final LocalDate DEADLINE = LocalDate.of(2027, 6, 30);

    @Inject
    TaskFactsProjection projection;

    @Inject
    TaskFactsLookup lookup;

    private void apply(EventEnvelope... events) {
        QuarkusTransaction.requiringNew().run(() -> List.of(events).forEach(projection::apply));
    }

    private static TaskFacts read(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TaskFacts facts = TaskFacts.findById(id);
            facts.coUnits.size();
            return facts;
        });
    }

    @Test
    void aFilingRecordsWhereAndWhoseTheTaskIs() {
        TaskEvents task = TaskEvents.newTask();
        apply(task.filed(AT));
        TaskFacts facts = read(task.id());
        assertThat(facts.status).isEqualTo("SUBMITTED");
        assertThat(facts.regionCode).isEqualTo(TaskEvents.REGION);
        assertThat(facts.taskList).isEqualTo(TaskList.SUPPORT_THE_MILITARY);
        assertThat(facts.category).isEqualTo(TaskCategory.CAMP_SURROUNDINGS);
        assertThat(facts.listYear).isEqualTo(2026);
        assertThat(facts.title).isEqualTo("营区道路硬化");
        assertThat(facts.requesterUnit).isEqualTo(TaskEvents.REQUESTER);
        assertThat(facts.deadline).isNull();
        assertThat(supervisedTaskIds()).doesNotContain(task.id());
    }

    @Test
    void theSupervisedTasksAreReadInPagesInTheOrderOfTheirDeadlinesWithoutLossOrRepeat() {
        LocalDate earlier = LocalDate.of(2031, 3, 17);
        LocalDate later = earlier.plusDays(1);
        List<UUID> ours = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            TaskEvents task = TaskEvents.newTask();
            apply(task.filed(AT), task.registered(i < 2 ? earlier : later, AT));
            ours.add(task.id());
        }

        // from just before the earlier deadline, two at a time, as a pass would page on from any task
        List<TaskFactsLookup.Supervised> read = new java.util.ArrayList<>();
        TaskFactsLookup.Supervised after = new TaskFactsLookup.Supervised(new UUID(0, 0), earlier.minusDays(1), 0, 0);
        for (List<TaskFactsLookup.Supervised> page = lookup.supervisedTasks(after, 2);
             !page.isEmpty() && !page.get(0).deadline().isAfter(later); page = lookup.supervisedTasks(after, 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            read.addAll(page);
            after = page.get(page.size() - 1);
        }

        List<UUID> readOfOurs = read.stream().map(TaskFactsLookup.Supervised::taskId).filter(ours::contains).toList();
        assertThat(readOfOurs).containsExactlyInAnyOrderElementsOf(ours);
        assertThat(read).extracting(TaskFactsLookup.Supervised::deadline).isSorted();
        // no pass has judged them: their supervision streams are empty
        assertThat(read).filteredOn(task -> ours.contains(task.taskId()))
                .allSatisfy(task -> assertThat(task.lastSequence()).isEqualTo(-1));
        assertThat(read.stream().filter(task -> ours.contains(task.taskId())).limit(2))
                .extracting(TaskFactsLookup.Supervised::deadline).containsOnly(earlier);
    }

    @Test
    void registrationAndTheClaimStartSupervisionOnTheShanghaiDateOfTheClaim() {
        TaskEvents task = TaskEvents.newTask();
        apply(task.filed(AT), task.registered(DEADLINE, AT));
        assertThat(read(task.id()).status).isEqualTo("REGISTERED");
        assertThat(supervisedTaskIds()).contains(task.id());

        apply(task.claimed(CLAIMED_AT));
        TaskFacts facts = read(task.id());
        assertThat(facts.status).isEqualTo("CLAIMED");
        assertThat(facts.claimedOn).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(facts.responsibleUnit).isEqualTo(TaskEvents.RESPONSIBLE);
        assertThat(facts.coUnits).containsExactly(TaskEvents.CO_UNIT);
        assertThat(facts.deadline).isEqualTo(DEADLINE);
    }

    @Test
    void extensionsMoveTheDeadlineAndRequestsAloneDoNot() {
        TaskEvents task = TaskEvents.newTask();
        LocalDate extended = DEADLINE.plusMonths(2);
        apply(task.filed(AT), task.registered(DEADLINE, AT), task.claimed(AT),
                task.registration(new ExtensionRequestedEvent(task.id(), extended, "汛期停工", AT, TaskEvents.RESPONSIBLE_ACTOR), AT));
        assertThat(read(task.id()).deadline).isEqualTo(DEADLINE);
        apply(task.registration(new ExtensionApprovedEvent(task.id(), DEADLINE, extended, AT, TaskEvents.OFFICE_ACTOR), AT));
        assertThat(read(task.id()).deadline).isEqualTo(extended);
    }

    @Test
    void aReturnAndAReassignmentChangeTheUnitsAndEndTheClaim() {
        TaskEvents task = TaskEvents.newTask();
        LocalDate later = DEADLINE.plusDays(10);
        apply(task.filed(AT), task.registered(DEADLINE, AT), task.claimed(AT),
                task.registration(new TaskReturnedEvent(task.id(), "不属本单位职责", AT, TaskEvents.RESPONSIBLE_ACTOR), AT));
        assertThat(read(task.id()).status).isEqualTo("RETURNED");
        apply(task.registration(new TaskReassignedEvent(task.id(), "土默特左旗住房和城乡建设局", List.of("土默特左旗水务局"), later, AT,
                TaskEvents.OFFICE_ACTOR), AT));
        TaskFacts facts = read(task.id());
        assertThat(facts.status).isEqualTo("REGISTERED");
        assertThat(facts.responsibleUnit).isEqualTo("土默特左旗住房和城乡建设局");
        assertThat(facts.coUnits).containsExactly("土默特左旗水务局");
        assertThat(facts.deadline).isEqualTo(later);
        assertThat(facts.claimedOn).isNull();
    }

    @Test
    void anAmendmentChangesTheTitleAndCoUnits() {
        TaskEvents task = TaskEvents.newTask();
        apply(task.filed(AT), task.registered(DEADLINE, AT),
                task.registration(new TaskAmendedEvent(task.id(), "营区道路硬化及照明", null, List.of(), "补充照明", AT,
                        TaskEvents.OFFICE_ACTOR), AT));
        TaskFacts facts = read(task.id());
        assertThat(facts.title).isEqualTo("营区道路硬化及照明");
        assertThat(facts.coUnits).isEmpty();
    }

    @Test
    void progressCompletionAcceptanceAndReopeningAreCounted() {
        TaskEvents task = TaskEvents.newTask();
        apply(task.filed(AT), task.registered(DEADLINE, AT), task.claimed(AT),
                task.progress(new ProgressReportedEvent(task.id(), 40, "路基完成", null, null, AT, TaskEvents.RESPONSIBLE_ACTOR), AT),
                task.progress(new ObstacleRaisedEvent(task.id(), UUID.randomUUID(), "需协调用地", AT, TaskEvents.RESPONSIBLE_ACTOR), AT),
                task.progress(new CompletionReportedEvent(task.id(), "已完工", List.of(), AT, TaskEvents.RESPONSIBLE_ACTOR), AT));
        TaskFacts reported = read(task.id());
        assertThat(reported.percent).isEqualTo(40);
        assertThat(reported.completionReported).isTrue();

        apply(task.progress(new CompletionRejectedEvent(task.id(), "未硬化", AT, TaskEvents.REQUESTER_ACTOR), AT));
        assertThat(read(task.id()).completionReported).isFalse();

        apply(task.progress(new CompletionReportedEvent(task.id(), "已硬化", List.of(), AT, TaskEvents.RESPONSIBLE_ACTOR), AT),
                task.progress(new CompletionAcceptedEvent(task.id(), AT, TaskEvents.REQUESTER_ACTOR), AT));
        TaskSnapshot accepted = read(task.id()).snapshot();
        assertThat(accepted.acceptedCompletions()).isEqualTo(1);
        assertThat(accepted.percent()).isEqualTo(100);
        assertThat(accepted.completionAccepted()).isTrue();
        assertThat(accepted.supervised()).isFalse();
        assertThat(supervisedTaskIds()).doesNotContain(task.id());

        LocalDate reopenedDeadline = DEADLINE.plusMonths(1);
        apply(task.registration(new TaskReopenedEvent(task.id(), "核查未通过：照明未安装", reopenedDeadline, UUID.randomUUID(),
                CLAIMED_AT, TaskEvents.OFFICE_ACTOR), CLAIMED_AT));
        TaskSnapshot reopened = read(task.id()).snapshot();
        assertThat(reopened.status()).isEqualTo("CLAIMED");
        assertThat(reopened.reopenings()).isEqualTo(1);
        assertThat(reopened.deadline()).isEqualTo(reopenedDeadline);
        assertThat(reopened.claimedOn()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(reopened.supervised()).isTrue();
        assertThat(supervisedTaskIds()).contains(task.id());

        apply(task.registration(new TaskClosedEvent(task.id(), "销号", AT, TaskEvents.OFFICE_ACTOR), AT));
        assertThat(read(task.id()).snapshot().supervised()).isFalse();
    }

    @Test
    void declinedAndWithdrawnTasksAreNotSupervised() {
        TaskEvents declined = TaskEvents.newTask();
        apply(declined.filed(AT), declined.registration(new TaskDeclinedEvent(declined.id(), "不属于双拥事项", AT,
                TaskEvents.OFFICE_ACTOR), AT));
        assertThat(read(declined.id()).status).isEqualTo("DECLINED");
        TaskEvents withdrawn = TaskEvents.newTask();
        apply(withdrawn.filed(AT), withdrawn.registered(DEADLINE, AT), withdrawn.registration(
                new TaskWithdrawnEvent(withdrawn.id(), "已自行解决", AT, TaskEvents.REQUESTER_ACTOR), AT));
        assertThat(read(withdrawn.id()).status).isEqualTo("WITHDRAWN");
        assertThat(supervisedTaskIds()).doesNotContain(declined.id(), withdrawn.id());
    }

    @Test
    void anEventBeforeItsTasksFilingWaits() {
        TaskEvents task = TaskEvents.newTask();
        assertThatThrownBy(() -> apply(task.progress(new ProgressReportedEvent(task.id(), 10, "开工", null, null, AT,
                TaskEvents.RESPONSIBLE_ACTOR), AT)))
                // the consumer holds back this partition only, and tries it again when the filing may be there
                .isInstanceOf(PrerequisiteMissingException.class)
                .hasMessageContaining("arrived before its filing");
    }

    /** Every task under supervision now, through the pages the supervision pass reads. */
    private List<UUID> supervisedTaskIds() {
        List<UUID> ids = new ArrayList<>();
        for (List<TaskFactsLookup.Supervised> page = lookup.supervisedTasks(null, 1_000); !page.isEmpty();
             page = lookup.supervisedTasks(page.get(page.size() - 1), 1_000)) {
            page.forEach(task -> ids.add(task.taskId()));
        }
        return ids;
    }
}
