package org.duallist.query.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.duallist.contracts.Actor;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.EventJson;
import org.duallist.contracts.EventTypes;
import org.duallist.contracts.TaskEvent;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.query.query.TaskHistoryEntry;

/** Appends every task event to the task's audit trail (办理记录), never changing what is there. */
@ApplicationScoped
public class TaskHistoryProjection implements EventProjection {

    /** What people read for each step. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(EventTypes.TASK_FILED.name(), "需求提报"),
            Map.entry(EventTypes.TASK_REGISTERED.name(), "立项交办"),
            Map.entry(EventTypes.TASK_DECLINED.name(), "不予立项"),
            Map.entry(EventTypes.TASK_CLAIMED.name(), "签收"),
            Map.entry(EventTypes.TASK_RETURNED.name(), "退回"),
            Map.entry(EventTypes.TASK_REASSIGNED.name(), "改派"),
            Map.entry(EventTypes.TASK_WITHDRAWN.name(), "撤销"),
            Map.entry(EventTypes.EXTENSION_REQUESTED.name(), "延期申请"),
            Map.entry(EventTypes.EXTENSION_APPROVED.name(), "批准延期"),
            Map.entry(EventTypes.EXTENSION_REFUSED.name(), "驳回延期"),
            Map.entry(EventTypes.PROGRESS_REPORTED.name(), "进度反馈"),
            Map.entry(EventTypes.OBSTACLE_RAISED.name(), "困难问题"),
            Map.entry(EventTypes.OBSTACLE_RESOLVED.name(), "问题解决"),
            Map.entry(EventTypes.COMPLETION_REPORTED.name(), "办结反馈"),
            Map.entry(EventTypes.COMPLETION_ACCEPTED.name(), "验收通过"),
            Map.entry(EventTypes.COMPLETION_REJECTED.name(), "验收不通过"),
            Map.entry(EventTypes.TASK_RATED.name(), "评议"),
            Map.entry(EventTypes.TASK_CLOSED.name(), "销号"),
            Map.entry(EventTypes.TASK_AMENDED.name(), "修改"),
            Map.entry(EventTypes.TASK_REOPENED.name(), "重新办理"),
            Map.entry(EventTypes.WARNING_LIGHT_CHANGED.name(), "预警"),
            Map.entry(EventTypes.SUPERVISION_NOTICE_ISSUED.name(), "督办单"),
            Map.entry(EventTypes.RECTIFICATION_RESPONDED.name(), "整改反馈"),
            Map.entry(EventTypes.TASK_AUDITED.name(), "核查"));

    private final ObjectMapper json = EventJson.newMapper();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION, Topics.PROGRESS, Topics.SUPERVISION);
    }

    @Override
    public void apply(EventEnvelope event) {
        TaskHistoryEntry entry = new TaskHistoryEntry();
        entry.taskId = UUID.fromString(event.subject());
        entry.eventId = event.id();
        entry.source = event.source();
        entry.sequence = event.sequence();
        entry.type = event.type().name();
        entry.label = LABELS.getOrDefault(event.type().name(), event.type().name());
        entry.occurredAt = event.time();
        Actor actor = event.data() instanceof TaskEvent taskEvent ? taskEvent.actor() : null;
        if (actor != null) {
            entry.actorUser = actor.user();
            entry.actorRole = actor.role() == null ? null : actor.role().name();
            entry.actorUnit = actor.unit();
            entry.actorRegion = actor.region();
        }
        try {
            entry.details = json.writeValueAsString(event.data());
            entry.detailsRevision = event.type().revision();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep event " + event.id(), e);
        }
        entry.persist();
    }
}
