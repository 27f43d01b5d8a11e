package org.duallist.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.AuditOutcome;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.RectificationRespondedEvent;
import org.duallist.contracts.SupervisionGrade;
import org.duallist.contracts.SupervisionNoticeIssuedEvent;
import org.duallist.contracts.TaskAuditedEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.UnitSide;
import org.duallist.contracts.WarningLight;
import org.duallist.contracts.WarningLightChangedEvent;
import org.duallist.query.TaskEvents;
import org.duallist.query.query.SupervisionNoticeRecord;
import org.duallist.query.query.TaskRecord;
import org.duallist.query.query.TaskStatus;
import org.duallist.query.query.TaskSummary;
import org.duallist.testing.DualListTestStack;
import org.junit.jupiter.api.Test;

/** The projection's handlers, applied directly inside a transaction as the consumer does. */
@QuarkusTest
@WithTestResource(value = DualListTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "schema", value = "query"))
class TaskProjectionTest {

    @Inject
    TaskProjection projection;

    @Inject
    DataSource dataSource;

    @Test
    void aFiledTaskIsRecordedWithItsRegionPrefixes() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                projection.apply(TaskEvents.filed(id, "150102", TaskList.SUPPORT_THE_MILITARY, "随军家属就业", "新城区人民武装部")));

        TaskRecord task = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(task.status).isEqualTo(TaskStatus.SUBMITTED);
        assertThat(task.open).isFalse();
        assertThat(task.cityPrefix).isEqualTo("1501");
        assertThat(task.provincePrefix).isEqualTo("15");
        assertThat(task.requesterUnit).isEqualTo("新城区人民武装部");
    }

    @Test
    void registrationOpensTheTaskWithItsDeadlineAndUnits() {
        UUID id = UUID.randomUUID();
        LocalDate deadline = LocalDate.of(2026, 6, 30);
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市教育局", deadline));
        });

        TaskRecord task = QuarkusTransaction.requiringNew().call(() -> {
            TaskRecord t = TaskRecord.findById(id);
            t.coUnits.size();
            return t;
        });
        assertThat(task.status).isEqualTo(TaskStatus.REGISTERED);
        assertThat(task.open).isTrue();
        assertThat(task.deadline).isEqualTo(deadline);
        assertThat(task.responsibleUnit).isEqualTo("呼和浩特市教育局");
        assertThat(task.coUnits).containsExactly("呼和浩特市退役军人事务局");
    }

    @Test
    void aDeclinedTaskIsNotOpen() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150121", TaskList.SUPPORT_THE_PEOPLE, "防汛抢险", "土默特左旗人民政府"));
            projection.apply(TaskEvents.declined(id));
        });
        TaskRecord task = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(task.status).isEqualTo(TaskStatus.DECLINED);
        assertThat(task.open).isFalse();
        assertThat(task.declineReason).isEqualTo("不属于地方职责");
    }

    @Test
    void aClaimedTaskStaysOpenAndAWithdrawnOneCloses() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150104", TaskList.SUPPORT_THE_MILITARY, "营区道路", "玉泉区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市交通运输局", LocalDate.of(2026, 5, 1)));
            projection.apply(TaskEvents.claimed(id, "呼和浩特市交通运输局", 2));
        });
        TaskRecord claimed = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(claimed.status).isEqualTo(TaskStatus.CLAIMED);
        assertThat(claimed.open).isTrue();

        QuarkusTransaction.requiringNew().run(() -> projection.apply(TaskEvents.withdrawn(id, 3)));
        TaskRecord withdrawn = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(withdrawn.status).isEqualTo(TaskStatus.WITHDRAWN);
        assertThat(withdrawn.open).isFalse();
    }

    @Test
    void progressMovesTheTaskAlongEvenWhenItArrivesBeforeTheClaim() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1)));
            projection.apply(TaskEvents.progressReported(id, 40, 0));
            projection.apply(TaskEvents.claimed(id, "呼和浩特市教育局", 2));
        });
        TaskRecord working = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(working.status).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(working.percent).isEqualTo(40);

        QuarkusTransaction.requiringNew().run(() -> projection.apply(TaskEvents.completionAccepted(id, 1)));
        TaskRecord accepted = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(accepted.status).isEqualTo(TaskStatus.ACCEPTED);
        assertThat(accepted.percent).isEqualTo(100);
        assertThat(accepted.acceptedAt).isNotNull();
    }

    @Test
    void theTaskEndsTheSameWhicheverTopicsEventsAreAppliedFirst() {
        // registration's topic: filed, registered, claimed, reopened; progress's: a report, the acceptance
        List<List<String>> orders = List.of(
                List.of("filed", "registered", "claimed", "progress", "accepted", "reopened"),
                List.of("filed", "registered", "claimed", "reopened", "progress", "accepted"),
                // (an acceptance before the registration waits: the timeline refuses it, the consumer retries)
                List.of("filed", "progress", "registered", "claimed", "reopened", "accepted"),
                List.of("filed", "registered", "progress", "accepted", "claimed", "reopened"));
        List<String> rows = orders.stream().map(order -> {
            UUID id = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> order.forEach(event -> projection.apply(switch (event) {
                case "filed" -> TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部");
                case "registered" -> TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 9, 1));
                case "claimed" -> TaskEvents.claimed(id, "呼和浩特市教育局", 2);
                case "reopened" -> TaskEvents.reopened(id, LocalDate.of(2026, 10, 1), 3);
                case "progress" -> TaskEvents.progressReported(id, 40, 0);
                case "accepted" -> TaskEvents.completionAccepted(id, 1);
                default -> throw new IllegalArgumentException(event);
            })));
            return QuarkusTransaction.requiringNew().call(() -> {
                TaskRecord t = TaskRecord.findById(id);
                return String.join("|", String.valueOf(t.status), String.valueOf(t.statusChangedAt), String.valueOf(t.updatedAt),
                        String.valueOf(t.open), String.valueOf(t.percent), String.valueOf(t.acceptedAt), String.valueOf(t.completedOn),
                        String.valueOf(t.acceptanceCount), String.valueOf(t.reopenCount), String.valueOf(t.deadline),
                        String.valueOf(t.responsibleUnit), String.valueOf(t.registeredAt));
            });
        }).toList();

        assertThat(rows.get(0)).startsWith("IN_PROGRESS|" + TaskEvents.FILED_AT.plusSeconds(600_000) + "|"
                + TaskEvents.FILED_AT.plusSeconds(600_000) + "|true|100|null|null|1|1|2026-10-01|呼和浩特市教育局|");
        assertThat(rows).as("the same row whatever the order of arrival").containsOnly(rows.get(0));
    }

    @Test
    void anEventForAnUnknownTaskFailsSoThatItIsRetriedNotDropped() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                projection.apply(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 6, 30)))))
                .hasMessageContaining("arrived before the task was filed");
    }

    @Test
    void anAmendmentRewordsTheTaskAndAReopeningPutsItBackToWork() {
        UUID id = UUID.randomUUID();
        LocalDate newDeadline = LocalDate.of(2026, 9, 30);
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 6, 30)));
            projection.apply(TaskEvents.amended(id, "新内容", List.of("赛罕区人民政府"), 2));
            projection.apply(TaskEvents.claimed(id, "呼和浩特市教育局", 3));
            projection.apply(TaskEvents.completionAccepted(id, 0));
        });
        TaskRecord accepted = QuarkusTransaction.requiringNew().call(() -> {
            TaskRecord t = TaskRecord.findById(id);
            t.coUnits.size();
            return t;
        });
        assertThat(accepted.title).isEqualTo("修改后的事项");
        assertThat(accepted.content).isEqualTo("新内容");
        assertThat(accepted.coUnits).containsExactly("赛罕区人民政府");
        assertThat(accepted.status).isEqualTo(TaskStatus.ACCEPTED);

        QuarkusTransaction.requiringNew().run(() -> projection.apply(TaskEvents.reopened(id, newDeadline, 4)));
        TaskRecord reopened = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(reopened.status).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(reopened.open).isTrue();
        assertThat(reopened.deadline).isEqualTo(newDeadline);
        assertThat(reopened.reopenCount).isEqualTo(1);
        assertThat(reopened.acceptedAt).isNull();
    }

    /**
     * A registration's first stretch is written with the rest of its transaction, and a change later in
     * the same transaction (an acceptance) splits it; every stretch carries the task's scope.
     */
    @Test
    void theTimelineSplitsAtEachChangeAndEveryStretchCarriesTheTasksScope() throws Exception {
        UUID id = UUID.randomUUID();
        LocalDate newDeadline = LocalDate.of(2026, 9, 30);
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市教育局", LocalDate.of(2026, 6, 30)));
            projection.apply(TaskEvents.completionAccepted(id, 0));
        });
        QuarkusTransaction.requiringNew().run(() -> projection.apply(TaskEvents.reopened(id, newDeadline, 2)));

        List<String> stretches = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT valid_from, valid_to, deadline, open, acceptances, last_accepted_on, reopenings,
                            list, region_code, city_prefix, province_prefix, year, category, requester_unit
                     FROM task_period WHERE task_id = ? ORDER BY valid_from""")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= 14; column++) {
                        row.append(column == 1 ? "" : " ").append(rows.getString(column));
                    }
                    stretches.add(row.toString());
                }
            }
        }
        String scope = "SUPPORT_THE_MILITARY 150105 1501 15 2026 SPOUSE_EMPLOYMENT 赛罕区人民武装部";
        // registered 2026-03-03, accepted 2026-03-08 and reopened 2026-03-09 (Beijing time)
        assertThat(stretches).containsExactly(
                "2026-03-03 2026-03-08 2026-06-30 t 0 null 0 " + scope,
                "2026-03-08 2026-03-09 2026-06-30 t 1 2026-03-08 0 " + scope,
                "2026-03-09 null 2026-09-30 t 1 2026-03-08 1 " + scope);
    }

    @Test
    void supervisionEventsLightGradeAndAnswerTheTask() {
        UUID id = UUID.randomUUID();
        UUID notice = UUID.randomUUID();
        UUID audit = UUID.randomUUID();
        LocalDate deadline = LocalDate.of(2026, 6, 30);
        Actor system = new Actor("supervision-scheduler",
                ActorRole.SYSTEM, null, null, "150100");
        Actor unit = new Actor("zhao", ActorRole.UNIT,
                "呼和浩特市教育局", UnitSide.CIVIL, "150100");
        Instant at = Instant.parse("2026-07-08T02:00:00Z");
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150105", TaskList.SUPPORT_THE_MILITARY, "子女入学", "赛罕区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市教育局", deadline));
            projection.apply(supervision(id, 0, new WarningLightChangedEvent(id,
                    WarningLight.RED, WarningLight.YELLOW, "逾期1天",
                    LocalDate.of(2026, 7, 1), at, system)));
            projection.apply(supervision(id, 1, new SupervisionNoticeIssuedEvent(id, notice,
                    SupervisionGrade.NOTICE, "逾期7天", LocalDate.of(2026, 7, 12), false,
                    LocalDate.of(2026, 7, 7), at, system)));
            projection.apply(supervision(id, 2, new RectificationRespondedEvent(id, notice, "已整改",
                    false, at.plusSeconds(86_400), unit)));
            projection.apply(supervision(id, 3, new TaskAuditedEvent(id, audit,
                    AuditOutcome.FAILED, 1, "材料不全", at.plusSeconds(172_800),
                    new Actor("li", ActorRole.OFFICE, null, null, "150100"))));
        });
        TaskRecord task = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(task.light).isEqualTo(WarningLight.RED);
        assertThat(task.lightSince).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(task.grade).isEqualTo(SupervisionGrade.NOTICE);
        assertThat(task.noticeCount).isEqualTo(1);
        assertThat(task.lastAuditOutcome).isEqualTo(AuditOutcome.FAILED);
        SupervisionNoticeRecord stored = QuarkusTransaction.requiringNew()
                .call(() -> SupervisionNoticeRecord.findById(notice));
        assertThat(stored.response).isEqualTo("已整改");
        assertThat(stored.respondedOn).isEqualTo(LocalDate.of(2026, 7, 9));
        assertThat(stored.replyDue).isEqualTo(LocalDate.of(2026, 7, 12));
    }

    @Test
    void aLightThatArrivesAfterTheWithdrawalIsKeptButNotShownUntilTheTaskIsOpenAgain() {
        UUID id = UUID.randomUUID();
        Actor system = new Actor("supervision-scheduler", ActorRole.SYSTEM, null, null, "150100");
        QuarkusTransaction.requiringNew().run(() -> {
            projection.apply(TaskEvents.filed(id, "150104", TaskList.SUPPORT_THE_MILITARY, "营区照明", "玉泉区人民武装部"));
            projection.apply(TaskEvents.registered(id, "呼和浩特市交通运输局", LocalDate.of(2026, 5, 1)));
            projection.apply(TaskEvents.withdrawn(id, 2));
            // the supervision topic is read apart from registration's: its light may come after the withdrawal
            projection.apply(supervision(id, 0, new WarningLightChangedEvent(id, WarningLight.YELLOW, null, "临期",
                    LocalDate.of(2026, 4, 25), Instant.parse("2026-04-25T01:00:00Z"), system)));
        });
        TaskRecord withdrawn = QuarkusTransaction.requiringNew().call(() -> TaskRecord.findById(id));
        assertThat(withdrawn.light).isEqualTo(WarningLight.YELLOW);
        TaskSummary shown = QuarkusTransaction.requiringNew().call(() -> TaskSummary.of(TaskRecord.findById(id)));
        assertThat(shown.light()).isNull();
        assertThat(shown.lightSince()).isNull();
    }

    private static EventEnvelope supervision(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(),
                EventTypes.byPayloadType(data.getClass()).orElseThrow(), "/dual-list/supervision",
                id.toString(), Instant.now(), sequence, data);
    }
}
