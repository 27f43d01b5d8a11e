package org.duallist.progress.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.progress.query.TaskAssignment;

/** Learns from the registration events who requested each task, who must do it, and its state. */
@ApplicationScoped
public class TaskAssignmentProjection implements EventProjection {

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION);
    }

    @Override
    public void apply(EventEnvelope event) {
        Object data = event.data();
        if (data instanceof TaskFiledEvent filed) {
            TaskAssignment task = new TaskAssignment();
            task.taskId = filed.taskId();
            task.regionCode = filed.regionCode();
            task.requesterUnit = filed.requesterUnit();
            task.status = "FILED";
            task.updatedAt = filed.filedAt();
            task.persist();
        } else if (data instanceof TaskRegisteredEvent registered) {
            TaskAssignment task = existing(registered.taskId());
            task.responsibleUnit = registered.responsibleUnit();
            moveTo(task, "REGISTERED", registered.registeredAt());
        } else if (data instanceof TaskReassignedEvent reassigned) {
            TaskAssignment task = existing(reassigned.taskId());
            task.responsibleUnit = reassigned.responsibleUnit();
            moveTo(task, "REGISTERED", reassigned.reassignedAt());
        } else if (data instanceof TaskClaimedEvent claimed) {
            moveTo(existing(claimed.taskId()), "CLAIMED", claimed.claimedAt());
        } else if (data instanceof TaskReturnedEvent returned) {
            moveTo(existing(returned.taskId()), "RETURNED", returned.returnedAt());
        } else if (data instanceof TaskDeclinedEvent declined) {
            moveTo(existing(declined.taskId()), "DECLINED", declined.declinedAt());
        } else if (data instanceof TaskClosedEvent closed) {
            moveTo(existing(closed.taskId()), "CLOSED", closed.closedAt());
        } else if (data instanceof TaskReopenedEvent reopened) {
            TaskAssignment task = existing(reopened.taskId());
            task.reopenings++;
            moveTo(task, "CLAIMED", reopened.reopenedAt());
        } else if (data instanceof TaskWithdrawnEvent withdrawn) {
            moveTo(existing(withdrawn.taskId()), "WITHDRAWN", withdrawn.withdrawnAt());
        }
    }

    private static void moveTo(TaskAssignment task, String status, Instant at) {
        task.status = status;
        task.updatedAt = at;
    }

    private static TaskAssignment existing(UUID taskId) {
        TaskAssignment task = TaskAssignment.findById(taskId);
        if (task == null) {
            throw new IllegalStateException("registration event for task " + taskId + " arrived before its filing");
        }
        return task;
    }
}
