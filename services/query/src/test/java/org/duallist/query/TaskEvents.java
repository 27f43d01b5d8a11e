package org.duallist.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskCategory;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskList;
import org.duallist.contracts.TaskRegisteredEvent;

/** Registration events as they arrive from Kafka, for the query service's tests. */
public final class TaskEvents {

    public static final Instant FILED_AT = Instant.parse("2026-03-02T01:00:00Z");

    private TaskEvents() {
    }

    public static EventEnvelope filed(UUID id, String region, TaskList list, String title, String requester) {
        TaskCategory category = list == TaskList.SUPPORT_THE_MILITARY ? TaskCategory.SPOUSE_EMPLOYMENT : TaskCategory.DISASTER_RELIEF;
        return envelope(id, 0, new TaskFiledEvent(id, list, region, 2026, title, "内容：" + title, category, requester,
                "李干事", "13912345678", FILED_AT));
    }

    public static EventEnvelope registered(UUID id, String responsible, LocalDate deadline) {
        return envelope(id, 1, new TaskRegisteredEvent(id, responsible, List.of("呼和浩特市退役军人事务局"), deadline,
                "按期办结", FILED_AT.plusSeconds(86_400)));
    }

    public static EventEnvelope declined(UUID id) {
        return envelope(id, 1, new TaskDeclinedEvent(id, "不属于地方职责", FILED_AT.plusSeconds(3_600)));
    }

    private static EventEnvelope envelope(UUID id, long sequence, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.byPayloadType(data.getClass()).orElseThrow(),
                "/dual-list/registration", id.toString(), Instant.now(), sequence, data);
    }
}
