package org.duallist.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.Contact;
import org.duallist.contracts.Actor;
import org.duallist.contracts.ActorRole;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.UnitSide;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;

/** Registration events as they arrive from Kafka, for the query service's tests. */
public final class TaskEvents {

    public static final Instant FILED_AT = Instant.parse("2026-03-02T01:00:00Z");
    private static final Actor OFFICE = new Actor("office", ActorRole.OFFICE, null, null, "150000");

    private TaskEvents() {
    }

    public static EventEnvelope filed(UUID id, String region, TaskList list, String title, String requester) {
        TaskCategory category = list == TaskList.SUPPORT_THE_MILITARY ? TaskCategory.SPOUSE_EMPLOYMENT : TaskCategory.DISASTER_RELIEF;
        return envelope(id, 0, new TaskFiledEvent(id, list, region, 2026, title, "内容：" + title, category, requester,
                new Contact("李干事", "13912345678"), FILED_AT, new Actor("requester", ActorRole.UNIT, requester,
                list == TaskList.SUPPORT_THE_MILITARY ? UnitSide.MILITARY : UnitSide.CIVIL, region)));
    }

    public static EventEnvelope registered(UUID id, String responsible, LocalDate deadline) {
        return envelope(id, 1, new TaskRegisteredEvent(id, responsible, List.of("呼和浩特市退役军人事务局"), deadline,
                "按期办结", FILED_AT.plusSeconds(86_400), OFFICE));
    }

    public static EventEnvelope declined(UUID id) {
        return envelope(id, 1, new TaskDeclinedEvent(id, "不属于地方职责", FILED_AT.plusSeconds(3_600), OFFICE));
    }

    public static EventEnvelope claimed(UUID id, String unit, long sequence) {
        return envelope(id, sequence, new TaskClaimedEvent(id, FILED_AT.plusSeconds(172_800),
                new Actor("responsible", ActorRole.UNIT, unit, UnitSide.CIVIL, "150100")));
    }

    public static EventEnvelope withdrawn(UUID id, long sequence) {
        return envelope(id, sequence, new TaskWithdrawnEvent(id, "已自行解决", FILED_AT.plusSeconds(259_200),
                new Actor("requester", ActorRole.UNIT, "requester", UnitSide.MILITARY, "150100")));
    }

    public static EventEnvelope progressReported(UUID id, int percent, long sequence) {
        return progress(id, sequence, new ProgressReportedEvent(id, percent, "进展" + percent, null, null,
                FILED_AT.plusSeconds(400_000 + sequence), new Actor("responsible", ActorRole.UNIT, "责任单位", UnitSide.CIVIL, "150100")));
    }

    public static EventEnvelope completionAccepted(UUID id, long sequence) {
        return progress(id, sequence, new CompletionAcceptedEvent(id, FILED_AT.plusSeconds(500_000),
                new Actor("requester", ActorRole.UNIT, "requester", UnitSide.MILITARY, "150100")));
    }

    public static EventEnvelope amended(UUID id, String content, List<String> coUnits, long sequence) {
        return envelope(id, sequence, new org.duallist.contracts.TaskAmendedEvent(id, "修改后的事项", content, coUnits, "补充",
                FILED_AT.plusSeconds(100_000), OFFICE));
    }

    public static EventEnvelope reopened(UUID id, LocalDate deadline, long sequence) {
        return envelope(id, sequence, new org.duallist.contracts.TaskReopenedEvent(id, "核查未通过", deadline, null,
                FILED_AT.plusSeconds(600_000), OFFICE));
    }

    private static EventEnvelope progress(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/progress", id.toString(), Instant.now(), sequence, data);
    }

    private static EventEnvelope envelope(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), Instant.now(), sequence, data);
    }
}
