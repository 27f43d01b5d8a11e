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
    private static final Map<String, String> LABELS = Map.of(
            EventTypes.TASK_FILED.name(), "需求提报",
            EventTypes.TASK_REGISTERED.name(), "立项交办",
            EventTypes.TASK_DECLINED.name(), "不予立项",
            EventTypes.TASK_CLAIMED.name(), "签收",
            EventTypes.TASK_RETURNED.name(), "退回",
            EventTypes.TASK_REASSIGNED.name(), "改派",
            EventTypes.TASK_WITHDRAWN.name(), "撤销",
            EventTypes.EXTENSION_REQUESTED.name(), "延期申请",
            EventTypes.EXTENSION_APPROVED.name(), "批准延期",
            EventTypes.EXTENSION_REFUSED.name(), "驳回延期");

    private final ObjectMapper json = EventJson.newMapper();

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION);
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
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep event " + event.id(), e);
        }
        entry.persist();
    }
}
