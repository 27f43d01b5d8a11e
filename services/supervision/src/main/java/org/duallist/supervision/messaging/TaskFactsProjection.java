package org.duallist.supervision.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import org.duallist.contracts.BusinessTime;
import org.duallist.contracts.CompletionAcceptedEvent;
import org.duallist.contracts.CompletionRejectedEvent;
import org.duallist.contracts.CompletionReportedEvent;
import org.duallist.contracts.EventEnvelope;
import org.duallist.contracts.ExtensionApprovedEvent;
import org.duallist.contracts.ProgressReportedEvent;
import org.duallist.contracts.TaskAmendedEvent;
import org.duallist.contracts.TaskClaimedEvent;
import org.duallist.contracts.TaskClosedEvent;
import org.duallist.contracts.TaskDeclinedEvent;
import org.duallist.contracts.TaskEvent;
import org.duallist.contracts.TaskFiledEvent;
import org.duallist.contracts.TaskReassignedEvent;
import org.duallist.contracts.TaskRegisteredEvent;
import org.duallist.contracts.TaskReopenedEvent;
import org.duallist.contracts.TaskReturnedEvent;
import org.duallist.contracts.TaskWithdrawnEvent;
import org.duallist.contracts.Topics;
import org.duallist.platform.messaging.EventProjection;
import org.duallist.platform.messaging.PrerequisiteMissingException;
import org.duallist.supervision.query.TaskFacts;

/**
 * Learns from the registration and progress events what supervision judges a task by: where and
 * whose it is, its deadline as it moves, its lifecycle, when its work began, and how far it is.
 * Events that change none of that (extension requests and refusals, obstacles, ratings) pass by.
 */
@ApplicationScoped
public class TaskFactsProjection implements EventProjection {

    @Override
    public Set<String> topics() {
        return Set.of(Topics.REGISTRATION, Topics.PROGRESS);
    }

    @Override
    public void apply(EventEnvelope event) {
        Object data = event.data();
        if (data instanceof TaskFiledEvent filed) {
            TaskFacts task = new TaskFacts();
            task.taskId = filed.taskId();
            task.regionCode = filed.regionCode();
            task.taskList = filed.list();
            task.category = filed.category();
            task.listYear = filed.year();
            task.title = filed.title();
            task.requesterUnit = filed.requesterUnit();
            task.status = "SUBMITTED";
            task.updatedAt = filed.filedAt();
            task.persist();
        } else if (data instanceof TaskRegisteredEvent registered) {
            TaskFacts task = existing(registered);
            assign(task, registered.responsibleUnit(), registered.coUnits());
            task.deadline = registered.deadline();
            moveTo(task, "REGISTERED", registered.registeredAt());
        } else if (data instanceof TaskReassignedEvent reassigned) {
            TaskFacts task = existing(reassigned);
            assign(task, reassigned.responsibleUnit(), reassigned.coUnits());
            if (reassigned.deadline() != null) {
                task.deadline = reassigned.deadline();
            }
            task.claimedOn = null;
            moveTo(task, "REGISTERED", reassigned.reassignedAt());
        } else if (data instanceof TaskClaimedEvent claimed) {
            TaskFacts task = existing(claimed);
            task.claimedOn = businessDate(claimed.claimedAt());
            moveTo(task, "CLAIMED", claimed.claimedAt());
        } else if (data instanceof TaskReturnedEvent returned) {
            moveTo(existing(returned), "RETURNED", returned.returnedAt());
        } else if (data instanceof TaskDeclinedEvent declined) {
            moveTo(existing(declined), "DECLINED", declined.declinedAt());
        } else if (data instanceof TaskWithdrawnEvent withdrawn) {
            moveTo(existing(withdrawn), "WITHDRAWN", withdrawn.withdrawnAt());
        } else if (data instanceof TaskAmendedEvent amended) {
            TaskFacts task = existing(amended);
            if (amended.title() != null) {
                task.title = amended.title();
            }
            task.coUnits.clear();
            task.coUnits.addAll(amended.coUnits());
            task.updatedAt = amended.amendedAt();
        } else if (data instanceof ExtensionApprovedEvent approved) {
            TaskFacts task = existing(approved);
            task.deadline = approved.newDeadline();
            task.updatedAt = approved.approvedAt();
        } else if (data instanceof TaskClosedEvent closed) {
            moveTo(existing(closed), "CLOSED", closed.closedAt());
        } else if (data instanceof TaskReopenedEvent reopened) {
            TaskFacts task = existing(reopened);
            task.reopenings++;
            task.completionReported = false;
            if (reopened.deadline() != null) {
                task.deadline = reopened.deadline();
            }
            // the work begins anew: progress is measured from the reopening to the new deadline
            task.claimedOn = businessDate(reopened.reopenedAt());
            moveTo(task, "CLAIMED", reopened.reopenedAt());
        } else if (data instanceof ProgressReportedEvent progress) {
            TaskFacts task = existing(progress);
            task.percent = progress.percent();
            task.updatedAt = progress.reportedAt();
        } else if (data instanceof CompletionReportedEvent reported) {
            TaskFacts task = existing(reported);
            task.completionReported = true;
            task.updatedAt = reported.reportedAt();
        } else if (data instanceof CompletionRejectedEvent rejected) {
            TaskFacts task = existing(rejected);
            task.completionReported = false;
            task.updatedAt = rejected.rejectedAt();
        } else if (data instanceof CompletionAcceptedEvent accepted) {
            TaskFacts task = existing(accepted);
            task.completionReported = false;
            task.acceptedCompletions++;
            task.percent = 100;
            task.updatedAt = accepted.acceptedAt();
        }
    }

    private static void assign(TaskFacts task, String responsibleUnit, java.util.List<String> coUnits) {
        task.responsibleUnit = responsibleUnit;
        task.coUnits.clear();
        task.coUnits.addAll(new ArrayList<>(coUnits));
    }

    private static void moveTo(TaskFacts task, String status, Instant at) {
        task.status = status;
        task.updatedAt = at;
    }

    private static LocalDate businessDate(Instant at) {
        return LocalDate.ofInstant(at, BusinessTime.ZONE);
    }

    /**
     * A progress event of a task whose filing (another topic's) is not applied yet waits: only its
     * partition is held back and tried again, the rest of the poll is applied.
     */
    private static TaskFacts existing(TaskEvent event) {
        UUID taskId = event.taskId();
        TaskFacts task = TaskFacts.findById(taskId);
        if (task == null) {
            throw new PrerequisiteMissingException(event.getClass().getSimpleName() + " of task " + taskId + " arrived before its filing");
        }
        return task;
    }
}
