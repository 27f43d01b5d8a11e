package org.duallist.query.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.query.query.TaskRecord;
import org.duallist.query.query.TaskStatus;

/** Projects the registration events into the {@code task} read model. */
@ApplicationScoped
public class TaskProjection implements EventProjection {

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION);
    }

    @Override
    public void apply(EventEnvelope event) {
        Object data = event.data();
        if (data instanceof TaskFiledEvent filed) {
            onFiled(filed);
        } else if (data instanceof TaskRegisteredEvent registered) {
            onRegistered(registered, event);
        } else if (data instanceof TaskDeclinedEvent declined) {
            onDeclined(declined, event);
        }
    }

    private void onFiled(TaskFiledEvent event) {
        TaskRecord task = new TaskRecord();
        task.id = event.taskId();
        task.taskList = event.list();
        task.regionCode = event.regionCode();
        task.cityPrefix = event.regionCode().substring(0, 4);
        task.provincePrefix = event.regionCode().substring(0, 2);
        task.listYear = event.year();
        task.title = event.title();
        task.content = event.content();
        task.category = event.category();
        task.requesterUnit = event.requesterUnit();
        task.contactName = event.contactName();
        task.contactPhone = event.contactPhone();
        task.status = TaskStatus.FILED;
        task.open = false;
        task.filedAt = event.filedAt();
        task.updatedAt = event.filedAt();
        task.persist();
    }

    private void onRegistered(TaskRegisteredEvent event, EventEnvelope envelope) {
        TaskRecord task = existing(event.taskId(), envelope);
        task.status = TaskStatus.REGISTERED;
        task.open = true;
        task.responsibleUnit = event.responsibleUnit();
        task.coUnits.clear();
        task.coUnits.addAll(new ArrayList<>(event.coUnits()));
        task.deadline = event.deadline();
        task.qualityRequirement = event.qualityRequirement();
        task.registeredAt = event.registeredAt();
        task.updatedAt = event.registeredAt();
    }

    private void onDeclined(TaskDeclinedEvent event, EventEnvelope envelope) {
        TaskRecord task = existing(event.taskId(), envelope);
        task.status = TaskStatus.DECLINED;
        task.open = false;
        task.declineReason = event.reason();
        task.declinedAt = event.declinedAt();
        task.updatedAt = event.declinedAt();
    }

    /**
     * Events of one task arrive in order on one partition, so the task exists; if it does not, the
     * event is retried rather than dropped, and the failure shows in the log.
     */
    private static TaskRecord existing(UUID taskId, EventEnvelope envelope) {
        TaskRecord task = TaskRecord.findById(taskId);
        if (task == null) {
            throw new IllegalStateException("event " + envelope.type().name() + " #" + envelope.sequence()
                    + " for task " + taskId + " arrived before the task was filed");
        }
        return task;
    }
}
